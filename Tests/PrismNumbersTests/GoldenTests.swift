import Foundation
import Testing
@testable import PrismNumbers

/// 50-digit reference values from mpmath at 250 digits (Fixtures/generate_golden.py).
/// Prism's correctly rounded 50-digit decimal must equal mpmath's rounding exactly.
@Suite struct GoldenTests {
    struct Case: CustomStringConvertible, Sendable {
        var function: String
        var arguments: [String]
        var expected: String
        var description: String { "\(function)(\(arguments.joined(separator: ",")))" }
    }

    static let cases: [Case] = {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("golden_functions.tsv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(function: f[0], arguments: f[1].isEmpty ? [] : f[1].split(separator: ",").map(String.init), expected: f[2])
        }
    }()

    @Test func fixtureCoversEveryFunctionAndConstant() {
        let names = Set(Self.cases.map(\.function))
        for f in RealFunction.allCases { #expect(names.contains(f.rawValue), "\(f)") }
        for c in MathConstant.allCases { #expect(names.contains(c.rawValue), "\(c)") }
        #expect(Self.cases.count > 300)
    }

    @Test(arguments: cases)
    func fiftyDigitsAgreeWithMpmath(_ c: Case) throws {
        let args = try c.arguments.map { RealExpression.number(try Rational(parsing: $0)) }
        let expression: RealExpression = args.isEmpty ? .constant(MathConstant(rawValue: c.function)!) : .call(c.function, args)
        let value: CertifiedValue
        if let exact = try expression.exactValue() {
            value = try CertifiedValue(exact: exact, digits: 50)
        } else {
            value = try CertifiedValue(digits: 50) { try expression.enclosure(precision: $0) }
        }
        let expected = try Rational(parsing: c.expected)
        #expect(try Rational(parsing: value.value) == expected, "\(c): \(value.value) vs \(c.expected)")
        #expect(try Rational(parsing: value.lower) <= expected && expected <= Rational(parsing: value.upper))
    }
}
