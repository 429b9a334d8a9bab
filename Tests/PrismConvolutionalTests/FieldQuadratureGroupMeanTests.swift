import Foundation
import Testing
import PrismNumbers
import PrismAlgebra
import PrismActivations
import PrismKernels
@testable import PrismConvolutional

/// Fixtures/cntk_groups_mpmath.json (Fixtures/generate_cntk_groups.py): mpmath tanh-sinh values of ReLU and abs stacks
/// on two- and four-pixel fields at two working precisions; `agree` = |high − low| is the reference's error scale (an estimate, not a bound).
private struct GroupFixture: Decodable {
    struct Row: Decodable { let kind: String; let index: [Int]; let value: String; let agree: String }
    let relu_filters_2_2_zeta3: [Row]
    let relu_filters_2_1_two_pixels_zeta3: [Row]
    let relu_filters_4_1_zeta3: [Row]
    let abs_filters_1_2_two_pixels_zeta3: [Row]

    static func load() throws -> GroupFixture { try loadFixture("cntk_groups_mpmath.json") }

    /// [x − δ, x + δ], δ = max(100·agree, |x|·10⁻¹⁵): the digits both mpmath precisions share, with margin.
    static func reference(_ row: Row, precision p: Int = 200) throws -> Interval {
        try mpmathReference(row.value, relative: "1e-15", absolute: 100 * (try Rational(parsing: row.agree)), precision: p)
    }
}

/// The field quadrature over the means of a field's two halves (FieldQuadrature, s ≥ 2).
@Suite struct FieldQuadratureGroupMeanTests {
    private static let accuracy = BigFloat(1, precision: 64).scaled(byPowerOfTwo: -28)

    /// "A two-level filter stack on four pixels" with pairs at both levels (filters 2,2, ζ = 3):
    /// K = k((k(u_1) + k(u_2))/2), u_g the pairs' means; enclosures at 2^−30 against mpmath.
    @Test func pairsOfPairsOnFourPixels() throws {
        let rows = try GroupFixture.load().relu_filters_2_2_zeta3
        #expect(rows.count == 14)
        for kind in ["nngp", "ntk"] {
            let mine = rows.filter { $0.kind == kind }
            let s = try spectrum(.relu, 3, 4, [2, 2], mine.map(\.index), kind)
            #expect(s.route == .fieldQuadrature)
            #expect(s.routeName.hasPrefix("field quadrature (the means of two halves of 2 pixels"))
            let values = try s.enclosures(precision: 30)
            for (row, v) in zip(mine, values) {
                #expect(v.width < FieldQuadratureGroupMeanTests.accuracy)
                #expect(v.overlaps(try GroupFixture.reference(row)), "\(kind) \(row.index): \(v) vs \(row.value)")
            }
        }
    }

    /// Levels after the pair see inputs near 1 at the corner φ = 0 (composed in angles, `FieldQuadrature.level`):
    /// ReLU 2,1 on two pixels, 4,1 on four (a first filter covering the field, then a level of size 1), and abs 1,2
    /// on two (k_abs(±1) = 1: singular at every corner), against mpmath at 2^−30.
    @Test func laterLevelsNearOne() throws {
        let fixture = try GroupFixture.load()
        let cases: [(Activation, Int, [Int], [GroupFixture.Row])] = [(.relu, 2, [2, 1], fixture.relu_filters_2_1_two_pixels_zeta3),
                                                                     (.relu, 4, [4, 1], fixture.relu_filters_4_1_zeta3),
                                                                     (.abs, 2, [1, 2], fixture.abs_filters_1_2_two_pixels_zeta3)]
        for (activation, P, filters, rows) in cases {
            #expect(!rows.isEmpty)
            // One kernel each for the two-pixel cases: the debug build spends about 20 s per kernel on them.
            for kind in P == 4 ? ["nngp", "ntk"] : [activation == .abs ? "nngp" : "ntk"] {
                let mine = rows.filter { $0.kind == kind }
                let s = try spectrum(activation, 3, P, filters, mine.map(\.index), kind)
                #expect(s.route == .fieldQuadrature)
                for (row, v) in zip(mine, try s.enclosures(precision: 30)) {
                    #expect(v.width < FieldQuadratureGroupMeanTests.accuracy)
                    #expect(v.overlaps(try GroupFixture.reference(row)), "\(activation.name) \(filters) \(kind) \(row.index): \(v) vs \(row.value)")
                }
            }
        }
    }

    /// abs is even, so each first-level group's Σ and Θ are even in its pixels: λ_k = 0 unless every group's degree
    /// is even (filters 1,2: each pixel's own degree; filters 2,2 on four pixels: each pair's), printed as exact 0.
    @Test func evenActivationZerosPerFirstLevelGroup() throws {
        let pixels = try spectrum(.abs, 3, 2, [1, 2], [[1, 1], [0, 2], [1, 3], [2, 2]], "ntk")
        #expect(pixels.provenZero([1, 1]) && !pixels.provenZero([0, 2]) && pixels.provenZero([1, 3]) && !pixels.provenZero([2, 2]))
        let pairs = try spectrum(.abs, 3, 4, [2, 2], [[1, 1, 0, 0], [1, 0, 1, 0], [1, 0, 0, 0]], "nngp")
        #expect(!pairs.provenZero([1, 1, 0, 0]) && pairs.provenZero([1, 0, 1, 0]) && pairs.provenZero([1, 0, 0, 0]))
        // relu (x/2 + even) has no such symmetry.
        #expect(!(try spectrum(.relu, 3, 2, [1, 2], [[1, 1]], "ntk")).provenZero([1, 1]))
        let exact = try pixels.exactValues()
        #expect(exact[0] == ExactReal.zero && exact[1] == nil && exact[2] == ExactReal.zero)
    }

