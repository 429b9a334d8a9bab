import Foundation
import PrismNumbers
import PrismActivations

/// Power series in ρ of the dual activation and the two-layer NTK pieces (CONVENTIONS §2, §5),
/// from Mehler's formula E[f(x) g(y)] = Σ bₙ(f) bₙ(g) ρⁿ for (x, y) standard normal with
/// correlation ρ, and bₙ(σ') = √(n+1) b_{n+1}(σ) (Gaussian integration by parts):
///
/// * k(ρ) = E[σ(x)σ(y)] = Σ bₙ² ρⁿ                 (= ψ₀, the second layer's contribution κ^(1))
/// * k̇(ρ) = E[σ'(x)σ'(y)] = Σ (n+1) b_{n+1}² ρⁿ    (= ψ₁)
/// * ρψ₁(ρ) = Σ n bₙ² ρⁿ                           (the first layer's contribution κ^(0))
///
/// The coefficients are exact when σ's Hermite coefficients are, certified otherwise.
public enum DualSeries: String, CaseIterable, Sendable {
    /// k(ρ) = ψ₀(ρ).
    case dual
    /// k̇(ρ) = ψ₁(ρ).
    case dualDerivative = "dual-derivative"
    /// ρψ₁(ρ), the first layer's NTK contribution.
    case firstLayer = "ntk-first-layer"

    /// The ρⁿ coefficient from the Hermite coefficients b (needs b up to n + 1 for k̇).
    func coefficient<T>(_ n: Int, _ b: [T], square: (T) throws -> T, times: (Int, T) throws -> T) throws -> T {
        switch self {
        case .dual: return try square(b[n])
        case .dualDerivative: return try times(n + 1, try square(b[n + 1]))
        case .firstLayer: return try times(n, try square(b[n]))
        }
    }
}

/// The coefficients of one dual series, n = 0…N, with scale 1 (w ~ N(0, I), x on the sphere).
public struct DualCoefficients: Sendable {
    public let series: DualSeries
    public let degree: Int
    public let exact: [ExactReal]?
    let hermite: HermiteCoefficients

    public init(activation: Activation, series: DualSeries, degree N: Int) throws {
        guard N >= 0 else { throw PrismError.domain("degree must be ≥ 0, got \(N)") }
        self.series = series
        degree = N
        hermite = try HermiteCoefficients(activation: activation, degree: series == .dualDerivative ? N + 1 : N)
        if let b = try hermite.exact {
            exact = try (0...N).map { n in
                try series.coefficient(n, b, square: { try $0 * $0 }, times: { try ExactReal($0) * $1 })
            }
        } else {
            exact = nil
        }
    }

    public func enclosures(precision p: Int) throws -> [Interval] {
        if let exact { return try exact.map { try $0.enclosure(precision: p) } }
        let b = try hermite.enclosures(precision: p)
        let wp = b.first?.precision ?? p
        return try (0...degree).map { n in
            try series.coefficient(n, b, square: { $0 * $0 }, times: { Interval($0, precision: wp) * $1 })
        }
    }

    /// Rows proven zero: those whose Hermite coefficient is proven zero (or n = 0 for ρψ₁).
    var provenZero: [Bool] {
        (0...degree).map { n in
            switch series {
            case .dual: return hermite.provenZero[n]
            case .dualDerivative: return hermite.provenZero[n + 1]
            case .firstLayer: return n == 0 || hermite.provenZero[n]
            }
        }
    }

    public func certified(digits D: Int) throws -> [CertifiedValue] {
        if let exact { return try exact.map { try CertifiedValue(exact: $0, digits: D) } }
        var values = try CertifiedValue.certifyAll(count: degree + 1, digits: D, startPrecision: CertifiedValue.bits(forDigits: D) + 24) {
            try enclosures(precision: $0)
        }
        for (n, zero) in provenZero.enumerated() where zero { values[n] = try CertifiedValue(exact: .zero, digits: D) }
        return values
    }
}

/// The exact three-variable expansion of the NNGP kernel near the origin (CONVENTIONS §4):
///
///     K = Σ_{ℓ,q,q'} σ^{(ℓ+2q)}(0) σ^{(ℓ+2q')}(0) s^{ℓ+q+q'} ‖x‖^{2q} ‖x'‖^{2q'} ⟨x,x'⟩^ℓ / (ℓ! q! q'! 2^{q+q'}),
///
/// s = α/d, for σ analytic at 0. Error contract: exact coefficients.
public struct OriginExpansion: Sendable {
    public let derivatives: [ExactReal]
    public let weightVariance: Rational
    /// The largest ℓ + 2·max(q, q') available.
    public let order: Int

    public init(activation: Activation, alpha: Rational = 1, dimension d: Int = 1, order: Int) throws {
        guard alpha.signum > 0, d >= 1 else { throw PrismError.domain("alpha must be > 0 and dimension ≥ 1") }
        derivatives = try activation.taylorDerivatives(order: order)
        weightVariance = alpha / Rational(d)
        self.order = order
    }

    /// The coefficient of ‖x‖^{2q} ‖x'‖^{2q'} ⟨x,x'⟩^ℓ.
    public func coefficient(level l: Int, q: Int, q2: Int) throws -> ExactReal {
        guard l >= 0, q >= 0, q2 >= 0, l + 2 * Swift.max(q, q2) <= order else {
            throw PrismError.domain("indices outside the expansion's order \(order)")
        }
        let denominator = try BigInt.factorial(l) * BigInt.factorial(q) * BigInt.factorial(q2) * BigInt(2).power(q + q2)
        let scale = try weightVariance.power(l + q + q2) / Rational(denominator)
        return try derivatives[l + 2 * q] * derivatives[l + 2 * q2] * ExactReal(scale)
    }

