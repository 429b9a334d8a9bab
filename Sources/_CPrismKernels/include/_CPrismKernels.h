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

/// The constants of one arc-cosine-family kernel (leaky family: relu, leaky_relu, abs) for
/// prism_arccos_gram_row; filled by PrismEvaluation (GramMatrix+ArcCosine.swift documents every
/// field and the error analysis).
typedef struct {
    int depth;          // L ≥ 1 hidden layers
    int ntk;            // 1: Θ^(L); 0: Σ^(L)
    int asinTerms;      // number of Taylor coefficients of asin(x)/x in x² (≤ 64)
    double w, wOverPi, wError;
    double gBound, pBound;  // Horner error bounds of G and P/φ on φ ∈ [0, π/2]
    double asinBound;       // Q: |x·q̂(fl(x²)) − asin x| ≤ x·Q + u·|x·q̂| on [0, 0.7072]
    double inputRelative;   // c_x: |x̂ − √r| ≤ c_x·x̂ (the computed half-angle sine)
    double inputAbsolute;   // the unequal-norm term, added to c_x·x̂
    double direction;       // angle between a computed unit row and its given row, two rows
    double g[14], p[14];
    double asinC[64];
} prism_arccos_params;

/// Row i of the Gram matrix of an arc-cosine kernel, entries j = i … n − 1: out[j] = K(cos θ_ij)
/// for the unit rows u_i (row-major, n × d) and the transposed copy ut (d × stride, stride a
/// multiple of 32 ≥ n, columns n … stride − 1 filled with any unit row). bound[0] is raised to
/// the largest error bound of the row, bound[1] to the largest relative bound B/(|K̂| − B)
/// (+∞ when |K̂| ≤ B). Separate multiplies and adds (no FMA): the same values on every path.
/// level: 2 AVX-512F, 1 AVX2, 0 baseline, −1 (or above the CPU's) the best the CPU supports.
void prism_arccos_gram_row(const prism_arccos_params *k, const double *u, const double *ut, size_t n,
                           size_t stride, size_t d, size_t i, double *out, double *bound, int level);

/// The instruction set prism_arccos_gram_row uses by default: 2 AVX-512F, 1 AVX2, 0 baseline.
int prism_arccos_gram_level(void);
#endif
