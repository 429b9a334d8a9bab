import Foundation
import Testing
import PrismNumbers
@testable import PrismTables

@Suite struct EmissionIdentifierTests {
    @Test(arguments: ["tanh_taylor", "x", "_private", "b2", "leaky_relu_1_10_taylor", "Relu", "Type", "open"])
    func acceptsIdentifiers(_ name: String) throws {
        try EmissionIdentifier.validate(name)
    }

    @Test(arguments: ["", "2x", "a-b", "a b", "int", "static", "let", "lambda", "None", "self", "Self", "Any", "subscript", "_", "__x", "_X",
                      "tanh(x)", "é", String(repeating: "a", count: EmissionIdentifier.maxLength + 1)])
    func rejectsNonIdentifiersAndKeywords(_ name: String) {
        #expect(throws: PrismError.self) { try EmissionIdentifier.validate(name) }
    }

    @Test func keywordErrorNamesTheLanguages() {
        do {
            try EmissionIdentifier.validate("for")
            Issue.record("for accepted")
        } catch {
            #expect("\(error)".contains("C, Swift, Python"))
        }
    }

    @Test func defaultNames() throws {
        #expect(EmissionIdentifier.defaultName(activation: "leaky_relu(1/10)", what: "taylor") == "leaky_relu_1_10_taylor")
        #expect(EmissionIdentifier.defaultName(activation: "x*tanh(softplus(x))", what: "hermite") == "x_tanh_softplus_x_hermite")
        #expect(EmissionIdentifier.defaultName(activation: "2*x", what: "kernel") == "act_2_x_kernel")
        #expect(EmissionIdentifier.defaultName(activation: "-x", what: "kernel") == "x_kernel")
        let long = EmissionIdentifier.defaultName(activation: String(repeating: "x+", count: 300), what: "taylor")
        #expect(long.count == EmissionIdentifier.maxLength && long.hasSuffix("_taylor"))
        for act in ["leaky_relu(1/10)", "x^3-x", "((", "é", "elu(1)"] {
            try EmissionIdentifier.validate(EmissionIdentifier.defaultName(activation: act, what: "kernel"))
        }
    }
}

/// Tables built from exact values, as `prism emit` builds them.
enum EmissionFixtures {
    /// relu's b_0 = (2π)^(-1/2), a rational, an exact zero, a negative rational, a value past the binary64
    /// range, a subnormal and a non-exact decimal certified from an enclosure (√2 computed by MPFR).
    static func values(digits: Int = 20) throws -> [CertifiedValue] {
        let half = try Rational(1, 2)
        let b0 = try ExactReal(.pi).power(-half)
        let relu = try b0 * ExactReal(try Rational(1, 1)) * ExactReal(2).power(-half)
        let huge = ExactReal(try Rational(BigInt(10), 1).power(400))
        let subnormal = ExactReal(try Rational(1, 1).dividing(by: Rational(BigInt(2)).power(1070)))
        let sqrt2 = try CertifiedValue(digits: digits) { p in try Interval(2, precision: p).applying(.sqrt) }
        return [
            try CertifiedValue(exact: relu, digits: digits),
            try CertifiedValue(exact: ExactReal(try Rational(1, 4)), digits: digits),
            try CertifiedValue(exact: .zero, digits: digits),
            try CertifiedValue(exact: ExactReal(try Rational(-5, 3)), digits: digits),
            try CertifiedValue(exact: huge, digits: digits),
            try CertifiedValue(exact: -huge, digits: digits),
            try CertifiedValue(exact: subnormal, digits: digits),
            sqrt2,
        ]
    }

    static func table(name: String = "test_values", digits: Int = 20) throws -> EmissionTable {
        let rows = try values(digits: digits).enumerated().map { ReportRow(index: .int($0), value: $1) }
        return try EmissionTable(
            name: name, title: "test values of relu_b0 */ and more", latexTitle: "test values",
            indexName: "n", latexIndex: "n", generator: "swift test",
            report: Report(command: "emit", parameters: [("digits", .int(digits))], conventions: "test", rows: rows))
    }
}

@Suite struct CodeEmitterTests {
    /// Every hex spelling the emitters write, parsed back with strtod, is the certified double.
    @Test func hexLiteralsRoundTrip() throws {
        for v in try EmissionFixtures.values() where v.double.isFinite {
            let parsed = strtod(v.doubleHex, nil)
            #expect(parsed.bitPattern == v.double.bitPattern, "\(v.doubleHex)")
            #expect(Double(v.doubleHex)?.bitPattern == v.double.bitPattern)
        }
    }

    @Test func cHeaderHasGuardLengthArrayAndComments() throws {
        let table = try EmissionFixtures.table()
        let c = CodeEmitter.emit(table, as: .c)
        #expect(c.contains("#ifndef PRISM_EMIT_TEST_VALUES_H\n#define PRISM_EMIT_TEST_VALUES_H"))
        #expect(c.contains("#define TEST_VALUES_LENGTH 8"))
        #expect(c.contains("static const double test_values[TEST_VALUES_LENGTH] PRISM_EMIT_UNUSED = {"))
        #expect(c.contains("#include <math.h>") && c.contains("    HUGE_VAL,") && c.contains("    -HUGE_VAL,"))
        #expect(c.contains("0x1p-2, /* n = 1: exact 1/4 */"))
        #expect(c.contains("exact 1/2*pi^(-1/2)*2^(1/2) ~ 0.39894228040143267794"))
        // The title held "*/": it must not close the header comment early.
        let comment = c[..<c.range(of: "*/\n#ifndef")!.lowerBound]
        #expect(!comment.dropFirst(2).contains("*/"))
        // One literal line per value, each parsing back to the certified double.
        let literals = c.split(separator: "\n").filter { $0.hasPrefix("    ") && $0.contains("/* n = ") }
        #expect(literals.count == 8)
        for (line, v) in zip(literals, try EmissionFixtures.values()) where v.double.isFinite {
            let literal = line.trimmingCharacters(in: .whitespaces).split(separator: ",")[0]
            #expect(strtod(String(literal), nil).bitPattern == v.double.bitPattern)
        }
    }

