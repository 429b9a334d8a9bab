import PrismNumbers

extension KernelModel {
    /// The kernel on the sphere ‖x‖² = q of R^d as a non-negative power series in the cosine
    /// t = ⟨x, x'⟩/q, truncated at order M, with f(1) and the proven tail of `NonnegativeSeries`
    /// (the power-series route's series: a deep kernel's through the Hermite layer, normalized or with §9's
    /// variances, or an absolutely monotone dot-product function's Taylor series).
    /// Throws `domain` for a model that route does not cover (a dot-product function that is not absolutely
    /// monotone). Error contract: enclosure.
    public func cosineSeries(order M: Int, dimension d: Int, precision p: Int) throws -> NonnegativeSeries {
        guard let route = try PowerSeriesRoute(self, dimension: d, maxDegree: 0) else {
            throw PrismError.domain("\(name): no non-negative power series in the cosine (a dot-product function must be absolutely monotone)")
        }
        let series = try route.series(order: M, precision: p)
        return kind == .nngp ? series.nngp : DeepKernel.sum(series.layers)
    }

    /// Enclosures of the cosine coefficients f_0…f_L of `cosineSeries(order: M, …)`, also where that series only
    /// bounds them below (a bias, or depth ≥ 2 for a σ that is not odd: truncated compositions drop terms that
    /// reach every order). Every gap f_m − f̃_m between a coefficient and its lower bound is ≥ 0, so for 0 < r ≤ 1
    ///
    ///     0 ≤ f_ℓ − f̃_ℓ ≤ r^{−ℓ} Σ_m (f_m − f̃_m) r^m = r^{−ℓ} (f(r) − Σ_{m≤M} f̃_m r^m),
    ///
    /// r = 1 giving τ = f(1) − Σ f̃_m (`tailBound`). For a composition k(g(t)) truncated at order M the gap sum at
    /// r is about Σ_{n>M} k_n g(r)ⁿ with g(r) < 1, geometric in M, where τ decays only like the tail of k at 1
    /// (ReLU: M^{−3/2}). f(r) is bounded above by `value(atCosine:)` for the arc-cosine family (ReLU, step, …: the
    /// closed-form layer recursion), and at depth 1 with §9's variances by `GaussianDual` (Mehler's series at the
    /// correlation ρ(r) < 1, geometric with a Parseval tail; `interiorValue`); any other kernel's value there would
    /// come from the same series plus τ, which cannot beat r = 1, so only τ is used. r runs over 3/4 and 2^{−j}, j = 1…6 (the best r
    /// for f_ℓ is about ℓ/M), the least bound per ℓ kept; interior points are skipped when τ is already small (below). Proven zeros (`provesZeroEigenvalue`) are [0, 0].
    ///
    /// Error contract: enclosure; throws `domain` as `cosineSeries`, `limitExceeded` for L > M.
    public func cosineCoefficients(through L: Int, order M: Int, dimension d: Int, precision p: Int) throws -> [Interval] {
        guard L >= 0, L <= M else { throw PrismError.limitExceeded("coefficient \(L) beyond the series order \(M)") }
        let f = try cosineSeries(order: M, dimension: d, precision: p)
        func zeroOr(_ l: Int, _ x: Interval) -> Interval { f.provesZeroEigenvalue(l) ? Interval(0, precision: p) : x }
        if f.coefficientsEnclosed { return (0...L).map { zeroOr($0, f.coefficients[$0]) } }
        let lower = f.lowerBounds
        let wp = f.valueAtOne.precision
        var gap = [BigFloat](repeating: f.tailBound, count: L + 1)
        // τ alone suffices when it is below 2^{−k} of every coefficient: k = p − 8 for the arc-cosine family (whose
        // interior values are cheap), k = p/2 for Mehler's series (costly; where τ decays geometrically, as for erf,
        // a longer series at the next precision is cheaper — interior points are for slow tails such as tanh's).
        func tauBelow(_ k: Int) -> Bool { (0...L).allSatisfy { f.provesZeroEigenvalue($0) || !(lower[$0].scaled(byPowerOfTwo: -k) < gap[$0]) } }
        if case .activation(let sigma) = function,
           sigma.arcCosineParts != nil ? !tauBelow(p - 8) : (depth == 1 && variances != nil && !tauBelow(p / 2)) {
            let value = sigma.arcCosineParts != nil ? try evaluator(dimension: d, precision: wp) : try interiorValue(dimension: d, precision: wp)
            for r in try [Rational(3, 4)] + (1...6).map({ try Rational(1, 1 << $0) }) {
                let x = Interval(r, precision: wp)
                var sum = Interval(0, precision: wp)
                for c in lower.reversed() { sum = sum * x + Interval(c) }
                let total = (Interval(try value(r).upper) - sum).upper // ≥ Σ_m (f_m − f̃_m) r^m
                guard total.signum >= 0 else { continue }
                var power = Interval(1, precision: wp) // r^ℓ
                for l in 0...L {
                    let bound = try Interval(total).dividing(by: power).upper
                    if bound < gap[l] { gap[l] = bound }
                    power = power * x
                }
            }
        }
        return try (0...L).map { l in
            zeroOr(l, try Interval(lower: lower[l], upper: lower[l].adding(gap[l], precision: wp, rounding: .up)))
        }
    }

    /// The depth-1 kernel with §9's variances at a cosine r ∈ [0, 1] (an enclosure): with Σ^(1) = A r + σ_b²
    /// (A = σ_w² q/d) and (u, v) of variance q₁ = A + σ_b² and covariance Σ^(1), NNGP Σ^(2) = σ_w² E[σ(u)σ(v)] + σ_b²,
    /// NTK Σ^(2) + σ_w² E[σ'(u)σ'(v)] Σ^(1) (CONVENTIONS §9). Error contract: enclosure.
    func interiorValue(dimension d: Int, precision p: Int) throws -> (Rational) throws -> Interval {
        guard depth == 1, let v = variances, let sigma = activation else { throw PrismError.domain("interior values need depth 1 with variances") }
        let A = v.weight * v.norm2(dimension: d) / Rational(d), q1 = A + v.bias
        let weight = Interval(v.weight, precision: p), bias = Interval(v.bias, precision: p)
        let ntk = kind == .ntk
        return { r in
            let c = A * r + v.bias
            let nngp = weight * (try GaussianDual(activation: sigma, q1: q1, q2: q1, q12: c).enclosure(precision: p)) + bias
            guard ntk else { return nngp }
            let dot = weight * (try GaussianDual(activation: sigma, q1: q1, q2: q1, q12: c, derivative: true).enclosure(precision: p))
            return nngp + dot * Interval(c, precision: p)
        }
    }
}
