import PrismNumbers
import PrismAlgebra

/// The polynomial bases Prism sums series in (Docs/conventions.md §2–§3).
///
/// Every basis except the monomials satisfies a three-term recurrence with β = 0,
///
///     P₀ = 1,   P₁ = α₀ x,   P_{k+1}(x) = α_k x P_k(x) − γ_k P_{k−1}(x),
///
/// described once, in integers, by `step(_:)`: the exact values (`values(upTo:at:)`), the MPFR
/// reference of the evaluation audit and the Double coefficients of Clenshaw's algorithm
/// (PrismEvaluation) are all read off it.
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

/// One step of a basis' three-term recurrence in integers,
///
///     P_{k+1}(x) = (a x P_k(x) − c P_{k−1}(x)) / b,
///
/// so α_k = a/b and γ_k = c/b; with `squareRoots` (the orthonormal Hermite h_k) α_k = √(a/b) and
/// γ_k = √(c/b).
public struct RecurrenceStep: Sendable, Equatable {
    public var a: Int
    public var b: Int
    public var c: Int
    public var squareRoots: Bool = false
}

extension SeriesBasis {
    /// Step k ≥ 0 of the recurrence (c = 0 at k = 0), nil for the monomials:
    /// He: (1, 1, k); h: √ of (1, k+1, k); T: (2, 1, 1), T₁ = x; P^{(d)}: (2k+d−2, k+d−2, k), P₁ = t.
    public func step(_ k: Int) -> RecurrenceStep? {
        switch self {
        case .monomial: return nil
        case .hermiteHe: return RecurrenceStep(a: 1, b: 1, c: k)
        case .hermiteNormalized: return RecurrenceStep(a: 1, b: k + 1, c: k, squareRoots: true)
        case .chebyshev, .legendre(dimension: 2): return k == 0 ? RecurrenceStep(a: 1, b: 1, c: 0) : RecurrenceStep(a: 2, b: 1, c: 1)
        case .legendre(let d): return k == 0 ? RecurrenceStep(a: 1, b: 1, c: 0) : RecurrenceStep(a: 2 * k + d - 2, b: k + d - 2, c: k)
        }
    }

    /// P₀(x) … P_n(x) by the recurrence, in R's arithmetic (exact for rationals):
    /// P_{k+1} = (a·x P_k − c·P_{k−1}) / b. Error contract: that of R; throws `PrismError.domain` for
    /// the orthonormal Hermite basis (irrational steps: use He and the exact 1/√(k!)) and for d < 2.
    public func values<R: AlgebraScalar>(upTo n: Int, at x: R) throws -> [R] {
        try validate()
        guard n >= 0 else { throw PrismError.domain("degree must be ≥ 0, got \(n)") }
        guard self != .monomial else {
            var p = [x.one]
            for _ in 0..<n { p.append(try p[p.count - 1].multiplied(by: x)) }
            return p
        }
        var p = [x.one]
        for k in 0..<n {
            guard let s = step(k), !s.squareRoots else {
                throw PrismError.domain("the \(self) basis has irrational recurrence coefficients: evaluate He_k and scale by 1/√(k!)")
            }
            var next = try x.multiplied(by: p[k])
            if s.a != 1 { next = try next.scaled(by: Rational(s.a)) }
            if s.c != 0 { next = try next.subtracting(p[k - 1].scaled(by: Rational(s.c))) }
            if s.b != 1 { next = try next.divided(by: s.b) }
            p.append(next)
        }
        return p
    }
}
