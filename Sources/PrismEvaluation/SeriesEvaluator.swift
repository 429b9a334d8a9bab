import PrismNumbers
import PrismBases

/// A series Σ_{k=0}^{n} c_k P_k(x) in one of the `SeriesBasis` bases, with Double coefficients,
/// evaluated in Double by Clenshaw's algorithm (Horner's rule for monomials), with a rigorous
/// running bound on the error.
///
/// Algorithm (Clenshaw): b_{n+1} = b_{n+2} = 0,
///
///     b_k = c_k + α_k x b_{k+1} − γ_{k+1} b_{k+2},   k = n, …, 0,   S = b₀,
///
/// computed as p₁ = fl(ŝ·b̂_{k+1}) with ŝ = fl(α̂_k x), p₂ = fl(γ̂_{k+1} b̂_{k+2}), v = fl(c_k − p₂),
/// b̂_k = fl(p₁ + v) — separate multiplications and additions, no fused multiply–add.
///
/// Error contract (`valueWithErrorBound`): with γ_k' the true coefficients of which the c_k
/// are the correctly rounded Doubles (or c_k themselves when `coefficientsAreRounded` is false)
/// and S(x) = Σ γ_k' P_k(x) the exact sum at the Double x,
///
///     |Ŝ − S(x)| ≤ Σ_k w_k(x) (e_k + u|c_k|),
///     e_k = u(|b̂_k| + |v_k| + |p₁| + |p₂|) + κ_α u|p₁| + κ_γ u|p₂| + 2⁻¹⁰⁷³,
///
/// because the errors E_k = b̂_k − b_k obey the same recurrence with the local errors e_k as
/// coefficients, so E₀ = Σ e_k P_k(x). κ_α = 2.01 when α̂_k x is rounded (α_k inexact:
/// |ŝ − α_k x| ≤ u|ŝ| + u|α̂_k x|), else 0; κ_γ = 1.01 when γ̂ is a rounded value, else 0;
/// w_k(x) ≥ |P_k(x)| is 1 for P^{(d)} and T_k on [−1, 1] (d ≥ 2), K√(k!)e^{x²/4} for He_k and
/// K e^{x²/4} for h_k (Cramér's inequality, DLMF 18.14.9, K = 1.086435 < 1.0865). The sum is
/// computed in Double and inflated by `RoundingModel.inflate` for its own roundings.
/// For monomials (Horner: p = fl(x ŷ_{i+1}), ŷ_i = fl(p + c_i)) the bound is
/// Σ_i |x|^i (u|ŷ_i| + u|p_i| + u|c_i| + 2⁻¹⁰⁷³) (Higham §5.1, running error analysis).
public struct SeriesEvaluator: Sendable {
    public let basis: SeriesBasis
    public let coefficients: [Double]
    /// Whether the c_k are rounded values of true coefficients (adds u|c_k| per term to the bound).
    public let coefficientsAreRounded: Bool
    let recurrence: ThreeTermRecurrence
    /// w_k / (K e^{x²/4}) for He: √(k!) rounded up; empty otherwise.
    let hermiteWeights: [Double]

    /// Cramér's constant, rounded up (DLMF 18.14.9: 1.086435…).
    static let cramer = 1.0865

    /// - Throws: `PrismError.domain` for an empty coefficient array, a non-finite coefficient or
    ///   d < 2; `PrismError.limitExceeded` for a degree over `basis.maxDegree`.
    public init(basis: SeriesBasis, coefficients: [Double], coefficientsAreRounded: Bool = true) throws {
        try basis.validate()
        guard !coefficients.isEmpty else { throw PrismError.domain("a series needs at least one coefficient") }
        guard coefficients.count - 1 <= basis.maxDegree else {
            throw PrismError.limitExceeded("degree \(coefficients.count - 1) of a \(basis) series (limit \(basis.maxDegree))")
        }
        if let bad = coefficients.firstIndex(where: { !$0.isFinite }) {
            throw PrismError.domain("coefficient c_\(bad) is not finite (\(coefficients[bad]))")
        }
        self.basis = basis
        self.coefficients = coefficients
        self.coefficientsAreRounded = coefficientsAreRounded
        recurrence = try ThreeTermRecurrence(basis: basis, degree: coefficients.count - 1)
        if basis == .hermiteHe {
            var factorial = BigFloat(1, precision: 64)
            hermiteWeights = (0..<coefficients.count).map { k in
                if k > 1 { factorial = factorial.multiplied(by: BigFloat(k, precision: 64), precision: 64, rounding: .up) }
                return factorial.sqrt(precision: 53, rounding: .up).double(rounding: .up)
            }
        } else {
            hermiteWeights = []
        }
    }

