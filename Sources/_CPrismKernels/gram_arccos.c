// prism_arccos_gram_row on the widest vectors the CPU supports: the same body (gram_arccos_body.h)
// compiled for AVX-512F (32 lanes, four registers: independent chains), AVX2 (8 lanes) and the baseline (4 lanes), chosen
// at run time. Elementwise IEEE operations only and no FMA contraction, so every path gives the
// same bits.
#include "_CPrismKernels.h"
#if defined(__x86_64__)
#include <cpuid.h>
#endif

#pragma STDC FP_CONTRACT OFF
#pragma clang fp contract(off)

#define CAT_(a, b) a##b
#define CAT(a, b) CAT_(a, b)

#if defined(__x86_64__)
#pragma clang attribute push(__attribute__((target("avx512f"))), apply_to = function)
#define SUFFIX _avx512
#define VW 32
#include "gram_arccos_body.h"
#undef SUFFIX
#undef VW
#pragma clang attribute pop

#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#define SUFFIX _avx2
#define VW 8
#include "gram_arccos_body.h"
#undef SUFFIX
#undef VW
#pragma clang attribute pop

/// 1 when the CPU and the OS support AVX2 (CPUID leaf 7, XMM and YMM state enabled in XCR0).
static int prism_cpu_has_avx2(void) {
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27))) return 0; // OSXSAVE
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    if ((lo & 0x6) != 0x6) return 0;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return 0;
    return (b >> 5) & 1; // AVX2
}
#endif

#define SUFFIX _base
#define VW 4
#include "gram_arccos_body.h"
#undef SUFFIX
#undef VW

int prism_arccos_gram_level(void) {
#if defined(__x86_64__)
    static int level = -1; // racy but idempotent: every thread computes the same value
    if (level < 0) level = prism_cpu_has_avx512f() ? 2 : prism_cpu_has_avx2() ? 1 : 0;
    return level;
#else
    return 0;
#endif
}

void prism_arccos_gram_row(const prism_arccos_params *k, const double *u, const double *ut, size_t n,
                           size_t stride, size_t d, size_t i, double *out, double *bound, int level) {
    int best = prism_arccos_gram_level();
    if (level < 0 || level > best) level = best;
#if defined(__x86_64__)
    if (level == 2) { prism_arccos_gram_row_avx512(k, u, ut, n, stride, d, i, out, bound); return; }
    if (level == 1) { prism_arccos_gram_row_avx2(k, u, ut, n, stride, d, i, out, bound); return; }
#endif
    prism_arccos_gram_row_base(k, u, ut, n, stride, d, i, out, bound);
}