    /// Eight pixels, two readout positions: every value halves, and a k touching both fields is an exact 0 (locality).
    @Test func localityOnEightPixels() throws {
        let row = try #require(try GroupFixture.load().relu_filters_2_2_zeta3.first { $0.kind == "ntk" && $0.index == [1, 1, 0, 0] })
        let s = try spectrum(.relu, 3, 8, [2, 2], [[0, 0, 0, 0, 1, 1, 0, 0], [1, 0, 0, 0, 0, 0, 0, 1], [0, 0, 1, 0, 1, 0, 0, 0]], "ntk")
        #expect(s.route == .fieldQuadrature)
        #expect(!s.provenZero([0, 0, 0, 0, 1, 1, 0, 0]) && s.provenZero([1, 0, 0, 0, 0, 0, 0, 1]) && s.provenZero([0, 0, 1, 0, 1, 0, 0, 0]))
        let values = try s.enclosures(precision: 30)
        let half = try GroupFixture.reference(row).dividing(by: Interval(2, precision: 200))
        #expect(values[0].overlaps(half), "\(values[0]) vs \(half)")
        #expect(values[1].isExactZero && values[2].isExactZero)
        let exact = try s.exactValues()
        #expect(exact[0] == nil && exact[1] == ExactReal.zero && exact[2] == ExactReal.zero)
    }

    /// Two independent algorithms on one level of size 4 and 6 (ζ = 3): the quadrature over the halves' means
    /// contains the exact route's closed forms (q = 6 brings the breakpoints arccos(±1/3) into the boxes).
    @Test func oneLevelAgreesWithTheExactRoute() throws {
        for (P, indices) in [(4, [[0, 0, 0, 0], [1, 0, 0, 1], [2, 1, 0, 1]]), (6, [[0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 1]])] {
            let architecture = try ConvolutionalArchitecture(channels: 3, pixels: P, filters: [P])
            let exact = try ConvolutionalSpectrum(activation: .relu, architecture: architecture, indices: indices, kind: .ntk)
            #expect(exact.route == .exact)
            let parts = try #require(Activation.relu.arcCosineParts)
            let quadrature = try FieldQuadrature(architecture: architecture, parts: parts, kind: .ntk)
            #expect(quadrature.span == P / 2 && quadrature.filters == [2])
            let values = try quadrature.eigenvalues(indices, precision: 30)
            for (k, (e, q)) in zip(indices, zip(try exact.enclosures(precision: 120), values)) {
                #expect(q.contains(e), "P = \(P), \(k): \(q) ∌ \(e)")
                #expect(q.width < FieldQuadratureGroupMeanTests.accuracy)
            }
        }
    }

    /// The Chebyshev coefficients reproduce the polynomial (T_0 = 1, T_1 = x, T_2 = 2x² − 1, T_3 = 4x³ − 3x).
    @Test func chebyshevCoefficients() throws {
        let p = Polynomial<Rational>([Rational(1), Rational(-2), Rational(3) / Rational(4), Rational(5)])
        let a = FieldQuadrature.chebyshev(p)
        #expect(a.count == 4)
        let T: [[Rational]] = [[1], [0, 1], [-1, 0, 2], [0, -3, 0, 4]]
        var sum = [Rational](repeating: 0, count: 4)
        for (ai, t) in zip(a, T) { for (e, c) in t.enumerated() { sum[e] += ai * c } }
        #expect(sum == p.coefficients)
    }

    /// What remains outside the route, with the reason: more than two first-level means, an odd field, even ζ,
    /// step-like activations composed on one pixel before the pair.
    @Test func uncoveredFieldsSayWhy() throws {
        for (ζ, P, filters, phrase) in [(3, 4, [1, 2, 2], "leave 4 group means"), (3, 3, [3, 1], "needs an even field"),
                                         (4, 4, [2, 2], "even ζ = 4"), (4, 3, [3], "needs an even field and odd ζ")] {
            do {
                _ = try spectrum(.relu, ζ, P, filters, [[Int](repeating: 0, count: P)], "nngp")
                Issue.record("\(filters) on \(P) pixels, ζ = \(ζ) was accepted")
            } catch PrismError.notCertified(let why) {
                #expect(why.contains(phrase), "\(why)")
            }
        }
        // step after step on one virtual pixel: a √φ singularity along a whole edge of the square.
        do {
            _ = try spectrum(.step, 3, 2, [1, 1, 2], [[0, 0]], "nngp")
            Issue.record("step with filters 1,1,2 was accepted")
        } catch PrismError.notCertified(let why) {
            #expect(why.contains("singularity along the edges"), "\(why)")
        }
    }
}
