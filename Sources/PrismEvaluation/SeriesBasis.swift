import PrismNumbers

/// The polynomial bases PrismEvaluation sums series in (Docs/conventions.md §2–§3).
///
/// Every basis except the monomials satisfies a three-term recurrence with β = 0,
///
///     P₀ = 1,   P₁ = α₀ x,   P_{k+1}(x) = α_k x P_k(x) − γ_k P_{k−1}(x),
///
/// which is what Clenshaw's algorithm needs (`ThreeTermRecurrence`).
public enum SeriesBasis: Sendable, Equatable, Hashable, CustomStringConvertible {
    /// xᵏ, summed by Horner's rule.
    case monomial
    /// Probabilists' Hermite He_k: He_{k+1} = x He_k − k He_{k−1} (α_k = 1, γ_k = k).
    case hermiteHe
    /// Orthonormal Hermite h_k = He_k/√(k!): h_{k+1} = x h_k/√(k+1) − √(k/(k+1)) h_{k−1}.
    case hermiteNormalized
    /// Dimension-d Legendre (Funk–Hecke) polynomials P_k^{(d)}, normalized P_k(1) = 1, d ≥ 2:
    /// (k+d−2) P_{k+1} = (2k+d−2) t P_k − k P_{k−1}, P₀ = 1, P₁ = t. d = 3 gives Legendre P_k,
    /// d = 2 gives Chebyshev T_k.
    case legendre(dimension: Int)
    /// Chebyshev T_k: T_{k+1} = 2x T_k − T_{k−1}, T₁ = x (the same polynomials as `legendre(dimension: 2)`).
    case chebyshev

    /// The largest degree accepted. He is capped where √(k!) (its weight in the error bound,
    /// Cramér's inequality) still fits in a Double.
    public var maxDegree: Int {
        switch self {
        case .hermiteHe: return 300
        default: return 1 << 20
        }
    }

    /// Points must satisfy |x| ≤ `domainRadius` (the sphere's t ∈ [−1, 1] for P^{(d)} and T).
    public var domainRadius: Double {
        switch self {
        case .legendre, .chebyshev: return 1
        default: return .infinity
        }
    }

    /// Throws `PrismError.domain` for d < 2.
    public func validate() throws {
        if case .legendre(let d) = self, d < 2 {
            throw PrismError.domain("the dimension-d Legendre polynomials P_k^(d) need d ≥ 2, got d = \(d)")
        }
    }

    public var description: String {
        switch self {
        case .monomial: return "monomial"
        case .hermiteHe: return "hermite-he"
        case .hermiteNormalized: return "hermite-normalized"
        case .legendre(let d): return "legendre(d=\(d))"
        case .chebyshev: return "chebyshev"
        }
    }
}

/// The recurrence coefficients of a `SeriesBasis` as Doubles, with what the error bound needs
/// to know about their rounding.
///
/// `alpha[k]` = α̂_k and `gammaNext[k]` = γ̂_{k+1} (the factor of b_{k+2} in Clenshaw's step k).
/// Each is either exact or the correctly rounded Double of the true value, so
/// |α_k − α̂_k| ≤ u|α̂_k| and |γ_k − γ̂_k| ≤ u|γ̂_k| (`RoundingModel`).
struct ThreeTermRecurrence: Sendable {
    var alpha: [Double]
    var gammaNext: [Double]
    /// Whether every α̂_k is exact *and* every product α̂_k·x is exact (α_k ∈ {1, 2}).
    var alphaTimesXExact: Bool
    /// Whether every γ̂_k is exact.
    var gammaExact: Bool
    /// Whether α_k = α₁ for all k ≥ 1 (then α̂_k·x is computed once per point).
    var alphaConstant: Bool

    init(basis: SeriesBasis, degree n: Int) throws {
        let count = n + 1
        switch basis {
        case .monomial:
            alpha = []; gammaNext = []; alphaTimesXExact = true; gammaExact = true; alphaConstant = true
        case .hermiteHe:
            // α_k = 1, γ_{k+1} = k + 1: integers, exact.
            alpha = Array(repeating: 1, count: count)
            gammaNext = (0..<count).map { Double($0 + 1) }
            alphaTimesXExact = true; gammaExact = true; alphaConstant = true
        case .chebyshev, .legendre(dimension: 2):
            alpha = (0..<count).map { $0 == 0 ? 1 : 2 }
            gammaNext = Array(repeating: 1, count: count)
            alphaTimesXExact = true; gammaExact = true; alphaConstant = true
        case .legendre(let d):
            try basis.validate()
            // α_k = (2k+d−2)/(k+d−2) (α₀ = 1), γ_{k+1} = (k+1)/(k+d−1): IEEE division of exact
            // integers is correctly rounded.
            alpha = (0..<count).map { (k: Int) -> Double in
                k == 0 ? 1 : Double(2 * k + d - 2) / Double(k + d - 2)
            }
            gammaNext = (0..<count).map { (k: Int) -> Double in Double(k + 1) / Double(k + d - 1) }
            alphaTimesXExact = false; gammaExact = false; alphaConstant = false
        case .hermiteNormalized:
            // α_k = 1/√(k+1), γ_{k+1} = √((k+1)/(k+2)), correctly rounded through MPFR enclosures.
            alpha = try (0..<count).map { k in try ThreeTermRecurrence.roundedSquareRoot(Rational(1), Rational(k + 1)) }
            gammaNext = try (0..<count).map { k in try ThreeTermRecurrence.roundedSquareRoot(Rational(k + 1), Rational(k + 2)) }
            alphaTimesXExact = false; gammaExact = false; alphaConstant = false
        }
    }

    /// The correctly rounded Double of √(p/q).
    static func roundedSquareRoot(_ p: Rational, _ q: Rational) throws -> Double {
        let r = p / q
        return try CertifiedValue.correctlyRoundedDouble { precision in try Interval(r, precision: precision).applying(.sqrt) }
    }
}
