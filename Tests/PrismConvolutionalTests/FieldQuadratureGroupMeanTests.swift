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
            #expect(s.routeName.hasPrefix("field quadrature (2 variables, the means of 2 pixels"))
            let values = try s.enclosures(precision: 30)
            for (row, v) in zip(mine, values) {
                #expect(v.width < FieldQuadratureGroupMeanTests.accuracy)
                #expect(v.overlaps(try GroupFixture.reference(row)), "\(kind) \(row.index): \(v) vs \(row.value)")
            }
        }
    }

    /// Levels after the pair see inputs near 1 at the corner φ = 0 (composed in angles, `FieldQuadrature.level`):
    /// ReLU 2,1 on two pixels, 4,1 on four (a first filter covering the field, then a level of size 1: one variable), and abs 1,2
    /// on two (k_abs(±1) = 1: singular at every corner), against mpmath at 2^−30.
    @Test func laterLevelsNearOne() throws {
        let fixture = try GroupFixture.load()
        let cases: [(Activation, Int, [Int], [GroupFixture.Row])] = [(.relu, 2, [2, 1], fixture.relu_filters_2_1_two_pixels_zeta3),
                                                                     (.relu, 4, [4, 1], fixture.relu_filters_4_1_zeta3),
                                                                     (.abs, 2, [1, 2], fixture.abs_filters_1_2_two_pixels_zeta3)]
        for (activation, P, filters, rows) in cases {
            // One kernel for abs 1,2 (two variables): the debug build spends about 20 s per kernel on it.
            try FieldQuadratureGroupMeanTests.expectAgreement(activation, P, filters, rows, kinds: activation == .abs ? ["nngp"] : ["nngp", "ntk"])
        }
    }

    /// The route's enclosures at 2^−30 (or the precision given) on ζ = 3 (or the ζ given) for the fixture rows of the given
    /// kinds: width and overlap with mpmath.
    private static func expectAgreement(_ activation: Activation, _ P: Int, _ filters: [Int], _ rows: [GroupFixture.Row], kinds: [String],
                                        channels ζ: Int = 3, precision p: Int = 30) throws {
        #expect(!rows.isEmpty)
        for kind in kinds {
            let mine = rows.filter { $0.kind == kind }
            if mine.isEmpty { continue }
            let s = try spectrum(activation, ζ, P, filters, mine.map(\.index), kind)
            #expect(s.route == .fieldQuadrature)
            for (row, v) in zip(mine, try s.enclosures(precision: p)) {
                #expect(v.width < FieldQuadratureGroupMeanTests.accuracy)
                #expect(v.overlaps(try GroupFixture.reference(row)), "\(activation.name) \(filters) \(kind) \(row.index): \(v) vs \(row.value)")
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

    /// Independent algorithms on one level of size 3, 4 and 6 (ζ = 3): the quadrature over the field's mean (one
    /// variable), over the means of its halves (two) and over its three pixels contains the exact route's closed forms
    /// (q = 3 and 6 bring the breakpoints arccos(±1/3) into the cells).
    @Test func oneLevelAgreesWithTheExactRoute() throws {
        let cases: [(P: Int, span: Int, indices: [[Int]])] = [
            (4, 4, [[0, 0, 0, 0], [1, 0, 0, 1], [2, 1, 0, 1]]), (4, 2, [[0, 0, 0, 0], [1, 0, 0, 1], [2, 1, 0, 1]]),
            (6, 6, [[0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 1]]), (6, 3, [[0, 0, 0, 0, 0, 0], [1, 0, 0, 0, 0, 1]]),
            (3, 1, [[0, 0, 0], [1, 0, 1]])]
        for (P, span, indices) in cases {
            let architecture = try ConvolutionalArchitecture(channels: 3, pixels: P, filters: [P])
            let exact = try ConvolutionalSpectrum(activation: .relu, architecture: architecture, indices: indices, kind: .ntk)
            #expect(exact.route == .exact)
            let parts = try #require(Activation.relu.arcCosineParts)
            let quadrature = try FieldQuadrature(architecture: architecture, parts: parts, kind: .ntk, span: span)
            #expect(quadrature.dimension == P / span && quadrature.filters == [P / span])
            let precision = quadrature.dimension == 3 ? 20 : 30
            let values = try quadrature.eigenvalues(indices, precision: precision)
            for (k, (e, q)) in zip(indices, zip(try exact.enclosures(precision: 120), values)) {
                #expect(q.contains(e), "P = \(P), span \(span), \(k): \(q) ∌ \(e)")
                #expect(q.width < BigFloat(1, precision: 64).scaled(byPowerOfTwo: 2 - precision))
            }
        }
        // The route's own choice for odd ζ: one variable per first-level group.
        let route = try FieldQuadrature(architecture: try ConvolutionalArchitecture(channels: 3, pixels: 6, filters: [6, 1]),
                                        parts: try #require(Activation.relu.arcCosineParts), kind: .nngp)
        #expect(route.span == 6 && route.dimension == 1)
    }

    /// Fixtures/cntk_fields_mpmath.json (Fixtures/generate_cntk_fields.py): ReLU 3,1 on three pixels (an odd field whose
    /// first filter covers it: one variable, its mean), step and sign 1,1,2 on two pixels (√ singularities along the
    /// square's edges φ_j = 0, and for sign φ_j = π, removed by the substitution φ = (π/ν)(1 − cos θ)), and sign 2,1,2 on
    /// four, 3,1,2 on six and step 2,1,2 on four (the same on the means of the pairs and thirds, whose densities'
    /// breakpoints move to θ_m = arccos(1 − νφ_m/π)); sign and step 1,1,1,2 on two pixels and sign 2,1,1,2 on four (three
    /// levels before the pair: the nested substitution φ = g(g(x)), g(θ) = (π/ν)(1 − cos θ)), and ReLU with one level on two
    /// pixels of S¹ (ζ = 2: no weight vanishes at the corners, so the crude bound near (π, π) takes sup|K| over the box,
    /// ~r³ there; the NNGP at 2^−58), against mpmath at 2^−30.
    @Test func oddFieldAndLevelStacks() throws {
        struct Fields: Decodable {
            let relu_filters_3_1_zeta3: [GroupFixture.Row]
            let step_filters_1_1_2_two_pixels_zeta3: [GroupFixture.Row]
            let sign_filters_1_1_2_two_pixels_zeta3: [GroupFixture.Row]
            let sign_filters_2_1_2_four_pixels_zeta3: [GroupFixture.Row]
            let sign_filters_3_1_2_six_pixels_zeta3: [GroupFixture.Row]
            let step_filters_2_1_2_four_pixels_zeta3: [GroupFixture.Row]
            let sign_filters_1_1_1_2_two_pixels_zeta3: [GroupFixture.Row]
            let step_filters_1_1_1_2_two_pixels_zeta3: [GroupFixture.Row]
            let sign_filters_2_1_1_2_four_pixels_zeta3: [GroupFixture.Row]
            let relu_filters_2_two_pixels_zeta2: [GroupFixture.Row]
        }
        let fixture: Fields = try loadFixture("cntk_fields_mpmath.json")
        try FieldQuadratureGroupMeanTests.expectAgreement(.relu, 3, [3, 1], fixture.relu_filters_3_1_zeta3, kinds: ["nngp", "ntk"])
        try FieldQuadratureGroupMeanTests.expectAgreement(.step, 2, [1, 1, 2], fixture.step_filters_1_1_2_two_pixels_zeta3, kinds: ["nngp"])
        try FieldQuadratureGroupMeanTests.expectAgreement(.sign, 2, [1, 1, 2], fixture.sign_filters_1_1_2_two_pixels_zeta3, kinds: ["nngp"])
        try FieldQuadratureGroupMeanTests.expectAgreement(.sign, 4, [2, 1, 2], fixture.sign_filters_2_1_2_four_pixels_zeta3, kinds: ["nngp"])
        try FieldQuadratureGroupMeanTests.expectAgreement(.sign, 6, [3, 1, 2], fixture.sign_filters_3_1_2_six_pixels_zeta3, kinds: ["nngp"])
        try FieldQuadratureGroupMeanTests.expectAgreement(.step, 4, [2, 1, 2], fixture.step_filters_2_1_2_four_pixels_zeta3, kinds: ["nngp"])
        try FieldQuadratureGroupMeanTests.expectAgreement(.sign, 2, [1, 1, 1, 2], fixture.sign_filters_1_1_1_2_two_pixels_zeta3, kinds: ["nngp"])
        try FieldQuadratureGroupMeanTests.expectAgreement(.step, 2, [1, 1, 1, 2], fixture.step_filters_1_1_1_2_two_pixels_zeta3, kinds: ["nngp"])
        try FieldQuadratureGroupMeanTests.expectAgreement(.sign, 4, [2, 1, 1, 2], fixture.sign_filters_2_1_1_2_four_pixels_zeta3, kinds: ["nngp"])
        // At 2^−58 (the first pass of 8 digits): with sup|K| = 1 near (π, π) the boxes there would have to shrink to 2^−33.
        try FieldQuadratureGroupMeanTests.expectAgreement(.relu, 2, [2], fixture.relu_filters_2_two_pixels_zeta2, kinds: ["nngp"], channels: 2, precision: 58)
        try FieldQuadratureGroupMeanTests.expectAgreement(.relu, 2, [2], fixture.relu_filters_2_two_pixels_zeta2, kinds: ["ntk"], channels: 2)
    }

    /// Boxes next to a corner where a level's input reaches −1 (two pixels on the circle, both near π: 1 + u ≈ (δ_1² + δ_2²)/4)
    /// need more than 64 bits for their series once the cells are about 2^−31 from the corner; at 64 bits the box's axis
    /// failed at every depth (the relu NTK at 15 digits visited 6,000 boxes, split along that axis for ever). A box the
    /// 15-digit pass visits, to the order 2n = 38 of its rule: at 64 bits the level's series fails (a divisor √(1 − u²) not
    /// separated from 0), at `boxPrecision` bits it has one.
    @Test func boxesNearACornerGetTheirPrecision() throws {
        let relu = try #require(Activation.relu.arcCosineParts)
        let quadrature = try FieldQuadrature(architecture: try ConvolutionalArchitecture(channels: 2, pixels: 2, filters: [2]), parts: relu, kind: .ntk)
        let two37 = Rational(BigInt(1).shiftedLeft(37)), two34 = Rational(BigInt(1).shiftedLeft(34))
        let cells = [FieldQuadrature.Cell(piece: 0, a: 1 - Rational(61) / two37, b: 1 - Rational(60) / two37),
                     FieldQuadrature.Cell(piece: 0, a: 1 - Rational(17) / two34, b: 1 - Rational(16) / two34)]
        let order = 38
        /// The kernel's series along axis 0 over the box (axis 1 enclosed over its cell), as the quadrature's error bound takes it.
        func series(bits: Int) throws -> FieldQuadrature.Series {
            let tools = try FieldQuadrature.Tools(parts: relu, precision: bits, order: order + 13)
            let pi = Interval.constant(.pi, precision: bits)
            let leaves = try cells.enumerated().map { i, c in
                try quadrature.pixelOverBox(center: pi * Interval((c.a + c.b) / 2, precision: bits),
                                            radius: pi * Interval((c.b - c.a) / 2, precision: bits), order: i == 0 ? order : 0, tools).node
            }
            return try quadrature.network(leaves.map { [$0] }, tools)[0].lifted(to: order).theta
        }
        #expect(throws: (any Error).self) { try series(bits: 64) }
        let bits = quadrature.boxPrecision(cells)
        #expect(bits == 128)
        let theta = try series(bits: bits)
        // Θ vanishes like √(1 + u) at u = −1: tiny here, with finite coefficients up to the order the rule needs.
        #expect(theta[0].upper.compare(Rational(1) / Rational(BigInt(1).shiftedLeft(25))) < 0)
        #expect((0...order).allSatisfy { theta[$0].upper.isFinite && theta[$0].lower.isFinite })
    }

    /// sign is odd, so after two or three sign levels each pixel's Σ is odd in it and the pair's kernel odd in (t_1, t_2)
    /// jointly: λ_k = 0 for even total degree, printed as exact 0; the kernel is symmetric in the two pixels.
    @Test func signStackSymmetries() throws {
        for filters in [[1, 1, 2], [1, 1, 1, 2]] {
            let s = try spectrum(.sign, 3, 2, filters, [[0, 0], [1, 1], [0, 1], [1, 0], [1, 2], [2, 1]], "nngp")
            #expect(s.route == .fieldQuadrature)
            #expect(s.provenZero([0, 0]) && s.provenZero([1, 1]) && !s.provenZero([0, 1]))
            let v = try s.enclosures(precision: 30)
            #expect(v[2].overlaps(v[3]) && v[4].overlaps(v[5]) && v[2].lower.signum > 0, "\(filters)")
        }
    }

    /// Even ζ, a field of three pixels (ζ = 4, one level of size 3): three variables, the pixels' angles. The odd part
    /// of the ReLU duals is exactly linear (k(u) = u/2 + even, k + u·k̇ = u + even), so λ_{0,0,1} = E[c·u·t_3] = c/(3ζ):
    /// 1/24 (NNGP) and 1/12 (NTK); the kernel is symmetric in the pixels.
    @Test func evenZetaFieldOfThreePixels() throws {
        for (kind, expected) in [("nngp", Rational(1) / Rational(24)), ("ntk", Rational(1) / Rational(12))] {
            let s = try spectrum(.relu, 4, 3, [3], [[0, 0, 1], [1, 0, 0], [0, 1, 1], [1, 1, 0]], kind)
            #expect(s.route == .fieldQuadrature)
            #expect(s.routeName.hasPrefix("field quadrature (3 variables, the pixels' angles"))
            let v = try s.enclosures(precision: 20)
            #expect(v[0].contains(expected) && v[1].contains(expected), "\(kind): \(v[0]), \(v[1]) ∌ \(expected)")
            #expect(v[2].overlaps(v[3]) && v[2].lower.signum > 0)
            #expect(v[0].width < BigFloat(1, precision: 64).scaled(byPowerOfTwo: -18))
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

    /// A pass that reaches the quadrature's box or evaluation limit ends Ziv's loop at once (a higher precision needs more
    /// work), with the limit in the message; any other notCertified pass goes on to the next precision.
    @Test func workLimitStopsZivsLoop() throws {
        let s = try spectrum(.relu, 3, 4, [2, 2], [[0, 0, 0, 0]], "nngp")
        var passes = 0
        do {
            _ = try s.certify(count: 1, digits: 8) { _ in passes += 1; throw FieldQuadrature.WorkLimit(reason: "field quadrature: more than 6000 boxes") }
            Issue.record("a work limit was certified")
        } catch PrismError.notCertified(let why) {
            #expect(why.contains("8 digits not decided: field quadrature: more than 6000 boxes"), "\(why)")
        }
        #expect(passes == 1)
        passes = 0
        #expect(throws: PrismError.self) { _ = try s.certify(count: 1, digits: 8) { _ in passes += 1; throw PrismError.notCertified("wider") } }
        #expect(passes > 1)
    }

    /// Fields beyond three integration variables (first-level group means at odd ζ, pixels at even ζ): the field quadrature
    /// refuses them with the reason, and the spectrum takes the mean series (a spanning first filter) or the top series.
    @Test func fieldsBeyondThreeVariablesGoElsewhere() throws {
        let relu = try #require(Activation.relu.arcCosineParts)
        for (ζ, P, filters, phrase, route) in [(4, 8, [4, 2], "8 integration variables (its pixels: with even ζ = 4", ConvolutionalSpectrum.Route.topSeries),
                                               (3, 16, [2, 2, 2, 2], "8 integration variables (the means of the first level's 8 groups of 2 pixels)", .topSeries),
                                               (4, 8, [8], "8 integration variables (its pixels: with even ζ = 4", .meanSeries)] {
            let architecture = try ConvolutionalArchitecture(channels: ζ, pixels: P, filters: filters)
            do {
                _ = try FieldQuadrature(architecture: architecture, parts: relu, kind: .nngp)
                Issue.record("\(filters) on \(P) pixels, ζ = \(ζ) was taken by the field quadrature")
            } catch PrismError.notCertified(let why) {
                #expect(why.contains(phrase) && why.contains("the field quadrature integrates over at most 3"), "\(why)")
            }
            #expect(try spectrum(.relu, ζ, P, filters, [[Int](repeating: 0, count: P)], "nngp").route == route)
        }
    }
}