    /// The truncated sum Σ_{ℓ + 2max(q,q') ≤ order} at (‖x‖², ‖x'‖², ⟨x,x'⟩), as an enclosure (the tail is not included).
    public func truncatedSum(normSquared a: Rational, _ b: Rational, inner t: Rational, precision p: Int) throws -> Interval {
        var sum = Interval(0, precision: p)
        for l in 0...order {
            for q in 0...((order - l) / 2) {
                for q2 in 0...((order - l) / 2) {
                    let c = try coefficient(level: l, q: q, q2: q2)
                    if c.isZero { continue }
                    let monomial = try a.power(q) * b.power(q2) * t.power(l)
                    sum = sum + (try c.enclosure(precision: p)) * Interval(monomial, precision: p)
                }
            }
        }
        return sum
    }
}

/// The dual activation with unequal or non-unit variances (CONVENTIONS §9, `prism dual`):
///
///     E[σ(u)σ(v)],  (u, v) ~ N(0, [[q₁, q₁₂], [q₁₂, q₂]]),  ρ = q₁₂/√(q₁q₂),
///     = Σₙ bₙ(σ; √q₁) bₙ(σ; √q₂) ρⁿ                               (Mehler),
///
/// or E[σ'(u)σ'(v)] with σ' in place of σ. For |ρ| < 1 the series is truncated at N with the
/// Cauchy–Schwarz tail |Σ_{n>N}| ≤ |ρ|^{N+1} √(T₁T₂), T_i = E[σ(√q_i z)²] − Σ_{n≤N} bₙ(σ; √q_i)² (Parseval);
/// q₁ = q₂ = q₁₂ is E[σ(√q₁ z)²] directly; at |ρ| = 1 otherwise the tails T_i alone must shrink (smooth σ). Error contract: enclosure; `certified` correctly rounded.
public struct GaussianDual: Sendable {
    public let activation: Activation
    public let q1: Rational, q2: Rational, q12: Rational
    public let derivative: Bool
    let function: Activation
    let scales: (ExactReal, ExactReal)

    public init(activation: Activation, q1: Rational, q2: Rational, q12: Rational, derivative: Bool = false) throws {
        guard q1.signum > 0, q2.signum > 0 else { throw PrismError.domain("the variances q1 and q2 must be > 0, got \(q1) and \(q2)") }
        guard q12 * q12 <= q1 * q2 else { throw PrismError.domain("not a covariance matrix: q12² = \(q12 * q12) exceeds q1·q2 = \(q1 * q2)") }
        for v in [q1, q2, q12] where v.bitSize > 256 { throw PrismError.limitExceeded("a variance with more than 256 bits") }
        self.activation = activation
        self.q1 = q1
        self.q2 = q2
        self.q12 = q12
        self.derivative = derivative
        function = derivative ? try activation.derivative() : activation
        guard let s1 = try ExactReal.ifExact({ try ExactReal(q1).power(.fraction(1, 2)) }),
              let s2 = try ExactReal.ifExact({ try ExactReal(q2).power(.fraction(1, 2)) }) else {
            throw PrismError.domain("√q1 or √q2 is not representable exactly")
        }
        scales = (s1, s2)
    }

    /// An enclosure of the expectation at working precision about p.
    public func enclosure(precision p: Int) throws -> Interval {
        let square = try function.squared()
        let T1 = try HermiteCoefficients(activation: square, exactScale: scales.0, degree: 0).enclosures(precision: p)[0]
        if q12 * q12 == q1 * q2 { return T1 } // q1 = q2 = q12
        let T2 = try HermiteCoefficients(activation: square, exactScale: scales.1, degree: 0).enclosures(precision: p)[0]
        let rho = try Interval(q12, precision: p + 16).dividing(by: Interval(q1 * q2, precision: p + 16).applying(.sqrt))
        // |ρ|^{N+1} below 2^{−p−8}: N from |ρ| ≤ r < 1 (capped by the integrator's degree limit). At |ρ| = 1
        // (v = ±√(q2/q1) u) only the Parseval tails T_i shrink: N = 4p, and Ziv's loop asks for more if needed.
        let r = rho.magnitude.double(rounding: .up)
        let N = r == 0 ? 1 : (r >= 1 ? Swift.min(HermiteCoefficients.maxDegree - 1, 4 * p)
                                      : Swift.min(HermiteCoefficients.maxDegree - 1, Int((Double(p + 8) / -log2(r)).rounded(.up)) + 1))
        let b1 = try HermiteCoefficients(activation: function, exactScale: scales.0, degree: N).enclosures(precision: p)
        let b2 = q1 == q2 ? b1 : try HermiteCoefficients(activation: function, exactScale: scales.1, degree: N).enclosures(precision: p)
        let wp = b1.first?.precision ?? p
        var sum = Interval(0, precision: wp), power = Interval(1, precision: wp)
        var t1 = T1, t2 = T2
        for n in 0...N {
            sum = sum + b1[n] * b2[n] * power
            power = power * rho
            t1 = t1 - b1[n] * b1[n]
            t2 = t2 - b2[n] * b2[n]
        }
        let zero = BigFloat(0, precision: wp)
        let tail1 = Swift.max(t1.upper, zero), tail2 = Swift.max(t2.upper, zero)
        let bound = try (Interval(tail1) * Interval(tail2)).applying(.sqrt) * Interval(power.magnitude)
        return sum + (try Interval(lower: bound.upper.negated(), upper: bound.upper))
    }

    public func certified(digits D: Int) throws -> CertifiedValue {
        try CertifiedValue(digits: D, precisionCap: 4096) { try enclosure(precision: $0) }
    }
}
