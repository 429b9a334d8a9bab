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
        try evaluators(dimension: d, precision: p)[kind == .nngp ? 0 : 1]
    }

    /// The NNGP's and the NTK's evaluators at once (the NTK's series contains the NNGP's: one build for both);
    /// for step and sign, whose NTK is not defined, the second throws when called.
    public func evaluators(dimension d: Int, precision p: Int) throws -> [(Rational) throws -> Interval] {
        guard d >= 1 else { throw PrismError.domain("dimension d must be ≥ 1, got \(d)") }
        let wp = p + 32
        func checked(_ t: Rational) throws -> Rational {
            guard (t.signum >= 0 ? t : -t) <= 1 else { throw PrismError.domain("the cosine t must lie in [−1, 1], got \(t)") }
            return t
        }
        switch function {
        case .dotProduct(let f):
            let value: (Rational) throws -> Interval = { t in try f.expression.powerSeries(at: PowerSeries([Interval(try checked(t), precision: wp)])).coefficients[0] }
            return [value, value]
        case .activation(let activation):
            if let parts = activation.arcCosineParts {
                let layers = try ArcCosineLayers(parts: parts, depth: depth, variances: variances, dimension: d)
                return KernelKind.allCases.map { kind in
                    { t in try layers.value(versine: Interval(1 - (try checked(t)), precision: wp), depth: depth, kind: kind, precision: wp) }
                }
            }
            let both = (try? activation.derivative()) != nil
            var M = Swift.max(32, p)
            while true {
                let deep = try DeepKernel(activation: activation, depth: depth, order: M)
                let series = try variances.map { try deep.generalSeries(variances: $0, dimension: d, precision: wp, includeNTK: both) }
                    ?? deep.series(precision: wp, includeNTK: both)
                let kernels = both ? [series.nngp, DeepKernel.sum(series.layers)] : [series.nngp]
                if kernels.allSatisfy({ $0.tailBound <= $0.valueAtOne.upper.scaled(byPowerOfTwo: -p) }) || M >= DeepKernel.maxOrder {
                    return kernels.map { f in evaluator(of: f, precision: wp, checked) }
                        + (both ? [] : [{ _ in throw PrismError.domain("σ' is a Dirac delta: the NTK is not defined") }])
                }
                M = Swift.min(DeepKernel.maxOrder, 2 * M)
            }
        }
    }

    /// Σ f̃_m tᵐ ± τ for a non-negative series: f(t) = Σ f̃_m tᵐ + Σ_m (f_m − f̃_m) tᵐ with lower bounds
    /// 0 ≤ f̃_m ≤ f_m (all that truncated compositions give) and Σ_m (f_m − f̃_m) ≤ τ = f(1) − Σ f̃_m, so the
    /// second sum is within ±τ for |t| ≤ 1.
    private func evaluator(of f: NonnegativeSeries, precision wp: Int,
                           _ checked: @escaping (Rational) throws -> Rational) -> (Rational) throws -> Interval {
        let tau = f.tailBound
        let zero = BigFloat(0, precision: wp)
        let coefficients = f.coefficients.map { Interval(Swift.max($0.lower, zero)) }
        return { t in
            let x = Interval(try checked(t), precision: wp)
            var sum = Interval(0, precision: wp)
            for c in coefficients.reversed() { sum = sum * x + c }
            return sum + (try Interval(lower: tau.negated(), upper: tau))
        }
    }
}

extension ArcCosineLayers {
    /// The kernel at the cosine t, given as its versine u = 1 − t (an enclosure; u may be an interval), by the
    /// cancellation-free recursion on u_ℓ = 1 − ρ_ℓ: u_1 = a_0 u, φ = 2 asin √(u/2), and
    /// u' = a φ² E_λ(φ) (degree 1, E_λ by its series: `ArcCosineAngleRecursion`) or a νφ/π (degree 0);
    /// Σ = q(1 − u), Σ̇ = c(1 − λφ/π), Θ' = Σ' + Σ̇ Θ. Near t = 1 an acos of 1 − ε would lose half the
    /// bits at every layer; this loses none. Error contract: enclosure.
    func value(versine u0: Interval, depth: Int, kind: KernelKind, precision p: Int) throws -> Interval {
        let pi = Interval.constant(.pi, precision: p)
        let invPi = try Interval(1, precision: p).dividing(by: pi)
        func r(_ q: Rational) -> Interval { Interval(q, precision: p) }
        let one = r(1), half = r(Rational(1) / Rational(2))
        let E = parts.degree == 1 ? ArcCosineAngleRecursion.AngleFunction(lambda: parts.lambda, precision: p, order: 0, invPi: invPi) : nil
        var u = r(contraction[0]) * u0
        var theta = r(variance[0]) * (one - u)
        var sigma = theta
        for l in 1...depth {
            let clamped = try Interval(lower: Swift.max(u.lower, BigFloat(0, precision: p)), upper: Swift.min(u.upper, BigFloat(2, precision: p)))
            let phi = r(2) * (try (clamped * half).applying(.sqrt).applying(.asin))
            let a = r(contraction[l])
            if let E {
                u = a * phi * phi * (try E.shifted(at: phi, order: 0)[0])
            } else {
                u = a * r(parts.nu) * phi * invPi
            }
            sigma = r(variance[l]) * (one - u)
            if kind == .ntk {
                guard parts.degree == 1 else { throw PrismError.domain("σ' is a Dirac delta: the NTK is not defined") }
                theta = sigma + r(derivativeScale) * (one - r(parts.lambda) * phi * invPi) * theta
            }
        }
        return kind == .nngp ? sigma : theta
    }
}
