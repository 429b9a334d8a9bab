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

// MARK: interval convolution (in place, no allocation per term)
// [lo, hi] += [al, au]·[bl, bu]: the product's lower end rounded down into t and added to lo (rounded
// down), its upper end likewise up; the sign cases of Interval's `*` (two multiplications unless both
// factors contain 0). t, u: scratch at the accumulators' precision.
PRISM_INLINE void prism_mpfr_interval_addmul(mpfr_ptr lo, mpfr_ptr hi, mpfr_srcptr al, mpfr_srcptr au,
                                             mpfr_srcptr bl, mpfr_srcptr bu, mpfr_ptr t, mpfr_ptr u) {
    int sal = mpfr_sgn(al), sau = mpfr_sgn(au), sbl = mpfr_sgn(bl), sbu = mpfr_sgn(bu);
    mpfr_srcptr l1, l2, h1, h2;
    if (sal >= 0) {
        if (sbl >= 0) { l1 = al; l2 = bl; h1 = au; h2 = bu; }
        else if (sbu <= 0) { l1 = au; l2 = bl; h1 = al; h2 = bu; }
        else { l1 = au; l2 = bl; h1 = au; h2 = bu; }
    } else if (sau <= 0) {
        if (sbl >= 0) { l1 = al; l2 = bu; h1 = au; h2 = bl; }
        else if (sbu <= 0) { l1 = au; l2 = bu; h1 = al; h2 = bl; }
        else { l1 = al; l2 = bu; h1 = al; h2 = bl; }
    } else if (sbl >= 0) { l1 = al; l2 = bu; h1 = au; h2 = bu; }
    else if (sbu <= 0) { l1 = au; l2 = bl; h1 = al; h2 = bl; }
    else {
        // Both contain 0 in their interiors: min of al·bu, au·bl; max of al·bl, au·bu.
        mpfr_mul(t, al, bu, MPFR_RNDD); mpfr_mul(u, au, bl, MPFR_RNDD);
        mpfr_add(lo, lo, mpfr_less_p(u, t) ? u : t, MPFR_RNDD);
        mpfr_mul(t, al, bl, MPFR_RNDU); mpfr_mul(u, au, bu, MPFR_RNDU);
        mpfr_add(hi, hi, mpfr_greater_p(u, t) ? u : t, MPFR_RNDU);
        return;
    }
    mpfr_mul(t, l1, l2, MPFR_RNDD); mpfr_add(lo, lo, t, MPFR_RNDD);
    mpfr_mul(t, h1, h2, MPFR_RNDU); mpfr_add(hi, hi, t, MPFR_RNDU);
}
// [lo_k, hi_k] += Σ_{i+j=n} [al_i, au_i]·[bl_j, bu_j] for n = first + k, k < count (i < na, j < nb); the
// accumulators are initialised by the caller (all of one precision, which the scratch values take).
PRISM_INLINE void prism_mpfr_interval_convolution(mpfr_ptr const *lo, mpfr_ptr const *hi, long first, long count,
                                                  mpfr_srcptr const *al, mpfr_srcptr const *au, long na,
                                                  mpfr_srcptr const *bl, mpfr_srcptr const *bu, long nb) {
    if (count <= 0) return;
    mpfr_t t, u;
    mpfr_init2(t, mpfr_get_prec(lo[0]));
    mpfr_init2(u, mpfr_get_prec(lo[0]));
    for (long k = 0; k < count; k++) {
        long n = first + k;
        long low = n - (nb - 1) > 0 ? n - (nb - 1) : 0, high = n < na - 1 ? n : na - 1;
        for (long i = low; i <= high; i++) prism_mpfr_interval_addmul(lo[k], hi[k], al[i], au[i], bl[n - i], bu[n - i], t, u);
    }
    mpfr_clear(t);
    mpfr_clear(u);
}

// [lo_j, hi_j] += Σ_{i<n} [al_m, au_m]·[xl_i, xu_i], m = (r·n + i)·stride + c, for j = r·stride + c (r < rows, c < stride):
// a table of rows·n·stride intervals contracted with x along its middle index (no allocation per term).
PRISM_INLINE void prism_mpfr_interval_contraction(mpfr_ptr const *lo, mpfr_ptr const *hi, long rows, long n, long stride,
                                                  mpfr_srcptr const *al, mpfr_srcptr const *au,
                                                  mpfr_srcptr const *xl, mpfr_srcptr const *xu) {
    if (rows <= 0 || stride <= 0) return;
    mpfr_t t, u;
    mpfr_init2(t, mpfr_get_prec(lo[0]));
    mpfr_init2(u, mpfr_get_prec(lo[0]));
    for (long r = 0; r < rows; r++) {
        for (long c = 0; c < stride; c++) {
            long j = r * stride + c;
            for (long i = 0; i < n; i++) {
                long m = (r * n + i) * stride + c;
                prism_mpfr_interval_addmul(lo[j], hi[j], al[m], au[m], xl[i], xu[i], t, u);
            }
        }
    }
    mpfr_clear(t);
    mpfr_clear(u);
}

// MARK: C99 hexadecimal formatting of a double ("%a"); Swift cannot call printf.
PRISM_INLINE int prism_format_hex_double(char *buf, size_t size, double x) {
    return snprintf(buf, size, "%a", x);
}

#endif
