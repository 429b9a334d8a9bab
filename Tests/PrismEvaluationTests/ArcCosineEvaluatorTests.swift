import Testing
import RealModule
import PrismNumbers
@testable import PrismEvaluation

/// The arc-cosine family's Double evaluator and Gram matrices against the closed-form recursion
/// in MPFR interval arithmetic (1200 bits: each layer's arccos near Σ = 1 halves the enclosure's digits; in ρ-space: Σ' = w k₁(Σ) + cΣ, Σ̇' = w(π − arccos Σ)/π + c,
/// step/sign Σ' = 1 − κ arccos(Σ)/π): every error within its bound.
@Suite struct ArcCosineEvaluatorTests {
    static let precision = 1200

    static func clamp(_ x: Interval) throws -> Interval {
        let p = precision
        let lower = x.lower.compare(Rational(-1)) < 0 ? BigFloat(-1, precision: p) : x.lower
        let upper = x.upper.compare(Rational(1)) > 0 ? BigFloat(1, precision: p) : x.upper
        return try Interval(lower: lower, upper: upper)
    }

    /// K(ρ) enclosed from the definition.
    static func reference(_ family: ArcCosineKernelEvaluator.Family, _ output: ArcCosineKernelEvaluator.Output,
                          depth: Int, rho: Interval) throws -> Interval {
        let (sigma, theta) = try referenceLayers(family, depth: depth, rho: rho).last ?? (try clamp(rho), try clamp(rho))
        return output == .ntk ? theta : sigma
    }

    /// (Σ^(L), Θ^(L)) for L = 1…depth, enclosed from the definition (also the Gram tests' reference).
    static func referenceLayers(_ family: ArcCosineKernelEvaluator.Family, depth: Int, rho: Interval) throws -> [(Interval, Interval)] {
        let p = precision
        let pi = Interval.constant(.pi, precision: p)
        var sigma = try clamp(rho), theta = sigma
        var layers: [(Interval, Interval)] = []
        for _ in 0..<depth {
            let phi = try sigma.applying(.acos)
            switch family {
            case .leaky(let a):
                let one = Rational(1)
                let w = Interval((one - a) * (one - a) / (one + a * a), precision: p)
                let c = Interval(Rational(2) * a / (one + a * a), precision: p)
                let k1 = try (phi.applying(.sin) + (pi - phi) * sigma).dividing(by: pi)
                let dot = try w * (pi - phi).dividing(by: pi) + c
                sigma = try clamp(w * k1 + c * sigma)
                theta = sigma + dot * theta
            case .step, .sign:
                let kappa = Interval(family == .step ? 1 : 2, precision: p)
                sigma = try clamp(Interval(1, precision: p) - (try (kappa * phi).dividing(by: pi)))
            }
            layers.append((sigma, theta))
        }
        return layers
    }

    static func check(_ value: Double, _ bound: Double, _ exact: Interval) -> Bool {
        let v = BigFloat(value, precision: 53)
        let a = v.subtracting(exact.lower, precision: precision, rounding: .up).magnitude.double(rounding: .up)
        let b = v.subtracting(exact.upper, precision: precision, rounding: .up).magnitude.double(rounding: .up)
        return Swift.max(a, b) <= bound
    }

    static let families: [ArcCosineKernelEvaluator.Family] = [
        .leaky(negativeSlope: 0), .leaky(negativeSlope: -1), .leaky(negativeSlope: try! Rational(1, 10)),
        .leaky(negativeSlope: try! Rational(-7, 8)), .step, .sign,
    ]

    /// Random ρ (uniform, and crowded near ±1), depth 1–4, NNGP and NTK.
    @Test func valuesWithinTheirBounds() throws {
        var rng = SplitMix64(seed: 17)
        var worstRelative = 0.0, worstCase = ""
        for family in ArcCosineEvaluatorTests.families {
            for output in [ArcCosineKernelEvaluator.Output.nngp, .ntk] {
                if output == .ntk && (family == .step || family == .sign) {
                    #expect(throws: PrismError.self) { try ArcCosineKernelEvaluator(family: family, output: output, depth: 2) }
                    continue
                }
                for depth in 1...4 {
                    let k = try ArcCosineKernelEvaluator(family: family, output: output, depth: depth)
                    var rhos: [Double] = [1, -1, 0, 0.5, -0.5, 1.0.nextDown, (-1.0).nextUp]
                    for _ in 0..<60 {
                        rhos.append(rng.uniform(-1, 1))
                        let t = rng.uniform(0, 1)
                        rhos.append(1 - t * t * t * t * 1e-6)
                        rhos.append(-1 + t * t * t * t * 1e-6)
                    }
                    for rho in rhos {
                        let (v, bound) = try k.value(at: rho)
                        let exact = try ArcCosineEvaluatorTests.reference(family, output, depth: depth, rho: Interval(BigFloat(rho, precision: ArcCosineEvaluatorTests.precision)))
                        #expect(ArcCosineEvaluatorTests.check(v, bound, exact), "\(family) \(output) L=\(depth) ρ=\(rho): \(v) ± \(bound)")
                        // Usefulness: relative to K(1) (= 1 for the NNGP, L + 1 for the NTK).
                        let scale = output == .ntk ? Double(depth + 1) : 1
                        if family != .step && family != .sign, bound / scale > worstRelative {
                            worstRelative = bound / scale
                            worstCase = "\(family) \(output) L=\(depth) ρ=\(rho)"
                        }
                    }
                }
            }
        }
        // The bound is useful, not only valid: 1e-13·K(1) or better for the leaky family (the target).
        #expect(worstRelative <= 1e-13, "worst bound/|value| = \(worstRelative) at \(worstCase)")
        #expect(throws: PrismError.self) { try ArcCosineKernelEvaluator(family: .step, output: .nngp, depth: 0) }
        let k = try ArcCosineKernelEvaluator(family: .leaky(negativeSlope: 0), output: .ntk, depth: 2)
        #expect(throws: PrismError.self) { try k.value(at: 1.5) }
        #expect(throws: PrismError.self) { try k.value(at: .nan) }
        #expect(throws: PrismError.self) { try k.value(angle: 4, angleError: 0) }
    }

