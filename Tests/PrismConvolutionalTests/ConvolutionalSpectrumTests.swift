import Foundation
import Testing
import PrismNumbers
import PrismActivations
import PrismKernels
@testable import PrismConvolutional

/// [x − δ, x + δ] with δ = max(|x|·relative, absolute), x a decimal string from an mpmath fixture (shared by this
/// target's suites; the fixtures with two working precisions pass absolute = 100·agree, their digits with margin).
func mpmathReference(_ text: String, relative: String, absolute: Rational, precision p: Int = 256) throws -> Interval {
    let x = try Rational(parsing: text)
    let delta = Swift.max(x.magnitude * (try Rational(parsing: relative)), absolute)
    return try Interval(lower: Interval(x - delta, precision: p).lower, upper: Interval(x + delta, precision: p).upper)
}

/// A JSON file of this target's Fixtures/, decoded.
func loadFixture<T: Decodable>(_ name: String) throws -> T {
    let url = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent(name)
    return try JSONDecoder().decode(T.self, from: try Data(contentsOf: url))
}

/// cntk_mpmath.json's quadratures at 45 digits leave about 10⁻⁵⁴ where the true value is 0.
private func reference(_ text: String, relative: String) throws -> Interval {
    try mpmathReference(text, relative: relative, absolute: try Rational(parsing: "1e-40"))
}

private struct Fixture: Decodable {
    struct Row: Decodable { let kind: String; let index: [Int]; let value: String }
    let relu_two_pixel_zeta3: [Row]
    let relu_two_pixel_zeta5: [Row]
    let erf_stack_1_2_zeta3: [Row]
    let relu_three_pixel_zeta3: [Row]

    static func load() throws -> Fixture { try loadFixture("cntk_mpmath.json") }
}

/// The spectrum of σ on ζ channels, P pixels and the given filter sizes, for the fixtures' "nngp"/"ntk" (shared by this target's suites).
func spectrum(_ sigma: Activation, _ ζ: Int, _ P: Int, _ filters: [Int], _ indices: [[Int]], _ kind: String) throws -> ConvolutionalSpectrum {
    try ConvolutionalSpectrum(activation: sigma, architecture: try ConvolutionalArchitecture(channels: ζ, pixels: P, filters: filters),
                              indices: indices, kind: kind == "ntk" ? .ntk : .nngp)
}

@Suite struct ConvolutionalSpectrumTests {
    /// The exact two-pixel ReLU eigenvalues at ζ = 3, k_1, k_2 ≤ 6 (NNGP and NTK), against mpmath's
    /// quadrature (Fixtures/generate_cntk.py, 45 digits, printed to 32: 10⁻²⁸ relative allows for the
    /// quadrature's error at the square-root end points). The exact form is a + b/π (q = 2).
    @Test func twoPixelReLUIsExactAndAgreesWithMpmath() throws {
        let rows = try Fixture.load().relu_two_pixel_zeta3
        #expect(rows.count == 98)
        for kind in ["nngp", "ntk"] {
            let mine = rows.filter { $0.kind == kind }
            let s = try spectrum(.relu, 3, 2, [2], mine.map(\.index), kind)
            #expect(s.route == .exact)
            let exact = try s.exactValues()
            let enclosures = try s.enclosures(precision: 200)
            for (i, row) in mine.enumerated() {
                let e = try #require(exact[i], "\(row.index) has no exact value")
                // a + b/π: only π^(−1) appears.
                #expect(e.terms.keys.allSatisfy { $0.factors.allSatisfy { $0.base == .constant(.pi) && $0.exponent == -1 } }, "\(row.index): \(e)")
                let r = try reference(row.value, relative: "1e-28")
                #expect(try e.enclosure(precision: 200).overlaps(r), "\(kind) \(row.index): \(e) vs \(row.value)")
                #expect(enclosures[i].overlaps(r))
            }
        }
    }

    /// ζ = 5 (density (3/4)(1 − t²)): the same route with a non-constant weight.
    @Test func twoPixelReLUAtZeta5() throws {
        for kind in ["nngp", "ntk"] {
            let mine = try Fixture.load().relu_two_pixel_zeta5.filter { $0.kind == kind }
            let values = try spectrum(.relu, 5, 2, [2], mine.map(\.index), kind).exactValues()
            for (row, v) in zip(mine, values) {
                let e = try #require(v)
                #expect(try e.enclosure(precision: 200).overlaps(reference(row.value, relative: "1e-28")), "\(kind) \(row.index): \(e) vs \(row.value)")
            }
        }
    }

    /// Filters of size 3: breakpoints ±1/3 of the mean's density bring arccos(1/3), which is not a
    /// rational multiple of π (Niven): no exact real, but a closed form certified through enclosures.
    @Test func threePixelReLUNeedsArccosOneThird() throws {
        for kind in ["nngp", "ntk"] {
            let mine = try Fixture.load().relu_three_pixel_zeta3.filter { $0.kind == kind }
            let s = try spectrum(.relu, 3, 3, [3], mine.map(\.index), kind)
            let exact = try s.exactValues()
            let forms = try #require(s.forms)
            let enclosures = try s.enclosures(precision: 128)
            for (i, row) in mine.enumerated() {
                if row.index.reduce(0, +) == 1 {
                    // Degree 1 sees only the odd part u/2 (NTK: u) of f: E[u t_1] = E[t²]/3 = 1/9, rational.
                    #expect(exact[i]?.rational == (kind == "nngp" ? try Rational(1, 18) : try Rational(1, 9)))
                } else {
                    #expect(exact[i] == nil)
                    #expect(forms[i]?.arccosTerms.keys.contains(try Rational(1, 3)) == true)
                }
                #expect(enclosures[i].overlaps(try reference(row.value, relative: "1e-12")), "\(kind) \(row.index): \(enclosures[i]) vs \(row.value)")
            }
        }
        // Filters of size 4: breakpoints 0, ±1/2 (arccos 1/2 = π/3): exact, with √3.
        let four = try spectrum(.relu, 3, 4, [4], [[1, 1, 0, 0]], "nngp").exactValues()[0]
        #expect(try #require(four).description.contains("3^(1/2)"))
    }

