import PrismNumbers
import PrismIntegration
import PrismBases

/// The three normalizations of Hermite coefficients (Docs/conventions.md §2).
public enum HermiteBasis: String, CaseIterable, Sendable {
    /// bₙ(σ; s) = E[σ(sz) hₙ(z)] = Iₙ/√(n!) — the default.
    case normalized
    /// aₙ(σ; s) = E[σ(sz) Heₙ(z)]/n! = Iₙ/n!, so σ(sz) = Σ aₙ Heₙ(z).
    case probabilists
    /// pₙ(σ; s) with σ(s x) = Σ pₙ Hₙ(x) in L²(e^{−x²}): pₙ = 2^{−n/2} aₙ(σ; s/√2).
    case physicists
}

/// Hermite coefficients of an activation at a scale, exact where a closed form exists and
/// certified enclosures otherwise (Docs/design.md "Certified Hermite coefficients").
///
/// Exact zeros come from the closed form or from proven symmetry (`Activation.symmetry`),
/// never from a small enclosure.
public struct HermiteCoefficients: Sendable {
    public let activation: Activation
    /// The scale s > 0 (exact: a rational, or e.g. r√(α/d)).
    public let scale: ExactReal
    public let degree: Int
    public let basis: HermiteBasis
    /// The exact moments Iₙ = E[σ(sz) Heₙ(z)] (at s/√2 for the physicists' basis) when a closed form exists.
    public let exactMoments: [ExactReal]?
    /// Rows proven to be 0 by symmetry (used on the integration route).
    public let provenZero: [Bool]

    /// The largest degree of the certified integrator (closed forms go to `maxExactDegree`).
    public static let maxDegree = 1200
    public static let maxExactDegree = 2000

    /// Which route certified the values: "closed form" or "certified integration".
    public var route: String { exactMoments != nil ? "closed form" : "certified integration" }

    /// The exact coefficients when a closed form exists (built on demand: the symbolic factor 1/√(n!)
    /// costs more than the moments, and the kernel layer needs only enclosures).
    public var exact: [ExactReal]? {
        get throws { try exactMoments?.enumerated().map { n, I in try I * Self.exactFactor(n, basis) } }
    }

    public init(activation: Activation, scale s: Rational = 1, degree N: Int, basis: HermiteBasis = .normalized) throws {
        guard s.bitSize <= 256 else { throw PrismError.limitExceeded("scale with more than 256 bits") }
        try self.init(activation: activation, exactScale: ExactReal(s), degree: N, basis: basis)
    }

    public init(activation: Activation, exactScale s: ExactReal, degree N: Int, basis: HermiteBasis = .normalized) throws {
        guard N >= 0 else { throw PrismError.domain("degree must be ≥ 0, got \(N)") }
        // Before any allocation of size N: the closed forms' limit is the larger one.
        guard N <= HermiteCoefficients.maxExactDegree else {
            throw PrismError.limitExceeded("degree \(N) (limit \(HermiteCoefficients.maxExactDegree) for closed forms, \(HermiteCoefficients.maxDegree) for certified integration)")
        }
        guard try s.enclosure(precision: 64).lower.signum > 0 else { throw PrismError.domain("scale must be > 0, got \(s)") }
        self.activation = activation
        scale = s
        degree = N
        self.basis = basis
        let symmetry = activation.symmetry
        provenZero = (0...N).map { symmetry.provesZero(degree: $0) }
        if let moments = try activation.exactHermiteMoments(scale: Self.effectiveScale(s, basis), degree: N) {
            guard N <= HermiteCoefficients.maxExactDegree else {
                throw PrismError.limitExceeded("degree \(N) (limit \(HermiteCoefficients.maxExactDegree) for closed forms)")
            }
            exactMoments = moments
        } else {
            guard N <= HermiteCoefficients.maxDegree else {
                throw PrismError.limitExceeded("degree \(N) (limit \(HermiteCoefficients.maxDegree) for certified integration)")
            }
            exactMoments = nil
            _ = try HermiteIntegrator(activation: activation, scale: Self.effectiveScale(s, basis), degree: N) // validates now
        }
    }

    /// s for the normalized and probabilists' bases, s/√2 for the physicists'.
    static func effectiveScale(_ s: ExactReal, _ basis: HermiteBasis) throws -> ExactReal {
        basis == .physicists ? try s * ExactReal(2).power(.fraction(-1, 2)) : s
    }

    /// The factor turning Iₙ into the coefficient: 1/√(n!), 1/n!, or 2^{−n/2}/n!.
    static func exactFactor(_ n: Int, _ basis: HermiteBasis) throws -> ExactReal {
        let factorial = Rational(try BigInt.factorial(n))
        switch basis {
        case .normalized: return try ExactReal.factorialPower(n, try Rational(-1, 2))
        case .probabilists: return ExactReal(1 / factorial)
        case .physicists: return try ExactReal(1 / factorial) * ExactReal(2).power(Rational(-n) / 2)
        }
    }

