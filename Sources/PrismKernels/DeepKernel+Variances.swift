import PrismNumbers
import PrismActivations

extension DeepKernel {
    /// The kernels of CONVENTIONS §9 (weight and bias variances, any depth) as non-negative series in the
    /// cosine t on the sphere ‖x‖² = q:
    ///
    ///     Σ^(1) = A t + σ_b²  (A = σ_w² q/d),  q_1 = A + σ_b²,
    ///     Σ^(ℓ+1) = σ_w² Σ_n bₙ(σ; √q_ℓ)² (Σ^(ℓ)/q_ℓ)ⁿ + σ_b²,   q_{ℓ+1} = σ_w² E[σ(√q_ℓ z)²] + σ_b²,
    ///     Σ̇^(ℓ+1) = σ_w² Σ_n (n+1) b_{n+1}(σ; √q_ℓ)²/q_ℓ · (Σ^(ℓ)/q_ℓ)ⁿ,  Σ̇^(ℓ+1)(1) = σ_w² E[σ'(√q_ℓ z)²],
    ///     Θ^(L+1) = Σ_ℓ κ_ℓ,  κ_ℓ = Σ^(ℓ+1) Π_{j>ℓ} Σ̇^(j+1)   (κ_0 the first layer, κ_L the readout),
    ///
    /// from Mehler's formula for (u, v) of variance q_ℓ and correlation Σ^(ℓ)/q_ℓ, and
    /// bₙ(σ'; s) = √(n+1) b_{n+1}(σ; s)/s. √q_1 is exact; deeper q_ℓ are enclosures, so their
    /// coefficients come from the integrator with an interval scale. Every series has coefficients ≥ 0;
    /// truncated compositions only lower them, so each stays a valid lower bound with a proven tail
    /// (`NonnegativeSeries`), enclosed exactly when nothing with a constant term is composed.
    ///
    /// Error contract: enclosure (coefficients: lower bounds, or enclosures where stated).
    func generalSeries(variances v: KernelVariances, dimension d: Int, precision p: Int,
                       includeNTK: Bool) throws -> (nngp: NonnegativeSeries, layers: [NonnegativeSeries]) {
        let M = order
        let A = v.weight * v.norm2(dimension: d) / Rational(d)
        let q1 = A + v.bias
        let exactRoot = try ExactReal.ifExact { try ExactReal(q1).power(.fraction(1, 2)) }
        let w = p + 2 * (Int.bitWidth - M.leadingZeroBitCount) + 48
        let wp = p + 16
        let weight = Interval(v.weight, precision: wp), bias = Interval(v.bias, precision: wp)
        let zero = Interval(0, precision: wp)

        func coefficients(_ g: Activation, _ N: Int, _ q: Interval, exact: Bool) throws -> [Interval] {
            try DeepKernel.hermiteCoefficients(g, degree: N, variance: q, exactRoot: exact ? exactRoot : nil, precision: p, workingPrecision: wp)
        }

        var sigmaCoefficients = [Interval](repeating: zero, count: M + 1) // Σ^(ℓ)
        sigmaCoefficients[0] = bias
        if M >= 1 { sigmaCoefficients[1] = Interval(A, precision: wp) }
        var q = Interval(q1, precision: wp)
        var sigma = [try FixedPointSeries(sigmaCoefficients, fractionBits: w)]  // Σ^(1)…Σ^(L+1)
        var variance = [q]                                                      // q_1…q_{L+1}
        var sigmaDot: [FixedPointSeries] = []                                   // Σ̇^(2)…Σ̇^(L+1)
        var sigmaDotAtOne: [Interval] = []
        for l in 1...depth {
            let b = try coefficients(activation, M + 1, q, exact: l == 1)
            let rho = try FixedPointSeries(sigmaCoefficients.map { try $0.dividing(by: q) }, fractionBits: w)
            var k = (0...M).map { n in weight * b[n] * b[n] }
            k[0] = k[0] + bias
            let next = compose(try FixedPointSeries(k, fractionBits: w), rho)
            let second = try coefficients(activation.squared(), 0, q, exact: l == 1)[0]
            if includeNTK {
                let kDot = try (0...M).map { n in try (weight * Interval(n + 1, precision: wp) * b[n + 1] * b[n + 1]).dividing(by: q) }
                sigmaDot.append(compose(try FixedPointSeries(kDot, fractionBits: w), rho))
                sigmaDotAtOne.append(weight * (try coefficients(activation.derivative().squared(), 0, q, exact: l == 1)[0]))
            }
            q = weight * second + bias
            sigma.append(next)
            variance.append(q)
            sigmaCoefficients = try next.intervals(precision: wp)
        }
        let symmetry = activation.symmetry
        let oddSigma = symmetry.overall == .odd && !symmetry.restIsZero
        let evenSigma = symmetry.overall == .even && !symmetry.restIsZero
        let biasFree = v.bias.isZero
        let enclosed = biasFree && (depth == 1 || oddSigma)
        let vanishing: (from: Int, parity: Symmetry.Parity)? = !biasFree ? nil
            : (depth == 1 ? NonnegativeSeries.vanishing(for: symmetry) : (oddSigma ? (0, .even) : (evenSigma ? (0, .odd) : nil)))
        let nngp = NonnegativeSeries(coefficients: try sigma[depth].intervals(precision: wp), valueAtOne: variance[depth],
                                     vanishing: vanishing, coefficientsEnclosed: enclosed)
        guard includeNTK else { return (nngp, []) }
        var layers: [NonnegativeSeries] = []
        for l in 0...depth {
            var part = sigma[l], value = variance[l]
            for j in stride(from: l, to: depth, by: 1) {
                part = part.multiplied(by: sigmaDot[j])
                value = value * sigmaDotAtOne[j]
            }
            layers.append(NonnegativeSeries(coefficients: try part.intervals(precision: wp), valueAtOne: value,
                                            vanishing: vanishing, coefficientsEnclosed: enclosed))
        }
        return (nngp, layers)
    }

    /// bₙ(g; √q), n ≤ N, rounded to wp: closed forms or the integrator at the exact root √q when given (`exactRoot`,
    /// the first layer's √q₁), the integrator at an enclosure of q otherwise. Error contract: enclosure.
    static func hermiteCoefficients(_ g: Activation, degree N: Int, variance q: Interval, exactRoot: ExactReal?,
                                    precision p: Int, workingPrecision wp: Int) throws -> [Interval] {
        if let s = exactRoot {
            return try HermiteCoefficients(activation: g, exactScale: s, degree: N).enclosures(precision: p).map { $0.rounded(toPrecision: wp) }
        }
        let root = try q.applying(.sqrt)
        return try HermiteCoefficients.enclosures(activation: g, scaleEnclosure: { _ in root }, degree: N, precision: p)
            .map { $0.rounded(toPrecision: wp) }
    }
}