    /// A two-level stack on four pixels (filters 1, 2; erf, the §11 example) by the series route, to
    /// 22 digits, against mpmath's two-dimensional Gauss–Legendre quadrature of the composed kernel.
    @Test func twoLevelStackOnFourPixels() throws {
        for kind in ["nngp", "ntk"] {
            let mine = try Fixture.load().erf_stack_1_2_zeta3.filter { $0.kind == kind }
            let s = try spectrum(.erf, 3, 4, [1, 2], mine.map(\.index), kind)
            #expect(s.route == .series)
            let values = try s.certified(digits: 22)
            for (row, v) in zip(mine, values) {
                if s.provenZero(row.index) {
                    #expect(v.exact == "0")
                    #expect(try Rational(parsing: row.value).magnitude < (try Rational(parsing: "1e-25")), "\(row.index) is 0 by parity")
                    continue
                }
                let lower = try Rational(parsing: v.lower), upper = try Rational(parsing: v.upper)
                let r = try reference(row.value, relative: "1e-23")
                #expect(r.overlaps(try Interval(lower: Interval(lower, precision: 256).lower, upper: Interval(upper, precision: 256).upper)),
                        "\(kind) \(row.index): \(v.value) vs \(row.value)")
            }
        }
    }

    /// Locality: supports that leave a receptive field are exact zeros; inside a field the value is
    /// the one-field value divided by the number of readout positions R.
    @Test func localityZerosAndReadoutScaling() throws {
        let four = try ConvolutionalArchitecture(channels: 3, pixels: 4, filters: [2])
        #expect(four.readouts == 2)
        for k in [[1, 0, 1, 0], [0, 1, 1, 0], [0, 2, 0, 3], [1, 1, 1, 1]] {
            #expect(four.restricted(k) == nil)
        }
        let s = try ConvolutionalSpectrum(activation: .relu, architecture: four, maxDegree: 4, kind: .ntk)
        let exact = try s.exactValues()
        let two = try spectrum(.relu, 3, 2, [2], [[1, 2], [0, 0], [3, 1]], "ntk").exactValues()
        for (k, e) in zip(s.indices, exact) {
            if four.restricted(k) == nil { #expect(e == .zero, "\(k)") }
        }
        func value(_ k: [Int]) -> ExactReal? { exact[s.indices.firstIndex(of: k)!] }
        let half = ExactReal(try Rational(1, 2))
        #expect(try value([1, 2, 0, 0]) == (two[0].map { try $0 * half }))
        #expect(try value([0, 0, 1, 2]) == (two[0].map { try $0 * half }))
        #expect(try value([0, 0, 0, 0]) == (two[1].map { try $0 * half }))
        #expect(try value([3, 1, 0, 0]) == (two[2].map { try $0 * half }))
        // The series route proves the same zeros (and parity zeros for odd σ: |k| even).
        let erf = try ConvolutionalSpectrum(activation: .erf, architecture: four, maxDegree: 3, kind: .nngp)
        let values = try erf.certified(digits: 15)
        for (k, v) in zip(erf.indices, values) where four.restricted(k) == nil || k.reduce(0, +) % 2 == 0 {
            #expect(v.exact == "0", "\(k)")
        }
    }

    /// The sum rule Σ mult·λ ≤ K(1,…,1) (1 for the NNGP, 2 for the one-level ReLU NTK), the gap
    /// shrinking as the block grows; the rule is also checked for a two-level erf stack.
    @Test func sumRule() throws {
        let architecture = try ConvolutionalArchitecture(channels: 3, pixels: 2, filters: [2])
        var previous: BigFloat? = nil
        for K in [2, 6, 10] {
            let rule = try ConvolutionalSpectrum(activation: .relu, architecture: architecture, maxDegree: K, kind: .ntk).sumRule(digits: 20)
            #expect(rule.total.exact == nil && rule.total.value == "2")
            let gap = BigFloat(try Rational(parsing: rule.gap.lower), precision: 128, rounding: .down)
            #expect(gap.signum > 0)
            if let previous { #expect(gap < previous) }
            previous = gap
        }
        let stack = try ConvolutionalArchitecture(channels: 3, pixels: 4, filters: [1, 2])
        let rule = try ConvolutionalSpectrum(activation: .erf, architecture: stack, maxDegree: 3, kind: .nngp).sumRule(digits: 15)
        #expect(rule.total.value == "1")
        #expect(try Rational(parsing: rule.gap.lower).signum >= 0)
        #expect(try Rational(parsing: rule.partial.value) > (try Rational(parsing: "0.5")))
    }
}