    /// The certified integrator of this activation's moments, nil when a closed form gives them exactly.
    public var integrator: HermiteIntegrator? {
        get throws {
            exactMoments == nil ? try HermiteIntegrator(activation: activation, scale: Self.effectiveScale(scale, basis), degree: degree) : nil
        }
    }

    /// Enclosures of every coefficient at working precision about p (absolute ≈ 2^{−p} on bₙ).
    public func enclosures(precision p: Int) throws -> [Interval] {
        if let exactMoments { return try enclosures(moments: exactMoments.map { try $0.enclosure(precision: p) }, from: 0) }
        return try enclosures(moments: try HermiteIntegrator(activation: activation, scale: Self.effectiveScale(scale, basis), degree: degree)
            .moments(precision: p), from: 0)
    }

    /// The coefficients of degrees n₀, n₀+1, … from enclosures of their moments Iₙ (`HermiteIntegrator`,
    /// `HermiteIntegrator.Pass`): Iₙ/√(n!), Iₙ/n! or Iₙ/(n!·2^{n/2}) by the basis, and exact zeros where
    /// symmetry proves them (degrees beyond `degree` are taken as unproven). Error contract: enclosure.
    public func enclosures(moments: [Interval], from n0: Int) throws -> [Interval] {
        let wp = moments.map(\.precision).max() ?? 64
        var factorial = try BigInt.factorial(n0)
        return try moments.enumerated().map { offset, I in
            let n = n0 + offset
            if offset > 0 { factorial = factorial.multiplied(by: n) }
            if (n < provenZero.count && provenZero[n]) || I.isExactZero { return Interval(0, precision: wp) }
            let f = Interval(Rational(factorial), precision: wp)
            switch basis {
            case .normalized: return try I.dividing(by: f.applying(.sqrt))
            case .probabilists: return try I.dividing(by: f)
            case .physicists: return try I.dividing(by: f * Interval(2, precision: wp).raised(to: Interval(Rational(n) / 2, precision: wp)))
            }
        }
    }

    /// Enclosures of b_0…b_N(σ; s) (normalized basis) for a scale known only through enclosures
    /// (certified integration; every closed form needs an exact s). Error contract: enclosure.
    public static func enclosures(activation: Activation, scaleEnclosure s: @escaping @Sendable (Int) throws -> Interval,
                                  degree N: Int, precision p: Int) throws -> [Interval] {
        guard N >= 0 else { throw PrismError.domain("degree must be ≥ 0, got \(N)") }
        guard N <= maxDegree else { throw PrismError.limitExceeded("degree \(N) (limit \(maxDegree) for certified integration)") }
        guard try s(64).lower.signum > 0 else { throw PrismError.domain("scale must be > 0") }
        let zero = activation.symmetry
        let moments = try HermiteIntegrator(activation: activation, scaleEnclosure: s, degree: N).moments(precision: p)
        let wp = moments.map(\.precision).max() ?? p
        var factorial = BigInt(1)
        return try moments.enumerated().map { n, I in
            if n > 0 { factorial = factorial.multiplied(by: n) }
            if zero.provesZero(degree: n) || I.isExactZero { return Interval(0, precision: wp) }
            return try I.dividing(by: Interval(Rational(factorial), precision: wp).applying(.sqrt))
        }
    }

    /// Every coefficient certified to `digits` significant digits.
    public func certified(digits D: Int) throws -> [CertifiedValue] {
        if let exact = try exact { return try exact.map { try CertifiedValue(exact: $0, digits: D) } }
        var values = try CertifiedValue.certifyAll(count: degree + 1, digits: D, startPrecision: CertifiedValue.bits(forDigits: D) + 24) {
            try enclosures(precision: $0)
        }
        for n in 0...degree where provenZero[n] { values[n] = try CertifiedValue(exact: .zero, digits: D) }
        return values
    }
}

extension ExactReal {
    /// (n!)^r exactly, from Legendre's formula n! = Π p^{v_p(n!)} (no factorisation of n! needed).
    public static func factorialPower(_ n: Int, _ r: Rational) throws -> ExactReal {
        guard n >= 0, n <= 100_000 else { throw PrismError.limitExceeded("factorial power of \(n)") }
        var result = ExactReal(1)
        var sieve = [Bool](repeating: true, count: Swift.max(n + 1, 2))
        for p in 2...Swift.max(n, 2) where p <= n && sieve[p] {
            var multiple = p * p
            while multiple <= n { sieve[multiple] = false; multiple += p }
            var v = 0, q = n / p
            while q > 0 { v += q; q /= p }
            result = try result * ExactReal(p).power(Rational(v) * r)
        }
        return result
    }
}
