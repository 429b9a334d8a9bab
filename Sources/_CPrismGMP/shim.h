// GMP's mpz_*/mpq_* names are preprocessor aliases of __gmpz_*/__gmpq_*, and
// several are function-like macros; Swift imports neither. This header turns
// the ones Prism uses into real (always-inlined) functions. MPFR's functions
// import directly; only its macro-only entry points are wrapped here.
#ifndef PRISM_GMP_SHIM_H
#define PRISM_GMP_SHIM_H

#include <stddef.h>
#include <stdio.h>
#include <stdarg.h>
#include <gmp.h>
#include <mpfr.h>

#define PRISM_INLINE static inline __attribute__((always_inline))

// MARK: mpz
PRISM_INLINE void prism_mpz_init(mpz_ptr z) { mpz_init(z); }
PRISM_INLINE void prism_mpz_clear(mpz_ptr z) { mpz_clear(z); }
PRISM_INLINE void prism_mpz_set(mpz_ptr r, mpz_srcptr a) { mpz_set(r, a); }
PRISM_INLINE void prism_mpz_set_si(mpz_ptr r, long a) { mpz_set_si(r, a); }
PRISM_INLINE void prism_mpz_set_ui(mpz_ptr r, unsigned long a) { mpz_set_ui(r, a); }
PRISM_INLINE int prism_mpz_set_str(mpz_ptr r, const char *s, int base) { return mpz_set_str(r, s, base); }
PRISM_INLINE char *prism_mpz_get_str(char *buf, int base, mpz_srcptr a) { return mpz_get_str(buf, base, a); }
PRISM_INLINE long prism_mpz_get_si(mpz_srcptr a) { return mpz_get_si(a); }
PRISM_INLINE int prism_mpz_fits_slong_p(mpz_srcptr a) { return mpz_fits_slong_p(a); }
PRISM_INLINE int prism_mpz_sgn(mpz_srcptr a) { return mpz_sgn(a); }
PRISM_INLINE int prism_mpz_cmp(mpz_srcptr a, mpz_srcptr b) { return mpz_cmp(a, b); }
PRISM_INLINE int prism_mpz_cmpabs(mpz_srcptr a, mpz_srcptr b) { return mpz_cmpabs(a, b); }
PRISM_INLINE int prism_mpz_cmp_si(mpz_srcptr a, long b) { return mpz_cmp_si(a, b); }
PRISM_INLINE void prism_mpz_add(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_add(r, a, b); }
PRISM_INLINE void prism_mpz_sub(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_sub(r, a, b); }
PRISM_INLINE void prism_mpz_mul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_mul(r, a, b); }
PRISM_INLINE void prism_mpz_mul_si(mpz_ptr r, mpz_srcptr a, long b) { mpz_mul_si(r, a, b); }
PRISM_INLINE void prism_mpz_addmul(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_addmul(r, a, b); }
PRISM_INLINE void prism_mpz_neg(mpz_ptr r, mpz_srcptr a) { mpz_neg(r, a); }
PRISM_INLINE void prism_mpz_abs(mpz_ptr r, mpz_srcptr a) { mpz_abs(r, a); }
PRISM_INLINE void prism_mpz_tdiv_qr(mpz_ptr q, mpz_ptr r, mpz_srcptr n, mpz_srcptr d) { mpz_tdiv_qr(q, r, n, d); }
PRISM_INLINE void prism_mpz_fdiv_qr(mpz_ptr q, mpz_ptr r, mpz_srcptr n, mpz_srcptr d) { mpz_fdiv_qr(q, r, n, d); }
PRISM_INLINE void prism_mpz_divexact(mpz_ptr q, mpz_srcptr n, mpz_srcptr d) { mpz_divexact(q, n, d); }
PRISM_INLINE int prism_mpz_divisible_p(mpz_srcptr n, mpz_srcptr d) { return mpz_divisible_p(n, d); }
PRISM_INLINE void prism_mpz_pow_ui(mpz_ptr r, mpz_srcptr b, unsigned long e) { mpz_pow_ui(r, b, e); }
PRISM_INLINE void prism_mpz_ui_pow_ui(mpz_ptr r, unsigned long b, unsigned long e) { mpz_ui_pow_ui(r, b, e); }
PRISM_INLINE void prism_mpz_gcd(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_gcd(r, a, b); }
PRISM_INLINE void prism_mpz_lcm(mpz_ptr r, mpz_srcptr a, mpz_srcptr b) { mpz_lcm(r, a, b); }
PRISM_INLINE void prism_mpz_fac_ui(mpz_ptr r, unsigned long n) { mpz_fac_ui(r, n); }
PRISM_INLINE void prism_mpz_2fac_ui(mpz_ptr r, unsigned long n) { mpz_2fac_ui(r, n); }
PRISM_INLINE void prism_mpz_bin_ui(mpz_ptr r, mpz_srcptr n, unsigned long k) { mpz_bin_ui(r, n, k); }
PRISM_INLINE int prism_mpz_root(mpz_ptr r, mpz_srcptr a, unsigned long n) { return mpz_root(r, a, n); }
PRISM_INLINE size_t prism_mpz_sizeinbase(mpz_srcptr a, int base) { return mpz_sizeinbase(a, base); }
PRISM_INLINE size_t prism_mpz_size(mpz_srcptr a) { return mpz_size(a); }
PRISM_INLINE mp_limb_t prism_mpz_getlimbn(mpz_srcptr a, mp_size_t n) { return mpz_getlimbn(a, n); }
PRISM_INLINE void prism_mpz_mul_2exp(mpz_ptr r, mpz_srcptr a, mp_bitcnt_t n) { mpz_mul_2exp(r, a, n); }
PRISM_INLINE unsigned long prism_mpz_fdiv_ui(mpz_srcptr a, unsigned long d) { return mpz_fdiv_ui(a, d); }
PRISM_INLINE unsigned long prism_mpz_divexact_ui(mpz_ptr q, mpz_srcptr n, unsigned long d) { mpz_divexact_ui(q, n, d); return 0; }
PRISM_INLINE int prism_mpz_divisible_ui_p(mpz_srcptr n, unsigned long d) { return mpz_divisible_ui_p(n, d); }

