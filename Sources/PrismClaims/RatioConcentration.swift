import PrismNumbers
import PrismBases
import PrismActivations
import PrismKernels

/// Dandi & Jacot's Theorem 1 made concrete: the finite-sample ratio of two layers' decrements along a
/// target direction g, computed from the definitions (CONVENTIONS §3, §5).
///
/// Kernels: the two-layer NTK parts of σ = ReLU, κ^(0) = ρψ1 (first layer) and κ^(1) = ψ0 (readout),
/// both multiplied by `kernelScale` c. Their Funk–Hecke eigenvalues μ_k^(j) on S^{d−1} are exact:
/// ψ0 = E[σ²]·k and ρψ1 = E[σ²]·(Θ − k), with k, Θ the normalized NNGP and NTK of `ArcCosineSpectrum`.
/// Target: g(x) = s(1 + a t), t = ⟨x, e⟩ for a fixed unit e (degree-0 plus degree-1 harmonics, so not an
/// eigenfunction of either kernel unless μ_0/μ_1 agree). Then (T_j g)(x) = s(μ_0^(j) + a μ_1^(j) t) and
///
///     φ_j(x) = g(x)(T_j g)(x) = s²(1 + a t)(μ_0^(j) + a μ_1^(j) t),   λ_j = E φ_j = s²(μ_0^(j) + a² μ_1^(j)/d),
///
/// and one point's ratio φ_1/φ_2 = R(t) = (μ_0^(1) + a μ_1^(1) t)/(μ_0^(2) + a μ_1^(2) t) is a Möbius map of t.
/// For n points the ratio of means is the mediant Σφ_1/Σφ_2 of the R(t_i). The law of t on S^{d−1} has
/// density c_d (1 − t²)^{(d−3)/2}, a polynomial for odd d, so Pr[R(t) ≥ y] is exact: for n = 1 the
/// deviation probability is computed exactly (enclosed), for n ≥ 2 bounded below by the events
/// "every t_i ≥ τ₊" and "every t_i ≤ τ₋" (on them the mediant deviates as much as every R(t_i) does).
///
/// The bounds' constants are the smallest the theorem allows: A = sup|κ^(0)| = c ψ1(1) = c E[σ'²],
/// B = sup|κ^(1)| = c ψ0(1) = c E[σ²] (a PSD dot-product kernel peaks at t = 1), C = sup|g| = s(1 + |a|),
/// and the theorem's undefined D is taken to be C (its proof uses C in both Hoeffding bounds).
/// Error contract: throws `PrismError.domain` for even d, |a| ≥ 1 or non-positive scales, and
/// `PrismError.notCertified` when an enclosure cannot decide a case split.
struct RatioConcentration {
    let dimension: Int
    let a: Rational
    private(set) var kernelScale: Rational
    private(set) var targetScale: Rational
    static let precision = 128

    /// μ_0, μ_1 of κ^(0) = ρψ1 and of κ^(1) = ψ0 at kernel scale 1.
    let first: (Interval, Interval)
    let readout: (Interval, Interval)
    /// E[σ'²] = ψ1(1) and E[σ²] = ψ0(1).
    let derivativeSecondMoment: Interval
    let secondMoment: Interval

    init(dimension d: Int, a: Rational) throws {
        guard d >= 3, d % 2 == 1 else { throw PrismError.domain("the exact law of ⟨x, e⟩ is polynomial only for odd d ≥ 3, got \(d)") }
        guard a.magnitude < 1 else { throw PrismError.domain("need |a| < 1 (so g > 0)") }
        dimension = d; self.a = a; kernelScale = 1; targetScale = 1
        let p = Self.precision
        guard let nngp = try ArcCosineSpectrum.eigenvalues(activation: .relu, kind: .nngp, dimension: d, maxDegree: 1),
              let ntk = try ArcCosineSpectrum.eigenvalues(activation: .relu, kind: .ntk, dimension: d, maxDegree: 1) else {
            throw PrismError.domain("relu is not in the arc-cosine family")
        }
        secondMoment = try HermiteCoefficients(activation: try Activation.relu.squared(), degree: 0).enclosures(precision: p)[0]
        derivativeSecondMoment = try HermiteCoefficients(activation: try Activation.relu.derivative().squared(), degree: 0).enclosures(precision: p)[0]
        let m = secondMoment
        first = (try (ntk[0] - nngp[0]).enclosure(precision: p) * m, try (ntk[1] - nngp[1]).enclosure(precision: p) * m)
        readout = (try nngp[0].enclosure(precision: p) * m, try nngp[1].enclosure(precision: p) * m)
    }

