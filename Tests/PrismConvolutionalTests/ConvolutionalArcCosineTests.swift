import Foundation
import Testing
import PrismNumbers
import PrismActivations
import PrismKernels
@testable import PrismConvolutional

/// Fixtures/cntk_family_mpmath.json (Fixtures/generate_cntk_family.py): mpmath tanh-sinh values at two
/// working precisions; `agree` = |high − low| is the reference's error scale (a quadrature estimate, not a bound).
private struct FamilyFixture: Decodable {
    struct Row: Decodable { let activation: String?; let kind: String; let index: [Int]; let value: String; let agree: String }
    let family_two_pixel_zeta3: [Row]
    let relu_two_pixel_zeta4: [Row]
    let relu_stack_1_2_zeta3: [Row]

    static func load() throws -> FamilyFixture { try loadFixture("cntk_family_mpmath.json") }

    /// [x − δ, x + δ], δ = max(100·agree, |x|·relative): the digits both mpmath precisions share, with margin.
    static func reference(_ row: Row, relative: String, precision p: Int = 200) throws -> Interval {
        try mpmathReference(row.value, relative: relative, absolute: 100 * (try Rational(parsing: row.agree)), precision: p)
    }
}

@Suite struct ConvolutionalArcCosineTests {
    /// The exact one-level route for abs, leaky_relu(1/10), step and sign at ζ = 3 (two pixels, filter 2):
    /// exact values a + b/π, inside mpmath's quadrature of the kernels built from Cho & Saul's arc-cosine kernels.
    @Test func familyIsExactAndAgreesWithMpmath() throws {
        let rows = try FamilyFixture.load().family_two_pixel_zeta3
        #expect(rows.count == 18)
        for row in rows {
            let sigma = try Activation(parsing: try #require(row.activation))
            let s = try spectrum(sigma, 3, 2, [2], [row.index], row.kind)
            #expect(s.route == .exact)
            let e = try #require(try s.exactValues()[0], "\(row.activation ?? "") \(row.kind) \(row.index)")
            #expect(e.terms.keys.allSatisfy { $0.factors.allSatisfy { $0.base == .constant(.pi) && $0.exponent == -1 } }, "\(e)")
            #expect(try e.enclosure(precision: 200).overlaps(FamilyFixture.reference(row, relative: "1e-20")),
                    "\(row.activation ?? "") \(row.kind) \(row.index): \(e) vs \(row.value)")
        }
    }

