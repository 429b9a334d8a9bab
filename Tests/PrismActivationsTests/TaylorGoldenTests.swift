import Foundation
import Testing
import PrismNumbers
@testable import PrismActivations

/// σ^{(k)}(0) for k ≤ 40 from sympy (Tests/PrismBasesTests/Fixtures/generate_golden.py writes
/// Fixtures/taylor.tsv): every analytic catalogue activation, compared exactly.
@Suite struct TaylorGoldenTests {
    @Test func everyAnalyticActivationToOrderForty() throws {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("taylor.tsv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t").map(String.init) }
        var derivatives: [String: [ExactReal]] = [:]
        for row in rows {
            let (name, k) = (row[0], Int(row[1])!)
            if derivatives[name] == nil { derivatives[name] = try Activation(parsing: name).taylorDerivatives(order: 40) }
            let expected = try #require(try ExpressionParser().parse(row[2]).exactValue(), "\(row[2]) is exact")
            #expect(try (derivatives[name]![k] - expected).isZero, "\(name)^(\(k))(0): \(derivatives[name]![k]) vs \(row[2])")
        }
        #expect(Set(rows.map { $0[0] }).count >= 12)
    }
}