    /// Gram matrices of random rows (not normalized; some nearly parallel, one repeated) against the
    /// exact angles of the given Doubles.
    @Test func gramMatrixWithinItsBound() throws {
        let n = 40, dim = 7
        var rng = SplitMix64(seed: 5)
        var points: [Double] = []
        for i in 0..<n {
            if i % 10 == 9 {
                // a tiny perturbation of the previous row
                let previous = Array(points[(i - 1) * dim..<i * dim])
                points += previous.map { $0 * (1 + rng.uniform(-1, 1) * 1e-12) }
            } else if i == 20 {
                points += Array(points[0..<dim])
            } else {
                points += (0..<dim).map { _ in rng.uniform(-2, 2) }
            }
        }
        let p = ArcCosineEvaluatorTests.precision
        for (family, output, depth) in [(ArcCosineKernelEvaluator.Family.leaky(negativeSlope: 0), ArcCosineKernelEvaluator.Output.ntk, 3),
                                        (.leaky(negativeSlope: -1), .nngp, 2), (.sign, .nngp, 2)] {
            let k = try ArcCosineKernelEvaluator(family: family, output: output, depth: depth)
            let g = try GramMatrix(points: points, count: n, dimension: dim, kernel: k)
            for i in 0..<n {
                for j in 0..<n {
                    var dot = Interval(0, precision: p), ni = dot, nj = dot
                    for c in 0..<dim {
                        let a = Interval(BigFloat(points[i * dim + c], precision: p)), b = Interval(BigFloat(points[j * dim + c], precision: p))
                        dot = dot + a * b; ni = ni + a * a; nj = nj + b * b
                    }
                    let rho = try dot.dividing(by: (ni * nj).applying(.sqrt))
                    let exact = try ArcCosineEvaluatorTests.reference(family, output, depth: depth, rho: rho)
                    #expect(ArcCosineEvaluatorTests.check(g[i, j], g.errorBound, exact), "\(family) (\(i), \(j))")
                }
            }
            #expect(g[3, 5] == g[5, 3])
        }
        let k = try ArcCosineKernelEvaluator(family: .leaky(negativeSlope: 0), output: .ntk, depth: 1)
        #expect(throws: PrismError.self) { try GramMatrix(points: [0, 0, 1, 0], count: 2, dimension: 2, kernel: k) }
        #expect(throws: PrismError.self) { try GramMatrix(points: [1, 0, 1], count: 2, dimension: 2, kernel: k) }
    }

    /// The libm assumption of the error analysis: sin, cos, asin, acos, atan2 within `libmUlps` ulps
    /// of the MPFR value on random arguments of the ranges the evaluator uses.
    @Test func libmWithinAssumedUlps() throws {
        var rng = SplitMix64(seed: 29)
        let p = 200
        func within(_ value: Double, _ exact: Interval) -> Bool {
            let ulp = value.ulp == 0 ? Double.leastNonzeroMagnitude : value.ulp
            return ArcCosineEvaluatorTests.check(value, ArcCosineKernelEvaluator.libmUlps * ulp, exact)
        }
        for _ in 0..<3000 {
            let phi = rng.uniform(0, Double.pi), s = rng.uniform(0, 1), r = rng.uniform(-1, 1)
            let x = Interval(BigFloat(phi, precision: p))
            #expect(within(Double.sin(phi), try x.applying(.sin)))
            #expect(within(Double.cos(phi), try x.applying(.cos)))
            #expect(within(Double.asin(s), try Interval(BigFloat(s, precision: p)).applying(.asin)))
            #expect(within(Double.acos(r), try Interval(BigFloat(r, precision: p)).applying(.acos)))
            let a = rng.uniform(0, 2), b = rng.uniform(0, 2)
            let exact = try Interval(BigFloat(a, precision: p)).dividing(by: Interval(BigFloat(b, precision: p))).applying(.atan)
            #expect(within(Double.atan2(y: a, x: b), exact))
        }
    }
}
