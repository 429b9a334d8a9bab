import PrismNumbers
import PrismActivations
import PrismKernels

/// The kernel of the levels above a mean (CONVENTIONS §11), as power series with certified coefficients: one level whose
/// input is the mean v of its children's outputs, then D − 1 levels of filter size 1 (one position each). Its NNGP is
/// f = Σ^(D)(v) of `DeepKernel`; its NTK is A(v) + B(v)·Θ̄, Θ̄ the mean of the children's NTKs, where with `DeepKernel`'s
/// parts κ_ℓ = Σ^(ℓ) Π_{j>ℓ} Σ̇^(j) (Σ^(0) = v)
///
///     A = Σ_{ℓ≥1} κ_ℓ,   B = κ_0/v = Π_{j≤D} Σ̇^(j),   so the one-sphere NTK is Θ^(D) = A + vB.
///
/// All coefficients are non-negative; Σ^(D)(1) = 1, A(1) = Σ_{ℓ≥1} c^{D−ℓ}, B(1) = c^D (c = k̇(1)).
///
/// **Enclosures.** For D = 1 or an odd σ the truncated compositions are exact to their order. Otherwise k(0) ≠ 0 lets the
/// dropped terms of a truncated composition reach every order, and the computed coefficients ℓ_m are only lower bounds.
/// Every deficit is ≥ 0, and for the NTK A_m − ℓ^A_m and B_{m−1} − ℓ^B_{m−1} are each at most the deficit of Θ^(D)_m, so
/// for 0 < r < 1 (Cauchy, non-negative coefficients)
///
///     f_m − ℓ_m ≤ r^{−m} (f(r) − Σ_{j≤N} ℓ_j r^j) =: r^{−m} Δ(r),   f = Σ^(D) or Θ^(D),
///
/// f(r) the closed-form kernel at r (`KernelModel`) and ℓ from order N = `DeepKernel.maxOrder`: Δ(r) ≈ max(r^N, k(r)^N) is
/// far below 2^{−p} r^M for the orders M used. r = 3/4, at the precision that takes r^{−M} into account.
///
/// Error contract: enclosures of f (or A) and B to order M.
struct ChainSeries {
    /// f_0…f_M: Σ^(D) (NNGP) or A (NTK).
    let value: [Interval]
    /// f(1) (or A(1)).
    let valueAtOne: Interval
    /// B_0…B_M (NTK only; B_{M−1} at most for M = `DeepKernel.maxOrder`, B_M = [v^{M+1}] κ_0 being beyond it).
    let slope: [Interval]?
    /// B(1) (NTK only).
    let slopeAtOne: Interval?

    /// Whether `DeepKernel`'s truncated coefficients of depth D are enclosures.
    static func enclosed(_ activation: Activation, depth D: Int) throws -> Bool {
        try DeepKernel(activation: activation, depth: D, order: 1).series(precision: 64, includeNTK: false).nngp.coefficientsEnclosed
    }

    /// The chain of depth D to order M ≤ `DeepKernel.maxOrder`, at about p bits.
    init(activation: Activation, depth D: Int, kind: KernelKind, order M: Int, precision p: Int) throws {
        let enclosed = try ChainSeries.enclosed(activation, depth: D)
        let N = enclosed ? Swift.max(1, Swift.min(kind == .ntk ? M + 1 : M, DeepKernel.maxOrder)) : DeepKernel.maxOrder, r = Rational(3) / Rational(4)
        let q = enclosed ? p : p + 16 + (M * 42 + 99) / 100 // log₂(4/3) < 0.42
        let s = try DeepKernel(activation: activation, depth: D, order: N).series(precision: q, includeNTK: kind == .ntk)
        // f (NNGP) or A and B (NTK), to order N − 1 (B_m = [v^{m+1}] κ_0).
        var f = kind == .nngp ? s.nngp.coefficients : DeepKernel.sum(Array(s.layers.dropFirst())).coefficients
        var B = kind == .nngp ? nil : Array(s.layers[0].coefficients.dropFirst())
        valueAtOne = kind == .nngp ? s.nngp.valueAtOne : DeepKernel.sum(Array(s.layers.dropFirst())).valueAtOne
        slopeAtOne = kind == .nngp ? nil : s.layers[0].valueAtOne
        if !enclosed {
            // Δ(r) of the type comment, for f = Σ^(D) or Θ^(D) = Σ_ℓ κ_ℓ.
            let whole = kind == .nngp ? s.nngp.coefficients : DeepKernel.sum(s.layers).coefficients
            let rq = Interval(r, precision: q)
            var sum = Interval(0, precision: q), power = Interval(1, precision: q)
            for c in whole { sum = sum + Interval(c.lower) * power; power = power * rq }
            let exact = try KernelModel(activation: activation, kind: kind, depth: D).value(atCosine: r, dimension: 1, precision: q)
            var scale = Interval(Swift.max((exact - sum).upper, BigFloat(0, precision: q))) // Δ/r^m
            func widened(_ c: Interval, _ deficit: Interval) throws -> Interval {
                try Interval(lower: c.lower, upper: (Interval(c.lower) + deficit).upper).rounded(toPrecision: p)
            }
            for m in 0...M {
                if m > 0 { scale = try scale.dividing(by: rq) }
                f[m] = try widened(f[m], scale)
                // B_m ≤ ℓ^B_m + Δ r^{−(m+1)}.
                if let b = B, m < b.count { B![m] = try widened(b[m], try scale.dividing(by: rq)) }
            }
        }
        value = Array(f.prefix(M + 1))
        slope = B.map { Array($0.prefix(M + 1)) }
    }
}
