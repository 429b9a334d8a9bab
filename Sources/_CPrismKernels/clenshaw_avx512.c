#include "_CPrismKernels.h"
#include <cpuid.h>
#include <string.h>

// No contraction of a*b + c into FMA anywhere in this file: the error bounds of PrismEvaluation
// (and bit-identity with its scalar path) assume each multiply and add is rounded separately.
#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

int prism_cpu_has_avx512f(void) {
#if defined(__x86_64__)
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27))) return 0; // OSXSAVE
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 0xe6) != 0xe6) return 0; // XMM, YMM, opmask, ZMM_Hi256, Hi16_ZMM state enabled
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b >> 16) & 1; // AVX512F
#else
    return 0;
#endif
}

#if defined(__x86_64__)
typedef double v8d __attribute__((vector_size(64)));

__attribute__((target("avx512f"))) static inline v8d load8(const double *p) { v8d v; memcpy(&v, p, sizeof v); return v; }
__attribute__((target("avx512f"))) static inline void store8(double *p, v8d v) { memcpy(p, &v, sizeof v); }
__attribute__((target("avx512f"))) static inline v8d splat(double s) { v8d v = {s, s, s, s, s, s, s, s}; return v; }

/// One step on 8 points: b_new = (s·b1) + (c − g·b2), each operation rounded.
#define STEP(S, B1, B2, C, G) ({ v8d p1_ = (S) * (B1); v8d p2_ = (G) * (B2); v8d v_ = (C) - p2_; p1_ + v_; })

__attribute__((target("avx512f")))
void prism_series_avx512(int kind, const double *x, double *y, size_t count,
                         const double *c, const double *alpha, const double *gamma, size_t degree) {
    const size_t n = degree;
    for (size_t i = 0; i + 32 <= count; i += 32) {
        v8d x0 = load8(x + i), x1 = load8(x + i + 8), x2 = load8(x + i + 16), x3 = load8(x + i + 24);
        v8d r0, r1, r2, r3;
        if (kind == 0) {
            v8d cn = splat(c[n]);
            r0 = cn; r1 = cn; r2 = cn; r3 = cn;
            for (size_t k = n; k-- > 0;) {
                v8d ck = splat(c[k]);
                v8d p0 = x0 * r0, p1 = x1 * r1, p2 = x2 * r2, p3 = x3 * r3;
                r0 = p0 + ck; r1 = p1 + ck; r2 = p2 + ck; r3 = p3 + ck;
            }
        } else {
            v8d b0 = splat(0), b1 = b0, b2 = b0, b3 = b0, d0 = b0, d1 = b0, d2 = b0, d3 = b0;
            v8d s0, s1, s2, s3;
            if (kind == 1) {
                v8d a1 = splat(n >= 1 ? alpha[1] : alpha[0]);
                s0 = a1 * x0; s1 = a1 * x1; s2 = a1 * x2; s3 = a1 * x3;
            }
            for (size_t k = n + 1; k-- > (kind == 1 ? 1 : 0);) {
                v8d ck = splat(c[k]), gk = splat(gamma[k]);
                if (kind == 2) {
                    v8d ak = splat(alpha[k]);
                    s0 = ak * x0; s1 = ak * x1; s2 = ak * x2; s3 = ak * x3;
                }
                v8d n0 = STEP(s0, b0, d0, ck, gk), n1 = STEP(s1, b1, d1, ck, gk);
                v8d n2 = STEP(s2, b2, d2, ck, gk), n3 = STEP(s3, b3, d3, ck, gk);
                d0 = b0; d1 = b1; d2 = b2; d3 = b3;
                b0 = n0; b1 = n1; b2 = n2; b3 = n3;
            }
            if (kind == 1) { // the step k = 0 uses α_0
                v8d ck = splat(c[0]), gk = splat(gamma[0]), a0 = splat(alpha[0]);
                v8d t0 = a0 * x0, t1 = a0 * x1, t2 = a0 * x2, t3 = a0 * x3;
                b0 = STEP(t0, b0, d0, ck, gk); b1 = STEP(t1, b1, d1, ck, gk);
                b2 = STEP(t2, b2, d2, ck, gk); b3 = STEP(t3, b3, d3, ck, gk);
            }
            r0 = b0; r1 = b1; r2 = b2; r3 = b3;
        }
        store8(y + i, r0); store8(y + i + 8, r1); store8(y + i + 16, r2); store8(y + i + 24, r3);
    }
}
#else
void prism_series_avx512(int kind, const double *x, double *y, size_t count,
                         const double *c, const double *alpha, const double *gamma, size_t degree) {
    (void)kind; (void)x; (void)y; (void)count; (void)c; (void)alpha; (void)gamma; (void)degree;
}
#endif
