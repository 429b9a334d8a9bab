import Testing
import Foundation
import PrismNumbers
@testable import PrismIntegration
import PrismAlgebra
@testable import PrismActivations
@testable import PrismKernels
import _PrismTestSupport


/// An enclosure of a decimal reference printed to its last digit: value ± one unit in that digit.
private func referenceEnclosure(_ text: String, precision p: Int) throws -> Interval {
    let value = try Rational(parsing: text)
    let exponent = text.contains("e") ? Int(text.split(separator: "e")[1])! : 0
    let fraction = text.split(separator: "e")[0].split(separator: ".").dropFirst().first?.count ?? 0
    let unit = try Rational(10).power(exponent - fraction)
    return try Interval(lower: Interval(value - unit, precision: p).lower, upper: Interval(value + unit, precision: p).upper)
}

@Suite struct HighDegreeTests {
    /// He_j at a dyadic end is exact: the integer recurrence against the rational one.
    @Test func hermiteValuesAtDyadicEndsAreExact() throws {
        for z in [q("0"), q("13/8"), q("-37/16"), q("21/2")] {
            let values = try HermiteIntegrator.hermiteValues(at: z, count: 120, precision: 300)
            var previous = Rational(0), current = Rational(1)
            for j in 0..<120 {
                #expect(values[j].contains(current), "He_\(j)(\(z))")
                #expect(values[j].isPoint || values[j].accurateBits >= 290, "He_\(j)(\(z)) rounded once")
                (previous, current) = (current, z * current - Rational(j) * previous)
            }
        }
        #expect(throws: PrismError.self) { try HermiteIntegrator.hermiteValues(at: q("1/3"), count: 3, precision: 64) }
    }

    /// The integrator's bₙ do not depend on the degree asked for (what the enclosure cache relies on).
    @Test func integratorValuesAreIndependentOfTheDegree() throws {
        let short = try HermiteCoefficients(activation: .tanh, degree: 12).enclosures(precision: 80)
        let long = try HermiteCoefficients(activation: .tanh, degree: 40).enclosures(precision: 80)
        #expect(Array(long.prefix(13)) == short)
    }

    /// A pass's moments asked range by range are the ones asked at once (what extending a cached list relies
    /// on), and they are the integrator's moments.
    @Test func passMomentsExtendRangeByRange() throws {
        let integrator = try HermiteIntegrator(activation: .tanh, scale: ExactReal(1), degree: 30)
        let pass = try integrator.pass(precision: 80)
        let whole = try pass.moments(0...30)
        let pieces = try pass.moments(0...0) + pass.moments(1...9) + pass.moments(10...30)
        #expect(pieces == whole)
        #expect(try integrator.moments(precision: 80) == whole)
        #expect(throws: PrismError.self) { try pass.moments(-1...3) }
    }

    /// Fixed-point products (Kronecker substitution) enclose the interval schoolbook product.
    @Test func fixedPointProductEnclosesIntervalProduct() throws {
        let p = 120, M = 40
        let a = (0...M).map { try! Interval(lower: BigFloat(Rational(1) / Rational($0 * $0 + 1), precision: p, rounding: .down),
                                            upper: BigFloat(Rational(1) / Rational($0 * $0 + 1), precision: p, rounding: .up)) }
        let b = (0...M).map { Interval(try! Rational($0 % 3, $0 + 2), precision: p) }
        let exact = try PowerSeries(a).multiplied(by: PowerSeries(b)).coefficients
        let fixed = try FixedPointSeries(a, fractionBits: 100).multiplied(by: FixedPointSeries(b, fractionBits: 100)).intervals(precision: 300)
        for m in 0...M {
            #expect(fixed[m].contains(exact[m]), "m = \(m)")
            #expect(fixed[m].width < BigFloat(1e-27, precision: 64), "m = \(m)")
        }
    }

    /// tanh's Hermite coefficients to degree 999 and its S² NNGP eigenvalues against an mpmath computation
    /// that shares none of Prism's code (Fixtures/generate_tanh_high_degree.py: composite Gauss–Legendre,
    /// two runs agreeing). bₙ decays like e^{−π√n/2}, so the kernel needs ~1000 terms for 30 digits.
    /// The Hermite cache memoises a pure function: emptying it changes no value.
    @Test func clearingTheHermiteCacheChangesNoValue() throws {
        let cache = HermiteEnclosureCache.shared
        let before = try cache.hermiteCoefficients(of: .erf, degree: 8, precision: 96)
        cache.clear()
        let after = try cache.hermiteCoefficients(of: .erf, degree: 8, precision: 96)
        #expect(before.count == 9 && after.count == 9)
        for (x, y) in zip(before, after) { #expect(x.lower.rational == y.lower.rational && x.upper.rational == y.upper.rational) }
    }

    @Test func tanhAtHighDegreeAgreesWithMpmath() throws {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("tanh_high_degree.tsv")
        let rows = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
            .map { $0.split(separator: "\t").map(String.init) }
        let b = try HermiteEnclosureCache.shared.hermiteCoefficients(of: .tanh, degree: 999, precision: 120)
        var checked = 0
        for row in rows where row[0] == "b" {
            let n = Int(row[1])!, reference = try referenceEnclosure(row[2], precision: 200)
            #expect(b[n].overlaps(reference), "b_\(n): \(b[n]) vs \(row[2])")
            #expect(b[n].width < BigFloat(1e-35, precision: 64), "b_\(n) enclosure width")
            checked += 1
        }
        let K = 19
        let route = try #require(try PowerSeriesRoute(KernelModel(activation: .tanh), dimension: 3, maxDegree: K))
        let mu = try route.eigenvalues(precision: 120, adaptiveOrder: true, digits: nil)
        for row in rows where row[0] == "mu" {
            let k = Int(row[1])!, reference = try referenceEnclosure(row[2], precision: 200)
            #expect(mu[k].overlaps(reference), "μ_\(k): \(mu[k]) vs \(row[2])")
            let relative = try mu[k].width.divided(by: mu[k].lower, precision: 64, rounding: .up)
            #expect(relative < BigFloat(1e-30, precision: 64), "μ_\(k) relative width \(relative)")
            checked += 1
        }
        #expect(checked >= 15)
    }
}
