import Foundation
import Testing
import PrismNumbers
@testable import PrismBases

/// Independent values from sympy (Fixtures/generate_golden.py): He_n, H_n to n = 60; P_k^{(d)} and
/// β_l^m(d) for d ∈ {2, 3, 4, 7, 10} to 40.
@Suite struct BasesGoldenTests {
    static func rows(_ file: String) throws -> [[String]] {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(file)
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            .filter { !$0.hasPrefix("#") }.map { $0.split(separator: "\t").map(String.init) }
    }

    @Test func hermitePolynomials() throws {
        let he = try Self.rows("hermite_he.tsv"), h = try Self.rows("hermite_h.tsv")
        #expect(he.count == 61 && h.count == 61)
        for row in he { #expect(try Hermite.probabilistsCoefficients(Int(row[0])!).map(\.description).joined(separator: ",") == row[1], "He_\(row[0])") }
        for row in h { #expect(try Hermite.physicistsCoefficients(Int(row[0])!).map(\.description).joined(separator: ",") == row[1], "H_\(row[0])") }
    }

    @Test func dimensionalLegendrePolynomials() throws {
        let rows = try Self.rows("legendre_d.tsv")
        #expect(rows.count == 5 * 41)
        for row in rows {
            let (d, k) = (Int(row[0])!, Int(row[1])!)
            let expected = try row[2].split(separator: ",").map { try Rational(parsing: String($0)) }
            #expect(try Gegenbauer.legendreCoefficients(k, dimension: d) == expected, "P_\(k)^(\(d))")
        }
    }

    @Test func connectionCoefficients() throws {
        let rows = try Self.rows("connection.tsv")
        var tables: [Int: ConnectionCoefficients] = [:]
        for d in [2, 3, 4, 7, 10] { tables[d] = try ConnectionCoefficients(dimension: d, maxDegree: 40) }
        #expect(rows.count == 5 * 41 * 42 / 2)
        for row in rows {
            let (d, m, l) = (Int(row[0])!, Int(row[1])!, Int(row[2])!)
            #expect(tables[d]![m, l] == (try Rational(parsing: row[3])), "β_\(l)^\(m)(\(d))")
        }
    }
}
