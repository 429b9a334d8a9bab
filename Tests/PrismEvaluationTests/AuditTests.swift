import Testing
import PrismNumbers
@testable import PrismEvaluation

/// The accuracy audit (issue 6): every evaluator against MPFR at ≥ 10⁵ random points in total,
/// every error within its bound.
@Suite struct AuditTests {
    /// Degree 24 for every basis, 17 000 points each (6 bases: 102 000 points), plus a degree-64
    /// pass at fewer points; fixed seeds.
    @Test func everyErrorWithinItsBound() throws {
        var total = 0
        for (i, auditCase) in EvaluationAudit.standardCases(degree: 24).enumerated() {
            let r = try EvaluationAudit.run(auditCase, points: 17_000, seed: 0x5EED + UInt64(i))
            total += r.points
            #expect(r.violations == 0, "\(r.name): \(r.violations) errors over their bound (max ratio \(r.maxErrorOverBound))")
            #expect(r.maxErrorOverBound <= 1, "\(r.name)")
            // The bounds are not vacuous: the largest error is a visible fraction of its bound.
            #expect(r.maxErrorOverBound > 1e-3, "\(r.name): bound looser than 1000× (max ratio \(r.maxErrorOverBound))")
            #expect(r.maxErrorULP.isFinite)
        }
        #expect(total >= 100_000)
        for (i, auditCase) in EvaluationAudit.standardCases(degree: 64).enumerated() {
            let r = try EvaluationAudit.run(auditCase, points: 1_000, seed: 0xB16 + UInt64(i))
            #expect(r.violations == 0, "\(r.name): \(r.violations) errors over their bound")
        }
    }
}
