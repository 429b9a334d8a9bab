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

    /// Enclosures of the cosine coefficients f_0…f_L of the kernel — also where `cosineSeries(order: M, …)` only
    /// bounds them below (a bias, or depth ≥ 2 for a σ that is not odd: truncated compositions drop terms that
    /// reach every order).
    ///
    /// * An activation outside the arc-cosine family: `DeepKernel.taylorCoefficients` — each layer's dual
    ///   recentred at its correlation at t = 0 (< 1), so the composition truncated at L is exact and the only
    ///   tails are Mehler's series there, geometric with a Parseval bound (any depth, NNGP and NTK; M is unused).
    /// * Otherwise (the arc-cosine family, dot-product functions) from the series: enclosed coefficients as they
    ///   are; else every gap f_m − f̃_m between a coefficient and its lower bound is ≥ 0, so for 0 < r ≤ 1
    ///
    ///       0 ≤ f_ℓ − f̃_ℓ ≤ r^{−ℓ} Σ_m (f_m − f̃_m) r^m = r^{−ℓ} (f(r) − Σ_{m≤M} f̃_m r^m),
    ///
    ///   r = 1 giving τ = f(1) − Σ f̃_m (`tailBound`). For a composition k(g(t)) truncated at order M the gap sum
    ///   at r is about Σ_{n>M} k_n g(r)ⁿ with g(r) < 1, geometric in M, where τ decays only like the tail of k at 1
    ///   (ReLU: M^{−3/2}); f(r) is bounded above by `value(atCosine:)` (the closed-form layer recursion). r runs over
    ///   3/4 and 2^{−j}, j = 1…6 (the best r for f_ℓ is about ℓ/M), the least bound per ℓ kept; interior points are
    ///   skipped when τ is already below 2^{−p+8} of every coefficient.
    ///
    /// Proven zeros (`provesZeroEigenvalue`, `KernelSpectrum.provenZeroEigenvalues`) are [0, 0].
    ///
    /// Error contract: enclosure; throws `domain` as `cosineSeries`, `limitExceeded` for L > M.
    public func cosineCoefficients(through L: Int, order M: Int, dimension d: Int, precision p: Int) throws -> [Interval] {
        guard L >= 0, L <= M else { throw PrismError.limitExceeded("coefficient \(L) beyond the series order \(M)") }
        if case .activation(let sigma) = function, sigma.arcCosineParts == nil {
            let jets = try DeepKernel(activation: sigma, depth: depth, order: Swift.max(L, 1))
                .taylorCoefficients(variances: variances, dimension: d, precision: p, includeNTK: kind == .ntk)
            let f = kind == .nngp ? jets.nngp : jets.layers.dropFirst().reduce(jets.layers[0]) { zip($0, $1).map { $0 + $1 } }
            let zero = KernelSpectrum.provenZeroEigenvalues(self, maxDegree: L)
            return (0...L).map { zero[$0] ? Interval(0, precision: p) : f[$0] }
        }
        let f = try cosineSeries(order: M, dimension: d, precision: p)
        func zeroOr(_ l: Int, _ x: Interval) -> Interval { f.provesZeroEigenvalue(l) ? Interval(0, precision: p) : x }
        if f.coefficientsEnclosed { return (0...L).map { zeroOr($0, f.coefficients[$0]) } }
        let lower = f.lowerBounds
        let wp = f.valueAtOne.precision
        var gap = [BigFloat](repeating: f.tailBound, count: L + 1)
        // τ alone suffices when it is below 2^{−k} of every coefficient.
        func tauBelow(_ k: Int) -> Bool { (0...L).allSatisfy { f.provesZeroEigenvalue($0) || !(lower[$0].scaled(byPowerOfTwo: -k) < gap[$0]) } }
        if case .activation = function, !tauBelow(p - 8) {
            let value = try evaluator(dimension: d, precision: wp)
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
}
