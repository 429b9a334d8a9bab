// The body of prism_arccos_gram_row, included by gram_arccos.c once per instruction set with
// SUFFIX (function-name suffix) and VW (lanes per vector) defined. Every operation is elementwise
// IEEE-754 binary64 (+, −, ×, ÷, √, min, max, compare), so each lane's value is the same for
// every VW and instruction set. The formulas and their error analysis: GramMatrix+ArcCosine.swift.

typedef double CAT(vd, SUFFIX) __attribute__((ext_vector_type(VW)));
typedef long CAT(vm, SUFFIX) __attribute__((ext_vector_type(VW)));
#define V CAT(vd, SUFFIX)
#define M CAT(vm, SUFFIX)

/// B·(1 + (2m + 2)u) + 2⁻¹⁰⁷⁰: RoundingModel.inflate for a non-negative B after m roundings.
/// (Macros, not functions: vector arguments would cross the ABI of the baseline target.)
#define INFLATE(b, m) ((b) * (1 + (2 * (m) + 2) * 0x1p-53) + 0x1p-1070)
/// Horner on c[0 … n−1] at z, into y.
#define HORNER(y, c, n, z) do { y = (c)[(n) - 1]; for (int k_ = (n) - 2; k_ >= 0; k_--) y = (z) * y + (c)[k_]; } while (0)
/// Σ_{k<n} c_k zᵏ (n even) as A(z²) + z·B(z²), two independent Horner chains (half the latency).
#define HORNER2(y, c, n, z) do { \
    V w_ = (z) * (z), a_ = (c)[(n) - 2], b_ = (c)[(n) - 1]; \
    for (int k_ = (n) - 4; k_ >= 0; k_ -= 2) { a_ = w_ * a_ + (c)[k_]; b_ = w_ * b_ + (c)[k_ + 1]; } \
    y = a_ + (z) * b_; } while (0)

