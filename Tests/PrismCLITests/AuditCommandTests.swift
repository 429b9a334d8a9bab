import Foundation
import Testing
import PrismEvaluation
import PrismKernels
import PrismActivations
@testable import PrismCLI
@testable import PrismTables

@Suite struct AuditCommandTests {
    func run(_ args: String...) -> CommandResult { PrismCommand.execute(args) }

    @Test func auditTableHasEveryFunctionAndNoViolation() throws {
        let r = run("audit", "--points", "300", "--degree", "8", "--format", "json")
        #expect(r.status == 0 && r.standardError.isEmpty)
        let object = try JSONSerialization.jsonObject(with: Data(r.standardOutput.utf8)) as! [String: Any]
        #expect(object["command"] as? String == "audit")
        let rows = object["rows"] as! [[String: Any]]
        #expect(rows.count == 8)
        for row in rows {
            #expect(row["violations"] as? Int == 0, "\(row)")
            #expect(row["points"] as? Int == 300)
        }
        let csv = run("audit", "--points", "50", "--degree", "0", "--format", "csv")
        #expect(csv.standardOutput.hasPrefix("function,kind,points,max_ulp,rms_ulp,max_error_over_bound,violations,max_abs_error,max_bound\n"))
        // Deterministic: the same seed prints the same table.
        #expect(run("audit", "--points", "50", "--degree", "3").standardOutput == run("audit", "--points", "50", "--degree", "3").standardOutput)
    }

    @Test func badInputExitsTwo() {
        for args in [["audit", "--points", "0"], ["audit", "--degree", "-3"], ["audit", "--degree", "301"], ["audit", "--format", "xml"]] {
            let r = PrismCommand.execute(args)
            #expect(r.status == 2 && r.standardOutput.isEmpty && r.standardError.hasPrefix("prism: "), "\(args)")
            #expect(r.standardError.split(separator: "\n").count == 1)
        }
    }

    /// The glue: the certified ReLU NNGP's tail bound is f(1) − Σ a_m, coefficients non-negative, and the
    /// small-norm evaluator of sin agrees with the closed form e^{−s(a+b)/2} sinh(s t) (CONVENTIONS §8, s = 1)
    /// within its certified bound.
    @Test func kernelEvaluatorsFromTheCertifiedLayer() throws {
        let k = try KernelEvaluators.dotProduct(activation: .relu, kind: .nngp, order: 20)
        #expect(k.coefficients.allSatisfy { $0 >= 0 })
        #expect(abs(k.coefficients.reduce(0, +) + k.tailBound - 1) < 1e-12)
        #expect(k.tailBound > 0 && k.tailBound < 0.01)
        let s = try KernelEvaluators.smallNorm(activation: .sin, order: 24, radius: 1)
        for (a, b, t) in [(0.5, 0.25, 0.3), (1.0, 1.0, -1.0), (0.0, 0.9, 0.0)] {
            let (v, bound) = try s.valueWithErrorBound(normSquared: a, b, inner: t)
            let exact = Foundation.exp(-(a + b) / 2) * Foundation.sinh(t)
            #expect(abs(v - exact) <= bound + 1e-15, "(\(a), \(b), \(t))")
        }
        #expect(s.tailBound < 1e-4)
        #expect(throws: (any Error).self) { try KernelEvaluators.smallNorm(activation: .tanh, order: 6, radius: 1) }
        let poly = try KernelEvaluators.smallNorm(activation: .monomial(2), order: 2, radius: 1)
        #expect(poly.tailBound == 0)
        #expect(try poly.value(normSquared: 0.5, 0.5, inner: 0.5) == 2 * 0.25 + 0.25)
    }
}
