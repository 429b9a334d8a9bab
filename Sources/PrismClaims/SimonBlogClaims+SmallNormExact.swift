import PrismNumbers
import PrismActivations
import PrismKernels

extension SimonBlogClaims {
    /// The blog's statement that the three-variable expansion at the origin (CONVENTIONS §4) *is* the NNGP
    /// kernel for every analytic σ that integrates nicely against Gaussians. Checked at ‖x‖² = ‖x′‖² = r²,
    /// ⟨x,x′⟩ = r²/2, s = α/d = 1, for several u = s r²:
    ///
    /// * erf. σ^{(2m+1+2q)}(0) = (2/√π)(−1)^{m+q}(2m+2q)!/(m+q)!, so the q-sum of level ℓ = 2m+1 is
    ///   σ^{(ℓ)}(0)(1+2sa)^{−ℓ/2} (a binomial series, radius 2sa < 1) and the whole series is
    ///   (2/π) arcsin(2st/√((1+2sa)(1+2sb))) — the closed form (§8) — exactly when 2u < 1. Inside: the truncated
    ///   sums approach the closed form (orders 20 and 40). Outside: the (ℓ, q′) = (1, 0) terms have ratio
    ///   T_{q+1}/T_q = 2u(2q+1)/(2q+2), increasing in q; once > 1 the terms grow without bound and the series diverges.
    /// * tanh (poles at ±iπ/2: analytic on ℝ, not entire). The (q, q′) = (0, 0) terms T_ℓ = σ^{(ℓ)}(0)² (st)^ℓ/ℓ!
    ///   satisfy, from tanh^{(2n−1)}(0) = (−1)^{n−1}2^{2n}(2^{2n}−1)B_{2n}/(2n) and |B_{2n}| > 2(2n)!/(2π)^{2n},
    ///   T_ℓ ≥ (4/π²) ℓ! (4st/π²)^ℓ for odd ℓ, whose ratio over two levels, 16(ℓ+1)(ℓ+2)(st)²/π⁴, increases: once
    ///   the bound is ≥ 1 with ratio ≥ 1, no term beyond is below 1, so the series diverges for every u > 0 (in
    ///   any order of summation). The bound on |tanh^{(ℓ)}(0)| is checked against the exact derivatives for ℓ ≤ 25;
    ///   the kernel itself (`GaussianDual`) and the truncated sums are shown beside it.
    static let smallNormExact = Claim(
        id: "simon-blog/small-norm-exact", source: source,
        statement: "“So long as the activation function is analytic (on all of ℝ) and integrates nicely against Gaussians, the NNGP kernel is given exactly by” K = Σ_{ℓ,q,q′} σ^(ℓ+2q)(0) σ^(ℓ+2q′)(0) s^{ℓ+q+q′} ‖x‖^{2q} ‖x′‖^{2q′} ⟨x,x′⟩^ℓ / (ℓ! q! q′! 2^{q+q′}), s = α/d (Docs/conventions.md §4); checked for erf and tanh at ‖x‖² = ‖x′‖² = r², ⟨x,x′⟩ = r²/2, s r² from 1/100 to 1."
    ) {
        var v = VerdictBuilder()
        let p = 128
        let twoOverPi = try Interval(2, precision: p).dividing(by: Interval.constant(.pi, precision: p))
        for u in [try Rational(1, 16), try Rational(1, 4), try Rational(9, 16), Rational(1)] {
            let closed = try Interval(u / (1 + 2 * u), precision: p).applying(.asin) * twoOverPi
            if 2 * u < 1 {
                let sums = try [20, 40].map { try OriginExpansion(activation: .erf, order: $0).truncatedSum(normSquared: u, u, inner: u / 2, precision: p) }
                let gaps = sums.map { Interval(($0 - closed).magnitude) }
                v.compare("erf, s r² = \(u) (inside 2 s r² < 1): |S_20 − K| vs |S_40 − K|", lhs: gaps[0], rhs: gaps[1], relation: .atLeast,
                          note: "K = (2/π) arcsin(u/(1+2u)) = \(VerdictBuilder.show(closed)), S_40 = \(VerdictBuilder.show(sums[1])); the q-sums are binomial series in 2 s r² (radius 1), so the series is K exactly here")
            } else {
                var q0 = 1
                while 2 * u * Rational(2 * q0 + 1) <= Rational(2 * q0 + 2) { q0 += 1 }
                let ratio = try 2 * u * Rational(2 * q0 + 1, 2 * q0 + 2)
                let sum = try OriginExpansion(activation: .erf, order: 40).truncatedSum(normSquared: u, u, inner: u / 2, precision: p)
                v.compare("erf, s r² = \(u) (outside 2 s r² < 1): 1 vs the term ratio T_{q+1}/T_q at q = \(q0)", lhs: Interval(1, precision: p),
                          rhs: Interval(ratio, precision: p), relation: .atLeast,
                          note: "T_q = (4/π)(2q)!/(q!)² (u/2)^q s t, ratio 2u(2q+1)/(2q+2) = \(ratio) increasing in q: the terms grow without bound and the series diverges, although erf is entire; K = \(VerdictBuilder.show(closed)), S_40 = \(VerdictBuilder.show(sum))")
            }
        }
        try tanhDivergence(&v, precision: p)
        return (v.verdict, v.evidence)
    }

