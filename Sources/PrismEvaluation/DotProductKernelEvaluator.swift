import PrismNumbers

/// A dot-product kernel f(ρ) = Σ_{m≥0} a_m ρ^m on ρ ∈ [−1, 1] (an NNGP or NTK of an activation,
/// Docs/conventions.md §4–§5), evaluated from its truncation at order N in Double by Horner's rule.
///
/// It holds the Double coefficients â_0…â_N (correctly rounded values of the certified a_m)
/// and a certified truncation bound T,
///
///     |f(ρ) − Σ_{m≤N} a_m ρ^m| ≤ T   for |ρ| ≤ 1
///
/// (for a_m ≥ 0, T = f(1) − Σ_{m≤N} a_m; `PrismTables.KernelEvaluators` certifies it).
///
/// Error contract: for every |ρ| ≤ 1, |f̂(ρ) − f(ρ)| ≤ `errorBound` = T + R with the a-priori
/// rounding bound (Higham (5.3) for Horner with separate × and +, plus the coefficients' own rounding)
///
///     R = (γ_{2N} + u) Σ_m |â_m| + (N + 1)·2⁻¹⁰⁷³,
///
/// and per point `valueWithErrorBound(at:)` gives the sharper T + running bound of
/// `SeriesEvaluator` (monomial basis).
public struct DotProductKernelEvaluator: Sendable {
    /// The truncated series in the monomial basis.
    public let series: SeriesEvaluator
    /// T, a certified bound of the truncation error on [−1, 1].
    public let tailBound: Double
    /// R, the a-priori rounding bound on [−1, 1].
    public let roundingBound: Double

    /// - Throws: `PrismError.domain` for empty or non-finite coefficients, or a tail bound that is
    ///   negative or NaN.
    public init(coefficients: [Double], tailBound: Double) throws {
        guard tailBound >= 0 else { throw PrismError.domain("tail bound must be ≥ 0, got \(tailBound)") }
        series = try SeriesEvaluator(basis: .monomial, coefficients: coefficients)
        self.tailBound = tailBound
        let n = coefficients.count - 1
        var absoluteSum = 0.0
        for c in coefficients { absoluteSum += abs(c) }
        let factor = RoundingModel.gamma(2 * n) + RoundingModel.unitRoundoff
        let raw = factor * absoluteSum + Double(n + 1) * 2 * RoundingModel.underflowSlack
        roundingBound = RoundingModel.inflate(raw, operations: n + 4)
    }

    public var coefficients: [Double] { series.coefficients }
    /// The truncation order N.
    public var order: Int { series.degree }

    /// T + R, rounded up: a bound of |f̂(ρ) − f(ρ)| valid at every |ρ| ≤ 1.
    public var errorBound: Double { (tailBound + roundingBound).nextUp }

    /// An upper bound of the Lipschitz constant of the truncated series on [−1, 1],
    /// Σ m|a_m| ≤ (1 + u)Σ m|â_m| (rounded up).
    public var lipschitzBound: Double {
        var s = 0.0
        for (m, c) in coefficients.enumerated() { s += Double(m) * abs(c) }
        return RoundingModel.inflate(s * (1 + RoundingModel.unitRoundoff), operations: order + 4)
    }

    func check(_ rho: Double) throws {
        guard rho.isFinite, abs(rho) <= 1 else {
            throw PrismError.domain("kernel argument ρ = \(rho) outside [−1, 1]")
        }
    }

    /// f̂(ρ). Error contract: |f̂(ρ) − f(ρ)| ≤ `errorBound`.
    public func value(at rho: Double) throws -> Double {
        try check(rho)
        return try series.value(at: rho)
    }

    /// f̂(ρ) and T + the running rounding bound at ρ.
    public func valueWithErrorBound(at rho: Double) throws -> (value: Double, errorBound: Double) {
        try check(rho)
        let r = try series.valueWithErrorBound(at: rho)
        return (r.value, (r.errorBound + tailBound).nextUp)
    }

    /// f̂ at every ρ_i (SIMD, multi-core; identical at any thread count).
    public func values(at rhos: [Double], threads: Int? = nil) throws -> [Double] {
        for r in rhos { try check(r) }
        return try series.values(at: rhos, threads: threads)
    }
}
