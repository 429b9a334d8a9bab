import PrismNumbers
import PrismBases

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

    /// The Doubles of the basis' recurrence (`SeriesBasis.step`) for degrees 0…n: α̂_k = a/b and γ̂_{k+1} =
    /// c/b of step k + 1 by IEEE division of exact integers (< 2^53), which is correctly rounded; the √
    /// steps of the orthonormal Hermite basis through MPFR enclosures.
    init(basis: SeriesBasis, degree n: Int) throws {
        try basis.validate()
        let steps = (0...n + 1).compactMap { basis.step($0) }
        guard steps.count == n + 2 else {
            alpha = []; gammaNext = []; alphaTimesXExact = true; gammaExact = true; alphaConstant = true
            return
        }
        func rounded(_ p: Int, _ q: Int, squareRoot: Bool) throws -> Double {
            squareRoot ? try ThreeTermRecurrence.roundedSquareRoot(Rational(p), Rational(q)) : Double(p) / Double(q)
        }
        alpha = try steps.prefix(n + 1).map { try rounded($0.a, $0.b, squareRoot: $0.squareRoots) }
        gammaNext = try steps.dropFirst().map { try rounded($0.c, $0.b, squareRoot: $0.squareRoots) }
        alphaTimesXExact = steps.prefix(n + 1).allSatisfy { !$0.squareRoots && $0.b == 1 && ($0.a == 1 || $0.a == 2) }
        gammaExact = steps.dropFirst().allSatisfy { !$0.squareRoots && $0.b == 1 }
        let later = steps.prefix(n + 1).dropFirst()
        alphaConstant = later.allSatisfy { $0 == later.first }
    }

    /// The correctly rounded Double of √(p/q).
    static func roundedSquareRoot(_ p: Rational, _ q: Rational) throws -> Double {
        let r = p / q
        return try CertifiedValue.correctlyRoundedDouble { precision in try Interval(r, precision: precision).applying(.sqrt) }
    }
}