void CAT(prism_arccos_gram_row, SUFFIX)(const prism_arccos_params *k, const double *u, const double *ut, size_t n,
                                         size_t stride, size_t d, size_t i, double *out, double *bound) {
    const double eps = 0x1p-53, pi = 3.141592653589793;
    const double w = k->w, wOverPi = k->wOverPi, wError = k->wError, oneMinusW = 1 - w, twoMinusW = 2 - w;
    const double absOneMinusW = oneMinusW < 0 ? -oneMinusW : oneMinusW;
    const double *a = u + i * d;
    double worst = bound[0], worstRelative = bound[1];
    V worstV = 0, worstRelativeV = 0;
    for (size_t j0 = i - i % VW; j0 < n; j0 += VW) {
        // m = ‖a − b‖², p = ‖a + b‖² (recursive sums over the coordinates).
        V m = 0, p = 0;
        for (size_t c = 0; c < d; c++) {
            V b;
            __builtin_memcpy(&b, ut + c * stride + j0, sizeof b);
            V dm = a[c] - b, dp = a[c] + b;
            m = m + dm * dm;
            p = p + dp * dp;
        }
        // The half-angle sine x of h = θ (m ≤ p) or h = π − θ (flip), x ≤ 1/√2·(1 + 2u).
        M flip = m > p;
        V lo = flip ? p : m;
        V x = __builtin_elementwise_sqrt(lo / (m + p));
        V z = x * x;
        V as;
        HORNER2(as, k->asinC, k->asinTerms, z);
        as = x * as;
        V h = 2 * as;
        V ex = k->inputRelative * x + k->inputAbsolute;
        V e = INFLATE(2 * (x * k->asinBound + eps * as) + 2.83 * ex + k->direction, 8);
        // Θ^(0) = cos θ = ±(1 − 2x²).
        V theta0 = 1 - 2 * z;
        theta0 = flip ? -theta0 : theta0;
        V theta0Error = INFLATE(k->direction + 2 * ex * (2 * x + ex) + 2 * eps * z
                                              + eps * __builtin_elementwise_abs(theta0), 6);
        V sigma = 0, sigmaError = 0;
        for (int layer = 0; layer < k->depth; layer++) {
            // G(h), P(h) by their series in h² ≤ 2.5.
            V h2 = h * h;
            V G, P;
            HORNER(G, k->g, 14, h2);
            HORNER(P, k->p, 14, h2);
            P = h * P;
            V absP = __builtin_elementwise_abs(P);
            V pError = INFLATE(h * k->pBound + eps * absP, 2);
            // Not flipped: F = G − (w/π)P, s = h·√(F/2). Flipped: D = (2 − w) − h²((1 − w)G + (w/π)P), s = √(D/2).
            V F = G - wOverPi * P;
            V fError = INFLATE(k->gBound + wOverPi * (pError + 3 * eps * absP) + eps * __builtin_elementwise_abs(F), 4);
            V q = oneMinusW * G + wOverPi * P;
            V absQ = __builtin_elementwise_abs(q);
            V qError = absOneMinusW * k->gBound + (wError + 2 * eps * absOneMinusW) * G
                       + wOverPi * (pError + 3 * eps * absP) + eps * absQ;
            V D = twoMinusW - h2 * q;
            V dError = INFLATE(wError + eps * twoMinusW + h2 * (qError + 3 * eps * absQ) + eps * __builtin_elementwise_abs(D), 8);
            V value = flip ? D : F, valueError = flip ? dError : fError;
            V root = __builtin_elementwise_sqrt(__builtin_elementwise_max(value, (V)0) / 2);
            // |√a − √b| ≤ min(√|a − b|, |a − b|/√a), either one a bound; the √ only where it is the smaller.
            V half = valueError / 2;
            V rootError = half / root;
            M small = root * root < half;
            if (__builtin_reduce_or(small)) rootError = __builtin_elementwise_min(__builtin_elementwise_sqrt(half), rootError);
            V s = flip ? root : h * root;
            V sLocal = flip ? rootError + eps * s : h * rootError + 2.01 * eps * s;
            s = __builtin_elementwise_min(s, (V)1);
            V sError = INFLATE(sLocal + e / 2, 2);
            // Σ = 1 − 2s².
            sigma = 1 - 2 * s * s;
            sigmaError = INFLATE(2 * (2 * s + sError) * sError + 4 * eps * s * s + eps * __builtin_elementwise_abs(sigma), 4);
            if (k->ntk) {
                // Σ̇ = 1 − (w/π)φ: 1 − (w/π)h, or (1 − w) + (w/π)h when flipped (φ = π − h).
                V product = wOverPi * h;
                V sigmaDot = flip ? oneMinusW + product : 1 - product;
                V absSigmaDot = __builtin_elementwise_abs(sigmaDot);
                V sigmaDotError = wOverPi * e + 5 * eps * product + eps * absSigmaDot
                                  + (flip ? (V)(wError + eps * absOneMinusW) : (V)0);
                V term = sigmaDot * theta0;
                V updated = sigma + term;
                V updatedError = sigmaError + absSigmaDot * theta0Error
                                 + (__builtin_elementwise_abs(theta0) + theta0Error) * sigmaDotError
                                 + eps * __builtin_elementwise_abs(term) + eps * __builtin_elementwise_abs(updated);
                theta0 = updated;
                theta0Error = INFLATE(updatedError, 8);
            }
            if (layer == k->depth - 1) break;
            // The next angle φ' = 2 asin s: h' = 2 asin s (s ≤ 0.7071), else h' = π − φ' = 2 asin √((1 − s)(1 + s))
            // (1 − s exact). The local error of s through the slope 2/√(1 − t²) of both at t ≥ s + ε_s:
            // 2(1 + 0.8285t²) when every lane has s ≤ 0.7071 and s + ε_s ≤ 0.70711 (no flip), else per lane with
            // t = fl(s + ε_s)·(1 + 4u) ≥ s + ε_s and 1 − t² = (1 − t)(1 + t) (no cancellation).
            V top = s + sLocal;
            flip = s > 0.7071;
            V local, extra = 0;
            if (__builtin_reduce_or(flip | (top > 0.70711))) {
                V cosine = __builtin_elementwise_sqrt((1 - s) * (1 + s));
                x = flip ? cosine : s;
                extra = flip ? 5.71 * eps * x : (V)0;
                V t = top * (1 + 4 * eps);
                V room = (1 - t) * (1 + t);
                local = room > 0 ? 2 * sLocal / __builtin_elementwise_sqrt(room) : (V)pi;
            } else {
                x = s;
                local = 2 * sLocal * (1 + 0.8285 * top * top); // 1/√(1 − y) ≤ 1 + 0.8285y on [0, 0.50001] (convex: the chord)
            }
            z = x * x;
            HORNER2(as, k->asinC, k->asinTerms, z);
            as = x * as;
            h = 2 * as;
            V eNext = INFLATE(e + local + 2 * (x * k->asinBound + eps * as) + extra, 10);
            e = __builtin_elementwise_min(eNext, (V)pi);
        }
        V result = k->ntk ? theta0 : sigma;
        V resultError = k->ntk ? theta0Error : sigmaError;
        V margin = __builtin_elementwise_abs(result) - resultError;
        V relative = margin > 0 ? resultError / margin : (V)__builtin_inf();
        if (j0 >= i && j0 + VW <= n) {
            __builtin_memcpy(out + j0, &result, sizeof result);
            worstV = __builtin_elementwise_max(worstV, resultError);
            worstRelativeV = __builtin_elementwise_max(worstRelativeV, relative);
            continue;
        }
        for (int lane = 0; lane < VW; lane++) {
            size_t j = j0 + (size_t)lane;
            if (j < i || j >= n) continue;
            out[j] = result[lane];
            if (resultError[lane] > worst) worst = resultError[lane];
            if (relative[lane] > worstRelative) worstRelative = relative[lane];
        }
    }
    // (Both bounds are non-negative or +∞, never NaN: the max reductions are exact.)
    double vectorWorst = __builtin_reduce_max(worstV), vectorRelative = __builtin_reduce_max(worstRelativeV);
    bound[0] = worst > vectorWorst ? worst : vectorWorst;
    bound[1] = worstRelative > vectorRelative ? worstRelative : vectorRelative;
}

#undef V
#undef M
#undef INFLATE
#undef HORNER
#undef HORNER2