    /// The same setting with κ → cκ and g → sg (relative to scale 1).
    func rescaled(kernelScale c: Rational, targetScale s: Rational = 1) throws -> RatioConcentration {
        guard c > 0, s > 0 else { throw PrismError.domain("scales must be positive") }
        var copy = self
        copy.kernelScale = c
        copy.targetScale = s
        return copy
    }

    func I(_ q: Rational) -> Interval { Interval(q, precision: Self.precision) }

    /// λ_j = c s² (μ_0 + a² μ_1 / d).
    func lambda(_ mu: (Interval, Interval)) throws -> Interval {
        try I(kernelScale * targetScale * targetScale) * (mu.0 + I(a * a) * mu.1.dividing(by: I(Rational(dimension))))
    }
    var lambda1: Interval { get throws { try lambda(first) } }
    var lambda2: Interval { get throws { try lambda(readout) } }
    /// λ1/λ2, the ratio the theorem concentrates on.
    var ratio: Interval { get throws { try lambda1.dividing(by: lambda2) } }
    /// A = c E[σ'²], B = c E[σ²], C = s(1 + |a|).
    var A: Interval { I(kernelScale) * derivativeSecondMoment }
    var B: Interval { I(kernelScale) * secondMoment }
    var C: Interval { I(targetScale * (1 + a.magnitude)) }

    /// R(t) = (μ_0^(1) + a μ_1^(1) t)/(μ_0^(2) + a μ_1^(2) t).
    func perPointRatio(_ t: Interval) throws -> Interval {
        try (first.0 + I(a) * first.1 * t).dividing(by: readout.0 + I(a) * readout.1 * t)
    }

    /// sup over t ∈ [−1, 1] of |φ_j(t)| = c s² |(1 + a t)(μ_0 + a μ_1 t)|: the larger of the endpoint
    /// values and the vertex value when the vertex lies inside (enclosed).
    func supPerPoint(_ mu: (Interval, Interval)) throws -> Interval {
        let scale = I(kernelScale * targetScale * targetScale)
        func phi(_ t: Interval) -> Interval { scale * (I(1) + I(a) * t) * (mu.0 + I(a) * mu.1 * t) }
        func magnitude(_ x: Interval) throws -> Interval { x.lower.signum >= 0 ? x : (x.upper.signum <= 0 ? -x : try Interval(lower: BigFloat(0), upper: x.magnitude)) }
        var best = try Self.max(magnitude(phi(I(1))), magnitude(phi(I(-1))))
        if !a.isZero && !mu.1.containsZero {
            // (1 + a t)(μ0 + a μ1 t) has its vertex at t* = −(μ0 + μ1)/(2 a μ1).
            let vertex = try -(mu.0 + mu.1).dividing(by: I(2 * a) * mu.1)
            if vertex.upper.compare(Rational(-1)) > 0 && vertex.lower.compare(Rational(1)) < 0 { best = try Self.max(best, magnitude(phi(vertex))) }
        }
        return best
    }

    static func max(_ x: Interval, _ y: Interval) throws -> Interval {
        try Interval(lower: Swift.max(x.lower, y.lower), upper: Swift.max(x.upper, y.upper))
    }

