import PrismNumbers
import PrismAlgebra
import PrismActivations

extension KernelModel {
    /// The kernel's value at cosine t on the sphere ‖x‖² = q (CONVENTIONS §5, §9): NNGP Σ^(L+1) or NTK
    /// Θ^(L+1) (the normalized §5 kernels when `variances` is nil), as an enclosure at about p bits.
    ///
    /// The arc-cosine family by its closed-form layer recursion in intervals (`ArcCosineLayers`: φ = arccos ρ,
    /// ρ' = a k(ρ) + 1 − a); every other activation by its certified power series in t, whose truncation at
    /// order M costs at most τ = f(1) − Σ f_m for |t| ≤ 1 (non-negative coefficients); the order doubles
    /// until τ is below 2^{−p}·f(1). Dot-product functions are evaluated directly.
    ///
    /// Error contract: enclosure.
    public func value(atCosine t: Rational, dimension d: Int, precision p: Int) throws -> Interval {
        try evaluator(dimension: d, precision: p)(t)
    }

    /// `value(atCosine:dimension:precision:)` for many cosines: the series (when one is needed) is built once.
    public func evaluator(dimension d: Int, precision p: Int) throws -> (Rational) throws -> Interval {
        guard d >= 1 else { throw PrismError.domain("dimension d must be ≥ 1, got \(d)") }
        let wp = p + 32
        func checked(_ t: Rational) throws -> Rational {
            guard (t.signum >= 0 ? t : -t) <= 1 else { throw PrismError.domain("the cosine t must lie in [−1, 1], got \(t)") }
            return t
        }
        switch function {
        case .dotProduct(let f):
            return { t in try f.expression.powerSeries(at: PowerSeries([Interval(try checked(t), precision: wp)])).coefficients[0] }
        case .activation(let activation):
            if let parts = activation.arcCosineParts {
                return { t in try arcCosineValue(parts, t: try checked(t), dimension: d, precision: wp) }
            }
            var M = Swift.max(32, p)
            while true {
                let deep = try DeepKernel(activation: activation, depth: depth, order: M)
                let series = try variances.map { try deep.generalSeries(variances: $0, dimension: d, precision: wp, includeNTK: kind == .ntk) }
                    ?? deep.series(precision: wp, includeNTK: kind == .ntk)
                let f = kind == .nngp ? series.nngp : DeepKernel.sum(series.layers)
                let tau = f.tailBound
                if tau <= f.valueAtOne.upper.scaled(byPowerOfTwo: -p) || M >= DeepKernel.maxOrder {
                    // f(t) = Σ f̃_m tᵐ + Σ_m (f_m − f̃_m) tᵐ with lower bounds 0 ≤ f̃_m ≤ f_m (all that truncated
                    // compositions give) and Σ_m (f_m − f̃_m) ≤ τ = f(1) − Σ f̃_m: the second sum is within ±τ for |t| ≤ 1.
                    let zero = BigFloat(0, precision: wp)
                    let coefficients = f.coefficients.map { Interval(Swift.max($0.lower, zero)) }
                    let error = try Interval(lower: tau.negated(), upper: tau)
                    return { t in
                        let x = Interval(try checked(t), precision: wp)
                        var sum = Interval(0, precision: wp)
                        for c in coefficients.reversed() { sum = sum * x + c }
                        return sum + error
                    }
                }
                M = Swift.min(DeepKernel.maxOrder, 2 * M)
            }
        }
    }

    /// The arc-cosine family at a point: Σ^(1) = q_1 ρ_1, then per layer φ = arccos ρ,
    /// k = [(S+P) sin φ + (S(π−φ) − Pφ) cos φ]/(πS) (degree 1) or [S(π−φ) + Pφ]/(πS) (degree 0),
    /// k̇ = 1 − λφ/π, ρ' = a k + 1 − a, Σ = q ρ, Θ' = Σ' + c k̇ Θ.
    func arcCosineValue(_ parts: ArcCosineParts, t: Rational, dimension d: Int, precision p: Int) throws -> Interval {
        let layers = try ArcCosineLayers(parts: parts, depth: depth, variances: variances, dimension: d)
        let pi = Interval.constant(.pi, precision: p)
        func r(_ q: Rational) -> Interval { Interval(q, precision: p) }
        let S = r(parts.squareSum), P = r(parts.crossTerm)
        let one = r(1)
        var rho = r(layers.contraction[0] * t + 1 - layers.contraction[0])
        var theta = r(layers.variance[0]) * rho
        var sigma = theta
        for l in 1...depth {
            let clamped = try Interval(lower: Swift.max(rho.lower, BigFloat(-1, precision: p)), upper: Swift.min(rho.upper, BigFloat(1, precision: p)))
            let phi = try clamped.applying(.acos)
            let k: Interval
            if parts.degree == 1 {
                k = try ((S + P) * phi.applying(.sin) + (S * (pi - phi) - P * phi) * phi.applying(.cos)).dividing(by: pi * S)
            } else {
                k = try (S * (pi - phi) + P * phi).dividing(by: pi * S)
            }
            let a = r(layers.contraction[l])
            rho = a * k + one - a
            sigma = r(layers.variance[l]) * rho
            if kind == .ntk {
                guard parts.degree == 1 else { throw PrismError.domain("σ' is a Dirac delta: the NTK is not defined") }
                let kDot = one - (try r(parts.lambda) * phi.dividing(by: pi))
                theta = sigma + r(layers.derivativeScale) * kDot * theta
            }
        }
        return kind == .nngp ? sigma : theta
    }
}