    @Test func swiftHasHexArrayAndCompanions() throws {
        let s = CodeEmitter.emit(try EmissionFixtures.table(), as: .swift)
        #expect(s.contains("let test_values: [Double] = [\n    0x1.9884533d43651p-2, // n = 0"))
        #expect(s.contains("    Double.infinity,") && s.contains("    -Double.infinity,"))
        #expect(s.contains("let test_values_EXACT: [String?] = [\n    \"1/2*pi^(-1/2)*2^(1/2)\",\n    \"1/4\","))
        #expect(s.contains("    nil,\n]"))
        #expect(s.contains("let test_values_DECIMAL: [String] = ["))
    }

    @Test func pythonLiteralsRoundTrip() throws {
        let values = try EmissionFixtures.values()
        let py = CodeEmitter.emit(try EmissionFixtures.table(), as: .python)
        let lines = py.split(separator: "\n").filter { $0.hasPrefix("    ") && $0.contains("# n = ") }
        #expect(lines.count == values.count)
        for (line, v) in zip(lines, values) {
            let literal = String(line.trimmingCharacters(in: .whitespaces).split(separator: ",")[0])
            if v.double.isInfinite { #expect(literal == (v.double < 0 ? "-float(\"inf\")" : "float(\"inf\")")); continue }
            #expect(strtod(literal, nil).bitPattern == v.double.bitPattern, "\(literal)")
        }
        #expect(py.contains("test_values_EXACT = [\n    \"1/2*pi^(-1/2)*2^(1/2)\",\n    \"1/4\",\n    \"0\",\n    \"-5/3\","))
        #expect(py.contains("    None,\n]"))
    }

    @Test func jsonIsTheContractReport() throws {
        let table = try EmissionFixtures.table()
        let json = CodeEmitter.emit(table, as: .json)
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        let rows = object["rows"] as! [[String: Any]]
        #expect(rows.count == 8)
        #expect(rows[1]["exact"] as? String == "1/4" && rows[1]["double"] as? String == "0x1p-2")
        #expect(rows[7]["exact"] is NSNull)
    }

    @Test func latexIsABooktabsTable() throws {
        let tex = CodeEmitter.emit(try EmissionFixtures.table(), as: .latex)
        for rule in ["\\toprule", "\\midrule", "\\bottomrule", "\\begin{tabular}{rll}", "\\label{tab:test_values}"] {
            #expect(tex.contains(rule), "\(rule)")
        }
        #expect(tex.contains("    0 & $\\frac{1}{2}\\,\\pi^{-1/2}\\,\\sqrt{2}$ & $0.39894228040143267794$ \\\\"))
        #expect(tex.contains("    3 & $-\\frac{5}{3}$ & $-1.6666666666666666667$ \\\\"))
        #expect(tex.contains("\\times 10^{400}$"))
        #expect(tex.contains("    7 &  & $1.4142135623730950488$ \\\\"))
    }

    @Test func outputIsDeterministic() throws {
        for language in EmissionLanguage.allCases {
            #expect(CodeEmitter.emit(try EmissionFixtures.table(), as: language) == CodeEmitter.emit(try EmissionFixtures.table(), as: language))
        }
    }

    @Test func badNameIsATypedError() throws {
        #expect(throws: PrismError.self) { try EmissionFixtures.table(name: "double") }
    }
}

@Suite struct LaTeXMathTests {
    @Test(arguments: [
        ("0", "0"), ("-3", "-3"), ("1/4", "\\frac{1}{4}"), ("-5/3", "-\\frac{5}{3}"),
        ("1/2*pi^(-1/2)*2^(1/2)", "\\frac{1}{2}\\,\\pi^{-1/2}\\,\\sqrt{2}"),
        ("pi^(-1/2)", "\\pi^{-1/2}"), ("-pi", "-\\pi"), ("pi^2", "\\pi^{2}"),
        ("1/4+1/2*pi^(-1)", "\\frac{1}{4} + \\frac{1}{2}\\,\\pi^{-1}"),
        ("1-e^(-1/2)*3^(1/3)", "1 - e^{-1/2}\\,3^{1/3}"), ("log2", "\\log 2"), ("2*log2^(-1)", "2\\,(\\log 2)^{-1}"),
        ("euler", "\\gamma"),
    ])
    func exactToLaTeX(_ input: String, _ expected: String) {
        #expect(LaTeXMath.exact(input) == expected)
    }

    @Test(arguments: ["", "1/2*", "pi^(1/2", "+", "1/2**pi", "pi^x", "a b"])
    func malformedExactIsNil(_ input: String) {
        #expect(LaTeXMath.exact(input) == nil)
    }

    @Test func decimals() {
        #expect(LaTeXMath.decimal("-0.25") == "-0.25")
        #expect(LaTeXMath.decimal("1.5e-7") == "1.5\\times 10^{-7}")
        #expect(LaTeXMath.decimal("2e+30") == "2\\times 10^{30}")
        #expect(LaTeXMath.escapeText("leaky_relu(1/10) & x^2") == "leaky\\_relu(1/10) \\& x\\textasciicircum{}2")
    }
}