PRISM_INLINE void prism_mpz_fdiv_q_2exp(mpz_ptr r, mpz_srcptr a, mp_bitcnt_t n) { mpz_fdiv_q_2exp(r, a, n); }
PRISM_INLINE void prism_mpz_cdiv_q_2exp(mpz_ptr r, mpz_srcptr a, mp_bitcnt_t n) { mpz_cdiv_q_2exp(r, a, n); }
// Kronecker substitution: r = Σ_i |c_i| 2^{64·slot·i}, each |c_i| below 2^{64·slot} (the caller checks).
PRISM_INLINE void prism_mpz_pack(mpz_ptr r, mpz_srcptr const *c, long n, long slot) {
    mp_limb_t *out = mpz_limbs_write(r, n * slot > 0 ? n * slot : 1);
    for (long i = 0; i < n * slot; i++) out[i] = 0;
    for (long i = 0; i < n; i++) {
        size_t size = mpz_size(c[i]);
        const mp_limb_t *limbs = mpz_limbs_read(c[i]);
        for (size_t j = 0; j < size && (long)j < slot; j++) out[i * slot + j] = limbs[j];
    }
    mpz_limbs_finish(r, n * slot);
}
// r = slot i of x ≥ 0: ⌊x / 2^{64·slot·i}⌋ mod 2^{64·slot}.
PRISM_INLINE void prism_mpz_unpack_slot(mpz_ptr r, mpz_srcptr x, long i, long slot) {
    long size = (long)mpz_size(x), start = i * slot;
    long count = size - start < slot ? size - start : slot;
    if (count <= 0) { mpz_set_ui(r, 0); return; }
    const mp_limb_t *limbs = mpz_limbs_read(x);
    mp_limb_t *out = mpz_limbs_write(r, count);
    for (long j = 0; j < count; j++) out[j] = limbs[start + j];
    mpz_limbs_finish(r, count);
}

// MARK: mpq
PRISM_INLINE void prism_mpq_init(mpq_ptr q) { mpq_init(q); }
PRISM_INLINE void prism_mpq_clear(mpq_ptr q) { mpq_clear(q); }
PRISM_INLINE void prism_mpq_set(mpq_ptr r, mpq_srcptr a) { mpq_set(r, a); }
PRISM_INLINE void prism_mpq_set_z(mpq_ptr r, mpz_srcptr a) { mpq_set_z(r, a); }
PRISM_INLINE void prism_mpq_set_num_den(mpq_ptr r, mpz_srcptr n, mpz_srcptr d) {
    mpz_set(mpq_numref(r), n); mpz_set(mpq_denref(r), d); mpq_canonicalize(r);
}
PRISM_INLINE mpz_srcptr prism_mpq_numref(mpq_srcptr q) { return mpq_numref(q); }
PRISM_INLINE mpz_srcptr prism_mpq_denref(mpq_srcptr q) { return mpq_denref(q); }
PRISM_INLINE int prism_mpq_sgn(mpq_srcptr q) { return mpq_sgn(q); }
PRISM_INLINE int prism_mpq_cmp(mpq_srcptr a, mpq_srcptr b) { return mpq_cmp(a, b); }
PRISM_INLINE int prism_mpq_equal(mpq_srcptr a, mpq_srcptr b) { return mpq_equal(a, b); }
PRISM_INLINE void prism_mpq_add(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_add(r, a, b); }
PRISM_INLINE void prism_mpq_sub(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_sub(r, a, b); }
PRISM_INLINE void prism_mpq_mul(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_mul(r, a, b); }
PRISM_INLINE void prism_mpq_div(mpq_ptr r, mpq_srcptr a, mpq_srcptr b) { mpq_div(r, a, b); }
PRISM_INLINE void prism_mpq_neg(mpq_ptr r, mpq_srcptr a) { mpq_neg(r, a); }
PRISM_INLINE void prism_mpq_abs(mpq_ptr r, mpq_srcptr a) { mpq_abs(r, a); }
PRISM_INLINE void prism_mpq_inv(mpq_ptr r, mpq_srcptr a) { mpq_inv(r, a); }

// MARK: mpfr macro-only entry points
PRISM_INLINE int prism_mpfr_sgn(mpfr_srcptr x) { return mpfr_sgn(x); }

// MARK: C99 hexadecimal formatting of a double ("%a"); Swift cannot call printf.
PRISM_INLINE int prism_format_hex_double(char *buf, size_t size, double x) {
    return snprintf(buf, size, "%a", x);
}

#endif
