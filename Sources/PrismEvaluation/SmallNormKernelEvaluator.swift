import PrismNumbers

/// The NNGP kernel near the origin as a polynomial in a = ‖x‖², b = ‖x'‖², t = ⟨x, x'⟩
/// (Docs/conventions.md §4), truncated to ℓ + 2·max(q, q') ≤ N:
///
///     K_N(a, b, t) = Σ_{ℓ + 2max(q,q') ≤ N} C_{ℓ,q,q'} a^q b^{q'} t^ℓ,
///     C_{ℓ,q,q'} = σ^{(ℓ+2q)}(0) σ^{(ℓ+2q')}(0) s^{ℓ+q+q'} / (ℓ! q! q'! 2^{q+q'}),
///
/// with Double coefficients (correctly rounded) and a certified truncation bound T valid on the
/// region a, b ≤ r², |t| ≤ r² (`PrismTables.KernelEvaluators` certifies both).
///
/// Evaluation: nested Horner (in b, then a, then t), separate × and +. Each term's monomial
/// passes at most 2(Q' + Q + N) roundings (Q = ⌊N/2⌋), so (Higham Lemma 3.3 and (5.3))
///
///     |K̂ − K_N(a, b, t)| ≤ (γ_{2(N+2Q)} + u) · Σ |C_{ℓ,q,q'}| a^q b^{q'} |t|^ℓ + (number of terms)·2⁻¹⁰⁷³,
///
/// the u term being the coefficients' rounding. Error contract: |K̂ − K(a, b, t)| ≤ T + that
/// bound for (a, b, t) in the region (`valueWithErrorBound`); `errorBound` bounds it uniformly there.
public struct SmallNormKernelEvaluator: Sendable {
    /// C[ℓ][q][q'] for ℓ = 0…N and q, q' = 0…⌊(N − ℓ)/2⌋.
    public let coefficients: [[[Double]]]
    /// T: |K − K_N| ≤ T on the region.
    public let tailBound: Double
    /// r²: the region is a, b ≤ r², |t| ≤ r².
    public let radiusSquared: Double
    let gammaFactor: Double
    let termCount: Int

    /// - Throws: `PrismError.domain` for a malformed coefficient array (wrong shape, non-finite),
    ///   a negative tail bound or a non-positive radius.
    public init(coefficients: [[[Double]]], tailBound: Double, radiusSquared: Double) throws {
        guard !coefficients.isEmpty else { throw PrismError.domain("no coefficients") }
        let N = coefficients.count - 1
        var terms = 0
        for (l, plane) in coefficients.enumerated() {
            let width = (N - l) / 2 + 1
            guard plane.count == width, plane.allSatisfy({ $0.count == width }) else {
                throw PrismError.domain("coefficients[\(l)] must be \(width)×\(width) (q, q' ≤ ⌊(N − ℓ)/2⌋, N = \(N))")
            }
            for row in plane { for c in row { guard c.isFinite else { throw PrismError.domain("non-finite coefficient at level \(l)") } } }
            terms += width * width
        }
        guard tailBound >= 0 else { throw PrismError.domain("tail bound must be ≥ 0, got \(tailBound)") }
        guard radiusSquared > 0, radiusSquared.isFinite else { throw PrismError.domain("radius² must be > 0, got \(radiusSquared)") }
        self.coefficients = coefficients
        self.tailBound = tailBound
        self.radiusSquared = radiusSquared
        termCount = terms
        gammaFactor = RoundingModel.gamma(2 * (N + 2 * (N / 2)) + 2) + RoundingModel.unitRoundoff
    }

    /// The truncation order N.
    public var order: Int { coefficients.count - 1 }

    func check(_ a: Double, _ b: Double, _ t: Double) throws {
        guard a.isFinite, b.isFinite, t.isFinite, a >= 0, b >= 0 else {
            throw PrismError.domain("need finite ‖x‖² ≥ 0, ‖x'‖² ≥ 0 and ⟨x,x'⟩, got (\(a), \(b), \(t))")
        }
        guard a <= radiusSquared, b <= radiusSquared, abs(t) <= radiusSquared else {
            throw PrismError.domain("(‖x‖², ‖x'‖², ⟨x,x'⟩) = (\(a), \(b), \(t)) outside the certified region (each ≤ \(radiusSquared))")
        }
    }

    /// Nested Horner; with `absolute`, the majorant Σ|C| a^q b^{q'} |t|^ℓ instead.
    func horner(_ a: Double, _ b: Double, _ t: Double, absolute: Bool) -> Double {
        var outer = 0.0
        for l in stride(from: order, through: 0, by: -1) {
            let plane = coefficients[l]
            var middle = 0.0
            for q in stride(from: plane.count - 1, through: 0, by: -1) {
                let row = plane[q]
                var inner = 0.0
                for q2 in stride(from: row.count - 1, through: 0, by: -1) { inner = b * inner + (absolute ? abs(row[q2]) : row[q2]) }
                middle = a * middle + inner
            }
            outer = t * outer + middle
        }
        return outer
    }

    /// K̂(a, b, t). Error contract: within `valueWithErrorBound`'s bound.
    public func value(normSquared a: Double, _ b: Double, inner t: Double) throws -> Double {
        try check(a, b, t)
        return horner(a, b, t, absolute: false)
    }

    /// K̂(a, b, t) and T + (γ + u)·majorant(a, b, |t|) (rounded up).
    public func valueWithErrorBound(normSquared a: Double, _ b: Double, inner t: Double) throws -> (value: Double, errorBound: Double) {
        try check(a, b, t)
        let v = horner(a, b, t, absolute: false)
        let majorant = horner(a, b, abs(t), absolute: true)
        let rounding = gammaFactor * majorant + Double(termCount) * 2 * RoundingModel.underflowSlack
        // The majorant's own evaluation has at most 2(N + 2Q) + 2 roundings per term.
        return (v, (RoundingModel.inflate(rounding, operations: 2 * (order + 2 * (order / 2)) + 6) + tailBound).nextUp)
    }

    /// A bound valid at every point of the region: T + the rounding bound at (r², r², r²).
    public var errorBound: Double {
        let r = radiusSquared
        let majorant = horner(r, r, r, absolute: true)
        let rounding = gammaFactor * majorant + Double(termCount) * 2 * RoundingModel.underflowSlack
        return (RoundingModel.inflate(rounding, operations: 2 * (order + 2 * (order / 2)) + 6) + tailBound).nextUp
    }
}