    /// The degree n (the number of coefficients minus one).
    public var degree: Int { coefficients.count - 1 }

    /// Throws unless x is finite and inside the basis's domain.
    func check(_ x: Double) throws {
        guard x.isFinite else { throw PrismError.domain("evaluation point \(x) is not finite") }
        guard abs(x) <= basis.domainRadius else {
            throw PrismError.domain("evaluation point \(x) outside [−1, 1], the domain of \(basis) series")
        }
    }

    /// S(x) in Double. Error contract: within `valueWithErrorBound(at:)`'s bound.
    public func value(at x: Double) throws -> Double {
        try check(x)
        return coefficients.withUnsafeBufferPointer { c in scalarValue(x, c) }
    }

    /// S(x) and a rigorous bound of |Ŝ − S(x)| (the formula in the type's documentation).
    public func valueWithErrorBound(at x: Double) throws -> (value: Double, errorBound: Double) {
        try check(x)
        return coefficients.withUnsafeBufferPointer { c in scalarValueAndBound(x, c) }
    }

    // MARK: scalar kernels

    func scalarValue(_ x: Double, _ c: UnsafeBufferPointer<Double>) -> Double {
        let n = c.count - 1
        if basis == .monomial {
            var y = c[n]
            var i = n - 1
            while i >= 0 { y = x * y + c[i]; i -= 1 }
            return y
        }
        return recurrence.alpha.withUnsafeBufferPointer { a in
            recurrence.gammaNext.withUnsafeBufferPointer { g in
                var b1 = 0.0, b2 = 0.0
                var k = n
                while k >= 0 {
                    let p1 = (a[k] * x) * b1
                    let v = c[k] - g[k] * b2
                    let b0 = p1 + v
                    b2 = b1; b1 = b0
                    k -= 1
                }
                return b1
            }
        }
    }

    func scalarValueAndBound(_ x: Double, _ c: UnsafeBufferPointer<Double>) -> (value: Double, errorBound: Double) {
        let u = RoundingModel.unitRoundoff
        let slack = 2 * RoundingModel.underflowSlack
        let coefficientWeight = coefficientsAreRounded ? u : 0
        let n = c.count - 1
        if basis == .monomial {
            var y = c[n]
            var mu = coefficientWeight * abs(c[n])
            let ax = abs(x)
            var i = n - 1
            while i >= 0 {
                let p = x * y
                y = p + c[i]
                mu = ax * mu + (u * (abs(y) + abs(p)) + coefficientWeight * abs(c[i]) + slack)
                i -= 1
            }
            return (y, RoundingModel.inflate(mu, operations: 3 * n + 8))
        }
        let kappaAlpha = recurrence.alphaTimesXExact ? 0 : 2.01 * u
        let kappaGamma = recurrence.gammaExact ? 0 : 1.01 * u
        let hermite = !hermiteWeights.isEmpty
        return recurrence.alpha.withUnsafeBufferPointer { a in
            recurrence.gammaNext.withUnsafeBufferPointer { g in
                var b1 = 0.0, b2 = 0.0
                var sum = 0.0 // Σ w_k (e_k + u|c_k|) / (K e^{x²/4}) for Hermite
                var k = n
                while k >= 0 {
                    let p1 = (a[k] * x) * b1
                    let p2 = g[k] * b2
                    let v = c[k] - p2
                    let b0 = p1 + v
                    let local = u * (abs(b0) + abs(v) + abs(p1) + abs(p2)) + kappaAlpha * abs(p1) + kappaGamma * abs(p2)
                        + coefficientWeight * abs(c[k]) + slack
                    sum += hermite ? hermiteWeights[k] * local : local
                    b2 = b1; b1 = b0
                    k -= 1
                }
                var bound = sum
                if basis == .hermiteHe || basis == .hermiteNormalized {
                    // K e^{x²/4}: the C library's exp is within 1 ulp (glibc); allow 2⁻³⁰ relative.
                    let envelope = SeriesEvaluator.cramer * (x * x / 4).exponential * (1 + 0x1p-30)
                    bound *= envelope
                }
                return (b1, RoundingModel.inflate(bound, operations: n + 24))
            }
        }
    }
}

extension Double {
    /// e^self from the C library.
    var exponential: Double {
        #if canImport(Glibc)
        return Glibc.exp(self)
        #else
        return Foundation.exp(self)
        #endif
    }
}
#if canImport(Glibc)
import Glibc
#else
import Foundation
#endif
