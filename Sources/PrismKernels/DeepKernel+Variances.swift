import PrismNumbers
import PrismActivations

extension DeepKernel {
    /// The depth-1 kernels of CONVENTIONS §9 with weight and bias variances, as non-negative series in
    /// the cosine t on the sphere ‖x‖² = q:
    ///
    ///     Σ^(1) = A t + σ_b²  (A = σ_w² q/d),  q_1 = A + σ_b²,  ρ_1 = (A t + σ_b²)/q_1,  s = √q_1,
    ///     Σ^(2) = σ_w² Σ_n bₙ(σ; s)² ρ_1ⁿ + σ_b²,   Σ̇^(2) = σ_w² Σ_n (n+1) b_{n+1}(σ; s)²/q_1 · ρ_1ⁿ,
    ///     κ_1 = Σ^(2) (the readout), κ_0 = Σ^(1)·Σ̇^(2) (the first layer),
    ///
    /// (Mehler's formula for (u, v) of variance q_1 and correlation ρ_1, and bₙ(σ'; s) = √(n+1) b_{n+1}(σ; s)/s).
    /// Values at t = 1: q_2 = σ_w² E[σ(sz)²] + σ_b² and q_1 σ_w² E[σ'(sz)²], by certified integration.
    /// Composing with ρ_1 = a t + b drops the terms n > M, which only lowers coefficients: the series
    /// stay valid lower bounds with a proven tail (enclosed exactly when b = 0).
    ///
    /// Error contract: enclosure (coefficients: lower bounds, or enclosures without bias).
    func firstLayerSeries(variances v: KernelVariances, dimension d: Int, precision p: Int,
                          includeNTK: Bool) throws -> (nngp: NonnegativeSeries, layers: [NonnegativeSeries]) {
        guard depth == 1 else { throw PrismError.domain("general variances on the power-series route are certified at depth 1") }
        let M = order
        let A = v.weight * v.norm2(dimension: d) / Rational(d)
        let q1 = A + v.bias
        guard let s = try ExactReal(q1).power(Rational(1) / Rational(2)) else {
            throw PrismError.domain("√q₁ = √(\(q1)) is not representable exactly")
        }
        let b = try HermiteCoefficients(activation: activation, exactScale: s, degree: M + 1).enclosures(precision: p)
        let wp = b.first?.precision ?? p
        let w = Interval(v.weight, precision: wp), bias = Interval(v.bias, precision: wp)
        let a = Interval(A / q1, precision: wp), offset = Interval(v.bias / q1, precision: wp)
        let biasFree = v.bias.isZero
        let symmetry = activation.symmetry
        let vanishing = biasFree ? NonnegativeSeries.vanishing(for: symmetry) : nil
        let zero = Interval(0, precision: wp)

        /// f(a t + b) truncated at order M, for f with non-negative coefficients.
        func composedWithInput(_ f: [Interval]) -> [Interval] {
            if biasFree {
                var power = Interval(1, precision: wp)
                return f.map { c in defer { power = power * a }; return c * power }
            }
            // Horner: g ← g·(a t + b) + f_n, truncated at order M.
            var g = [Interval](repeating: zero, count: M + 1)
            for n in stride(from: M, through: 0, by: -1) {
                var next = [Interval](repeating: zero, count: M + 1)
                for j in 0...M {
                    next[j] = next[j] + g[j] * offset
                    if j + 1 <= M { next[j + 1] = next[j + 1] + g[j] * a }
                }
                next[0] = next[0] + f[n]
                g = next
            }
            return g
        }
        func expectation(_ f: Activation) throws -> Interval {
            try HermiteCoefficients(activation: f, exactScale: s, degree: 0).enclosures(precision: p)[0].rounded(toPrecision: wp)
        }

        var k = composedWithInput((0...M).map { n in w * b[n] * b[n] })
        k[0] = k[0] + bias
        let q2 = w * (try expectation(activation.squared())) + bias
        let nngp = NonnegativeSeries(coefficients: k, valueAtOne: q2, vanishing: vanishing, coefficientsEnclosed: biasFree)
        guard includeNTK else { return (nngp, []) }
        let q1Interval = Interval(q1, precision: wp)
        let kDot = composedWithInput(try (0...M).map { n in try (w * Interval(n + 1, precision: wp) * b[n + 1] * b[n + 1]).dividing(by: q1Interval) })
        // κ_0 = (A t + σ_b²)·Σ̇^(2)(t), truncated at order M.
        let Ai = Interval(A, precision: wp)
        let first = (0...M).map { m in bias * kDot[m] + (m > 0 ? Ai * kDot[m - 1] : zero) }
        let dotAtOne = w * (try expectation(activation.derivative().squared()))
        let kappa0 = NonnegativeSeries(coefficients: first, valueAtOne: q1Interval * dotAtOne, vanishing: vanishing, coefficientsEnclosed: biasFree)
        return (nngp, [kappa0, nngp])
    }
}
