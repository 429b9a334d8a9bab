import PrismNumbers

/// Theorem 1 (the concentration bound on the ratio of decrements), checked on `RatioConcentration`.
extension DandiJacotClaims {
    /// Theorem 1, Lemma 2 and eq. (13)'s constant term, with their corrected statements (appended to the catalogue).
    static var theorem1Lemma2AndConstantTerm: [Claim] { [theorem1, theorem1Corrected, lemma2, lemma2Corrected, eq13ConstantTerm, eq13ConstantTermCorrected] }

    /// The cases: S² and S⁴, g = s(1 + t/2), kernels and target at the source's own scale and rescaled.
    static let theorem1Dimensions = [3, 5]
    static let theorem1Scales: [(c: Rational, s: Rational)] = [(1, 1), (100_000_000, 1), (1, 10_000)]

    static func scaleLabel(_ c: Rational, _ s: Rational) -> String { "c = \(c), s = \(s)" }

    static let theorem1 = Claim(
        id: "dandi-jacot/theorem-1", source: source + ", Theorem 1 (§5.3) and Appendix 8",
        statement: "For kernels κ^(ℓ1), κ^(ℓ2) bounded by A, B, a target g bounded by C, decrements λ_j = ∬ g κ^(ℓj) g and one-point decrements φ_j(x_i) = ∫ g(x) κ^(ℓj)(x, x_i) g(x_i) dx: with probability 1 − δ over n uniform points, |Σφ_1(x_i)/Σφ_2(x_i) − λ1/λ2| ≤ log(4/δ) n^{−1/2} max{√(AC²/(2λ1²)), √(BD²/(2λ2²))}.",
        correctedBy: "dandi-jacot/theorem-1-corrected"
    ) {
        var v = VerdictBuilder()
        let half = try Rational(1, 2)
        for d in theorem1Dimensions {
            let base = try RatioConcentration(dimension: d, a: half)
            let baseBound = try base.statedBound(n: 1, delta: half)
            for (c, s) in theorem1Scales {
                let setting = try base.rescaled(kernelScale: c, targetScale: s)
                let bound = try setting.statedBound(n: 1, delta: half)
                if c != 1 || s != 1 {
                    // The ratio is invariant under κ → cκ, g → sg; the stated bound is not.
                    v.evidence.append(Evidence("d = \(d), \(scaleLabel(c, s)) vs c = s = 1: λ1/λ2 and the stated bound (n = 1, δ = 1/2)",
                                               lhs: "ratio \(VerdictBuilder.show(try setting.ratio)), bound \(VerdictBuilder.show(bound))",
                                               rhs: "ratio \(VerdictBuilder.show(try base.ratio)), bound \(VerdictBuilder.show(baseBound))",
                                               detail: "not scale-invariant: the ratio is unchanged, the bound is multiplied by c^(−1/2) s^(−1)"))
                }
                v.compare("d = \(d), \(scaleLabel(c, s)), n = 1: δ = 1/2 vs Pr[|R_1 − λ1/λ2| ≥ bound]", lhs: Interval(half, precision: RatioConcentration.precision),
                          rhs: try setting.deviationProbability(n: 1, bound: bound), relation: .atLeast,
                          note: "bound = \(VerdictBuilder.show(bound)); Pr exact from the law of ⟨x, e⟩ on S^\(d - 1)")
            }
            // Several points: the mediant lower bound on the probability.
            let n = 4, delta = try Rational(1, 100), c = Rational(100_000_000)
            let setting = try base.rescaled(kernelScale: c)
            let bound = try setting.statedBound(n: n, delta: delta)
            v.compare("d = \(d), c = \(c), n = \(n): δ = \(delta) vs Pr[|R_n − λ1/λ2| ≥ bound]", lhs: Interval(delta, precision: RatioConcentration.precision),
                      rhs: try setting.deviationProbability(n: n, bound: bound), relation: .atLeast,
                      note: "bound = \(VerdictBuilder.show(bound)); rhs: [Pr(all t_i ≥ τ₊) + Pr(all t_i ≤ τ₋), 1]")
        }
        return (v.verdict, v.evidence)
    }