    /// The source's bound: log(4/δ) n^{−1/2} max{√(AC²/(2λ1²)), √(BD²/(2λ2²))}, D = C.
    func statedBound(n: Int, delta: Rational) throws -> Interval {
        let logTerm = try I(4 / delta).applying(.log)
        let c2 = C * C
        let first = try (A * c2).dividing(by: I(2) * lambda1 * lambda1).applying(.sqrt)
        let second = try (B * c2).dividing(by: I(2) * lambda2 * lambda2).applying(.sqrt)
        return try logTerm * Self.max(first, second).dividing(by: I(Rational(n)).applying(.sqrt))
    }

    /// The corrected relative bound ε = 4C² √(2 log(4/δ)/n) max{A/λ1, B/λ2}: Hoeffding for φ_j ∈ [−A_jC², A_jC²]
    /// at t = ελ_j/4 (failure probability δ/4 each), then |R_n − λ1/λ2| ≤ ε λ1/λ2 when ε ≤ 2.
    func correctedEpsilon(n: Int, delta: Rational) throws -> Interval {
        let root = try (I(2) * I(4 / delta).applying(.log)).dividing(by: I(Rational(n))).applying(.sqrt)
        return try I(4) * C * C * root * Self.max(A.dividing(by: lambda1), B.dividing(by: lambda2))
    }

    /// Pr[t ≥ τ] for t = ⟨x, e⟩ on S^{d−1} (odd d): (G(1) − G(τ))/(2G(1)) with G' = (1 − t²)^{(d−3)/2}, G odd.
    func survival(_ tau: Interval) throws -> Interval {
        let j = (dimension - 3) / 2
        var g = [Rational](repeating: 0, count: 2 * j + 2)
        for i in 0...j { g[2 * i + 1] = Rational(try BigInt.binomial(BigInt(j), i)) * (i % 2 == 0 ? 1 : -1) / Rational(2 * i + 1) }
        func G(_ t: Interval) -> Interval { g.reversed().reduce(I(0)) { $0 * t + I($1) } }
        let total = G(I(1))
        return try (total - G(tau)).dividing(by: I(2) * total)
    }

    /// Pr[R(t) ≥ r + b] and Pr[R(t) ≤ r − b] for one point, exactly (enclosed). R is increasing when
    /// μ_0^(1) μ_1^(2) < μ_1^(1) μ_0^(2) (a > 0) and its denominator stays positive; both are checked.
    func tails(bound b: Interval) throws -> (above: Interval, below: Interval) {
        let p0 = first.0, p1 = I(a) * first.1, q0 = readout.0, q1 = I(a) * readout.1
        guard a > 0, (q0 - Interval(q1.magnitude)).lower.signum > 0, (p1 * q0 - p0 * q1).lower.signum > 0 else {
            throw PrismError.notCertified("R(t) is not certified increasing with a positive denominator")
        }
        let r = try ratio
        func inverse(_ y: Interval) throws -> Interval { try (y * q0 - p0).dividing(by: p1 - y * q1) }
        let up = r + b, down = r - b
        let top = try perPointRatio(I(1)), bottom = try perPointRatio(I(-1))
        let above: Interval, below: Interval
        if top.upper < up.lower { above = I(0) }
        else if up.upper < top.lower { above = try survival(try inverse(up)) }
        else { throw PrismError.notCertified("r + b is too close to max R(t)") }
        if down.upper < bottom.lower { below = I(0) }
        else if bottom.upper < down.lower { below = try I(1) - survival(try inverse(down)) }
        else { throw PrismError.notCertified("r − b is too close to min R(t)") }
        return (above, below)
    }

    /// An enclosure of Pr[|R_n − λ1/λ2| ≥ b]: exact for n = 1; for n ≥ 2 the interval
    /// [above^n + below^n, 1] (the lower bound of the mediant argument).
    func deviationProbability(n: Int, bound b: Interval) throws -> Interval {
        let (above, below) = try tails(bound: b)
        if n == 1 { return above + below }
        let lower = try above.power(n) + below.power(n)
        return try Interval(lower: lower.lower, upper: BigFloat(1))
    }
}