    /// The tanh cases of `smallNormExact`.
    private static func tanhDivergence(_ v: inout VerdictBuilder, precision p: Int) throws {
        let pi = Interval.constant(.pi, precision: p)
        let piSquared = pi * pi
        // |tanh^{(ℓ)}(0)| ≥ 2·2^ℓ ℓ!/π^{ℓ+1} (odd ℓ), against the exact derivatives.
        let derivatives = try Activation.tanh.taylorDerivatives(order: 25)
        var boundHolds = true
        for l in stride(from: 1, through: 25, by: 2) {
            let bound = try Interval(Rational(try BigInt.factorial(l)) * Rational(1 << (l + 1)), precision: p).dividing(by: try pi.power(l + 1))
            let exact = Interval(try derivatives[l].enclosure(precision: p).magnitude)
            if exact.lower < bound.upper { boundHolds = false }
        }
        v.evidence.append(Evidence("tanh: |σ^(ℓ)(0)| ≥ 2·2^ℓ ℓ!/π^{ℓ+1}, odd ℓ ≤ 25", lhs: "exact derivatives", rhs: "Bernoulli bound",
                                   detail: boundHolds ? "holds (certified) for every odd ℓ ≤ 25" : "undecided: the bound fails"))
        if !boundHolds { v.undecided = true }
        for u in [try Rational(1, 100), try Rational(1, 16), try Rational(1, 4)] {
            let st = u / 2
            let x = try Interval(4 * st, precision: p).dividing(by: piSquared) // 4st/π²
            var lower = try Interval(4, precision: p).dividing(by: piSquared) * x // (4/π²)·1!·x at ℓ = 1
            var l = 1
            func ratio(_ l: Int) throws -> Interval { try Interval(16 * st * st * Rational((l + 1) * (l + 2)), precision: p).dividing(by: piSquared * piSquared) }
            while try lower.lower < BigFloat(1, precision: p) || ratio(l).lower < BigFloat(1, precision: p) {
                guard l < 100_000 else { throw PrismError.notCertified("no divergence bound found for tanh at s r² = \(u)") }
                lower = lower * (try ratio(l))
                l += 2
            }
            let kernel = try GaussianDual(activation: .tanh, q1: u, q2: u, q12: st).enclosure(precision: p)
            let sums = try [10, 30].map { try OriginExpansion(activation: .tanh, order: $0).truncatedSum(normSquared: u, u, inner: st, precision: p) }
            v.compare("tanh, s r² = \(u): 1 vs the lower bound of T_ℓ at ℓ = \(l)", lhs: Interval(1, precision: p), rhs: lower, relation: .atLeast,
                      note: "T_ℓ = σ^(ℓ)(0)²(st)^ℓ/ℓ! ≥ (4/π²) ℓ!(4st/π²)^ℓ, increasing from ℓ = \(l) on: the terms do not tend to 0 and the series diverges; K = E[tanh(u)tanh(v)] = \(VerdictBuilder.show(kernel)), S_10 = \(VerdictBuilder.show(sums[0])), S_30 = \(VerdictBuilder.show(sums[1])) (an asymptotic series)")
        }
    }
}