    static let theorem1Corrected = Claim(
        id: "dandi-jacot/theorem-1-corrected", source: "corrected statement of Theorem 1",
        statement: "With |κ^(ℓ1)| ≤ A, |κ^(ℓ2)| ≤ B, |g| ≤ C (so |φ_1| ≤ AC², |φ_2| ≤ BC²) and λ1, λ2 > 0, let ε = 4C² √(2 log(4/δ)/n) max{A/λ1, B/λ2}. If ε ≤ 2, then with probability ≥ 1 − δ, |Σφ_1(x_i)/Σφ_2(x_i) − λ1/λ2| ≤ ε λ1/λ2. The bound is relative and invariant under κ → cκ and g → sg, like the ratio."
    ) {
        // The steps of the proof, each a check that could fail: the ranges Hoeffding needs, its exponent at
        // t = ελ_j/4, the ratio algebra for ε ≤ 2, and the invariance of ε.
        var v = VerdictBuilder()
        let p = RatioConcentration.precision
        func I(_ q: Rational) -> Interval { Interval(q, precision: p) }
        let half = try Rational(1, 2)
        for d in theorem1Dimensions {
            let base = try RatioConcentration(dimension: d, a: half)
            let baseEpsilon = try base.correctedEpsilon(n: 1, delta: half)
            for (c, s) in theorem1Scales {
                let setting = try base.rescaled(kernelScale: c, targetScale: s)
                v.compare("d = \(d), \(scaleLabel(c, s)): AC² vs sup|φ_1|", lhs: setting.A * setting.C * setting.C,
                          rhs: try setting.supPerPoint(setting.first), relation: .atLeast)
                v.compare("d = \(d), \(scaleLabel(c, s)): BC² vs sup|φ_2|", lhs: setting.B * setting.C * setting.C,
                          rhs: try setting.supPerPoint(setting.readout), relation: .atLeast)
                if c != 1 || s != 1 {
                    v.compare("d = \(d), \(scaleLabel(c, s)) vs c = s = 1: ε (n = 1, δ = 1/2)", lhs: try setting.correctedEpsilon(n: 1, delta: half),
                              rhs: baseEpsilon, relation: .overlaps, note: "scale-invariant")
                }
            }
            // Hoeffding for a mean of n values in [−M, M] at t = ελ/4 with ε as stated: 2 exp(−n t²/(2M²)) = δ/2
            // for the larger of the two terms (so each failure probability is ≤ δ/2).
            for (n, delta) in [(100_000, half), (1_000_000, try Rational(1, 1000))] {
                let eps = try base.correctedEpsilon(n: n, delta: delta)
                let firstBinds = try base.A.dividing(by: base.lambda1).lower > base.B.dividing(by: base.lambda2).upper
                for (name, lambda, m, binds) in [("φ_1", try base.lambda1, base.A * base.C * base.C, firstBinds),
                                                 ("φ_2", try base.lambda2, base.B * base.C * base.C, !firstBinds)] {
                    let t = try eps * lambda.dividing(by: I(4))
                    let exponent = try (I(Rational(n)) * t * t).dividing(by: I(2) * m * m)
                    let failure = try I(2) * (-exponent).applying(.exp)
                    // The term that attains the max in ε has failure probability exactly δ/2, the other less.
                    v.compare("d = \(d), n = \(n), δ = \(delta): Hoeffding for \(name) at t = ελ/4: δ/2 vs 2exp(−nt²/(2M²))", lhs: I(delta / 2), rhs: failure,
                              relation: binds ? .overlaps : .atLeast, note: "ε = \(VerdictBuilder.show(eps))\(binds ? ", the binding term: equality" : "")")
                }
            }
        }
        // The ratio algebra: |m_j − λ_j| ≤ ελ_j/4 (j = 1, 2) gives |m1/m2 − λ1/λ2| ≤ ε λ1/λ2 exactly when ε ≤ 2;
        // the worst case is m1 = λ1(1 + ε/4), m2 = λ2(1 − ε/4).
        for eps in [try Rational(1, 10), 1, 2] {
            let worst = (1 + eps / 4) / (1 - eps / 4) - 1
            v.compare("ratio algebra, ε = \(eps): ε vs worst relative deviation", lhs: I(eps), rhs: I(worst), relation: .atLeast,
                      note: "(1 + ε/4)/(1 − ε/4) − 1 = \(worst)")
        }
        return (v.verdict, v.evidence)
    }
}