    /// Identities of the family, exact: relu(−y) = relu(y) − y gives k_leaky(a) = ((1 − a)² k_relu + 2aρ)/(1 + a²)
    /// (abs: a = −1), and sign = 2 step − 1 gives k_sign = 2 k_step − 1; on one level they carry over to λ.
    @Test func familyIdentities() throws {
        let indices = try ConvolutionalArchitecture(channels: 5, pixels: 2, filters: [2]).multiIndices(maxDegree: 5)
        let relu = try spectrum(.relu, 5, 2, [2], indices, "nngp").exactValues()
        // E[ρ Π P] with ρ = (t_1 + t_2)/2: 1/(2ζ) for |k| = 1 (E[t P_1(t)] = 1/ζ), else 0; E[1 · Π P] = δ_{k0}.
        func linear(_ k: [Int]) -> Rational { k.reduce(0, +) == 1 ? Rational(1) / Rational(10) : 0 }
        for a in [Rational(1) / Rational(10), Rational(-1)] {
            let leaky = try spectrum(a == -1 ? .abs : .leakyRelu(a), 5, 2, [2], indices, "nngp").exactValues()
            for (k, (r, l)) in zip(indices, zip(relu, leaky)) {
                let expected = try (try #require(r) * ExactReal((1 - a) * (1 - a)) + ExactReal(2 * a * linear(k))) * ExactReal(Rational(1) / (1 + a * a))
                #expect(try #require(l) == expected, "a = \(a), \(k)")
            }
        }
        let step = try spectrum(.step, 5, 2, [2], indices, "nngp").exactValues()
        let sign = try spectrum(.sign, 5, 2, [2], indices, "nngp").exactValues()
        for (k, (st, sg)) in zip(indices, zip(step, sign)) {
            let expected = try try #require(st) * ExactReal(2) - ExactReal(k.allSatisfy { $0 == 0 } ? 1 : 0)
            #expect(try #require(sg) == expected, "\(k)")
        }
    }

    /// Two independent algorithms on the same kernel: the field quadrature (Gauss–Legendre in the angles)
    /// contains the exact one-level ReLU NTK values at ζ = 3.
    @Test func fieldQuadratureContainsTheExactValues() throws {
        let indices = [[0, 0], [1, 1], [2, 0], [3, 1]]
        let architecture = try ConvolutionalArchitecture(channels: 3, pixels: 2, filters: [2])
        let exact = try ConvolutionalSpectrum(activation: .relu, architecture: architecture, indices: indices, kind: .ntk).enclosures(precision: 120)
        let parts = try #require(Activation.relu.arcCosineParts)
        // span 1: the two pixels' angles (the route itself integrates over their mean alone).
        let quadrature = try FieldQuadrature(architecture: architecture, parts: parts, kind: .ntk, span: 1).eigenvalues(indices, precision: 30)
        for (k, (e, q)) in zip(indices, zip(exact, quadrature)) {
            #expect(q.contains(e), "\(k): \(q) ∌ \(e)")
            #expect(q.width < BigFloat(1, precision: 64).scaled(byPowerOfTwo: -28))
        }
    }

    /// Even ζ (ReLU on S³, ζ = 4, two pixels, filter 2): the field quadrature route's enclosures at 2^−30
    /// against mpmath; odd total degrees ≥ 3 are exact zeros by the parity of f(u) = even(u) + c·u.
    @Test func evenZetaTwoPixelReLU() throws {
        let rows = try FamilyFixture.load().relu_two_pixel_zeta4
        #expect(rows.count == 6)
        for kind in ["nngp", "ntk"] {
            let mine = rows.filter { $0.kind == kind }
            let s = try spectrum(.relu, 4, 2, [2], mine.map(\.index) + [[2, 1]], kind)
            #expect(s.route == .fieldQuadrature)
            #expect(s.provenZero([2, 1]) && !s.provenZero([3, 1]))
            let values = try s.enclosures(precision: 30)
            for (row, v) in zip(mine, values) {
                #expect(v.width < BigFloat(1, precision: 64).scaled(byPowerOfTwo: -28))
                #expect(v.overlaps(try FamilyFixture.reference(row, relative: "1e-15")), "\(kind) \(row.index): \(v) vs \(row.value)")
            }
        }
    }

    /// "A two-level filter stack on four pixels" for ReLU (filters 1,2, ζ = 3, the §11 example
    /// K = ½[k((k(t_1)+k(t_2))/2) + k((k(t_3)+k(t_4))/2)]): field quadrature enclosures at 2^−30 against mpmath's
    /// polar-coordinate quadrature of the composed kernel.
    @Test func twoLevelReLUStackOnFourPixels() throws {
        let rows = try FamilyFixture.load().relu_stack_1_2_zeta3
        #expect(rows.count == 4)
        for kind in ["nngp", "ntk"] {
            let mine = rows.filter { $0.kind == kind }
            let s = try spectrum(.relu, 3, 4, [1, 2], mine.map(\.index) + [[0, 1, 1, 0]], kind)
            #expect(s.route == .fieldQuadrature)
            let values = try s.enclosures(precision: 30)
            #expect(values.last?.isExactZero == true) // locality
            for (row, v) in zip(mine, values) {
                #expect(v.width < BigFloat(1, precision: 64).scaled(byPowerOfTwo: -28))
                #expect(v.overlaps(try FamilyFixture.reference(row, relative: "1e-15")), "\(kind) \(row.index): \(v) vs \(row.value)")
            }
        }
    }

    /// One-pixel fields (filters 1,1): each field's kernel is the depth-2 kernel of one sphere, so λ_(k,0) is
    /// μ_k(depth 2)/R; at depth 1 the same route reproduces the exact route's values.
    @Test func onePixelFieldsUseTheSphereSpectrum() throws {
        let deep = try spectrum(.relu, 4, 2, [1, 1], [[0, 0], [2, 0], [0, 2], [1, 1]], "ntk")
        #expect(deep.route == .theta)
        #expect(deep.provenZero([1, 1]))
        let mu = try ThetaSpectrum(model: try KernelModel(activation: .relu, kind: .ntk, depth: 2), dimension: 4, maxDegree: 2).eigenvalues(precision: 80)
        let lambda = try deep.enclosures(precision: 80)
        #expect(lambda[0].overlaps(try mu[0].dividing(by: Interval(2, precision: 80))))
        let half2 = try mu[2].dividing(by: Interval(2, precision: 80))
        #expect(lambda[1].overlaps(lambda[2]))
        #expect(lambda[1].overlaps(half2))
        let one = try spectrum(.relu, 3, 2, [1], [[0, 0], [1, 0], [2, 0], [4, 0]], "nngp")
        #expect(one.route == .exact)
        let viaSphere = try one.oneSphereEigenvalues([[0], [1], [2], [4]], precision: 80)
        for (a, b) in zip(try one.enclosures(precision: 80), viaSphere) { #expect(a.overlaps(b), "\(a) vs \(b)") }
    }
}
