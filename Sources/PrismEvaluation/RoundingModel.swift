// PrismEvaluation: fast Double evaluation of series whose coefficients come,
// correctly rounded, from the certified layers (DESIGN "Evaluation").
//
// Every evaluator uses separate IEEE-754 binary64 multiplications and additions
// (no fused multiply–add), so its results are the same on every build and at
// every thread count, and the standard model below applies to each operation.

/// The floating-point model behind every error bound of PrismEvaluation.
///
/// For round-to-nearest binary64 and any operation ∘ ∈ {+, −, ×, ÷, √} whose
/// result does not overflow (Higham, *Accuracy and Stability of Numerical
/// Algorithms*, 2nd ed., §2.2, (2.4)–(2.5)):
///
///     fl(a ∘ b) = (a ∘ b)(1 + δ) = (a ∘ b) / (1 + δ') + η,   |δ|, |δ'| ≤ u = 2⁻⁵³,  |η| ≤ 2⁻¹⁰⁷⁵,
///
/// where η (gradual underflow) is non-zero only for products and quotients in the
/// subnormal range. A correctly rounded coefficient c = fl(γ) therefore satisfies
/// |γ − c| ≤ u·|c| — the "coefficient rounding" term of every bound.
public enum RoundingModel {
    /// The unit roundoff u = 2⁻⁵³.
    public static let unitRoundoff: Double = 0x1p-53
    /// An upper bound of the absolute error of one product in the subnormal range, doubled
    /// (2⁻¹⁰⁷⁴ ≥ 2·2⁻¹⁰⁷⁵).
    public static let underflowSlack: Double = 0x1p-1074

    /// γₙ = n·u / (1 − n·u), rounded up (Higham (3.8)); +∞ when n·u ≥ 1/2.
    public static func gamma(_ n: Int) -> Double {
        let nu = Double(n) * unitRoundoff // exact: n < 2^53
        guard nu < 0.5 else { return .infinity }
        // 1/(1 − nu) ≤ 1 + 2nu for nu ≤ 1/2, so nu(1 + 2nu) ≥ γₙ; the two roundings are covered by nextUp twice.
        return (nu * (1 + 2 * nu)).nextUp.nextUp
    }

    /// An upper bound of a non-negative quantity B that was computed as B̂ with at most `m`
    /// roundings along any chain of operations (sums and products of non-negative terms):
    /// B ≤ B̂·(1 − u)⁻ᵐ ≤ B̂·(1 + 2m·u) for m·u ≤ 1/2, and the multiplication by
    /// 1 + (2m + 2)u (exact) loses at most a factor 1 − u; `nextUp` covers a subnormal product.
    /// Non-finite input gives +∞ (a valid, if useless, bound).
    public static func inflate(_ b: Double, operations m: Int) -> Double {
        guard b.isFinite, b >= 0 else { return .infinity }
        let factor = 1 + Double(2 * m + 2) * unitRoundoff
        guard Double(m) * unitRoundoff <= 0.25 else { return .infinity }
        return (b * factor).nextUp
    }
}
