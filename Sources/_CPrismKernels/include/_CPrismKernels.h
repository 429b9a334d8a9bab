// Batch kernels of PrismEvaluation for CPUs with AVX-512 (runtime dispatch; see clenshaw_avx512.c).
#ifndef CPRISM_KERNELS_H
#define CPRISM_KERNELS_H
#include <stddef.h>

/// 1 when the CPU and the OS support AVX-512F (CPUID leaf 7 and XCR0), else 0.
int prism_cpu_has_avx512f(void);

/// Values of a series at count points (count a multiple of 32), by exactly the operations of
/// PrismEvaluation's scalar kernels in the same order, with separate multiplies and adds (no FMA),
/// so each value is bit-identical to the scalar path. kind 0: Horner, y = x·y + c_i;
/// kind 1: Clenshaw with α_k = α_1 (k ≥ 1); kind 2: Clenshaw with α_k per step.
/// b_k = (α_k x) b_{k+1} + (c_k − γ_k b_{k+2}), S = b_0. Call only when prism_cpu_has_avx512f().
void prism_series_avx512(int kind, const double *x, double *y, size_t count,
                         const double *c, const double *alpha, const double *gamma, size_t degree);
#endif
