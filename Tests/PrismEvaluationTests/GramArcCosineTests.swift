import Testing
import PrismNumbers
import _CPrismKernels
@testable import PrismEvaluation

/// The vectorized Gram matrices of the arc-cosine family (`GramMatrix.arcCosine`) against the
/// closed-form recursion in MPFR interval arithmetic (`ArcCosineEvaluatorTests.reference`'s
/// recursion, every depth in one pass), on rows built to put the angle near 0, π/2 and π.
@Suite struct GramArcCosineTests {
    static let dimension = 10

    /// 40 rows of R¹⁰ (more than one 32-lane block: row 0 goes through the kernel's full-block
    /// path, the others through its edge path): random (norms 10⁻³…10³), nearly parallel to row 0 (relative 10⁻¹², 10⁻¹⁵),
    /// parallel to row 1, antipodal to row 2 (exactly, and within 10⁻¹³), nearly orthogonal to
    /// rows 4 and 5 (10⁻¹⁷, 10⁻⁹).
    static func rows() -> [[Double]] {
        var rng = SplitMix64(seed: 41)
        let d = dimension
        func random() -> [Double] {
            let scale = [1e-3, 1, 1e3][Int(rng.next() % 3)]
            return (0..<d).map { _ in rng.uniform(-1, 1) * scale }
        }
        var rows = (0..<8).map { _ in random() }
        rows.append(rows[0].map { $0 * (1 + rng.uniform(-1, 1) * 1e-12) })
        rows.append(rows[0].map { $0 * (1 + rng.uniform(-1, 1) * 1e-15) })
        rows.append(rows[1].map { $0 * 3 })
        rows.append(rows[2].map { -$0 })
        rows.append(rows[3].map { -$0 * (1 + rng.uniform(-1, 1) * 1e-13) })
        for (target, residual) in [(4, 1e-17), (5, 1e-9)] {
            let v = random(), r = rows[target]
            let along = zip(v, r).reduce(0) { $0 + $1.0 * $1.1 } / r.reduce(0) { $0 + $1 * $1 }
            rows.append(zip(v, r).map { $0 - along * $1 + residual * $1 })
        }
        while rows.count < 40 { rows.append(random()) }
        return rows
    }

    /// (Σ^(L), Θ^(L)) for L = 1…depth at the exact cosine of the angle between two Double rows.
    static func reference(_ family: ArcCosineKernelEvaluator.Family, _ a: [Double], _ b: [Double], depth: Int) throws -> [(Interval, Interval)] {
        let p = ArcCosineEvaluatorTests.precision
        var dot = Interval(0, precision: p), na = dot, nb = dot
        for (x, y) in zip(a, b) {
            let s = Interval(BigFloat(x, precision: p)), t = Interval(BigFloat(y, precision: p))
            dot = dot + s * t; na = na + s * s; nb = nb + t * t
        }
        return try ArcCosineEvaluatorTests.referenceLayers(family, depth: depth, rho: try dot.dividing(by: (na * nb).applying(.sqrt)))
    }

    /// |K̂ − K| ≤ relative·|K|, from the MPFR enclosure of K.
    static func withinRelative(_ value: Double, _ relative: Double, _ exact: Interval) -> Bool {
        let p = ArcCosineEvaluatorTests.precision
        let v = BigFloat(value, precision: 53)
        let error = Swift.max(v.subtracting(exact.lower, precision: p, rounding: .up).magnitude.double(rounding: .up),
                              v.subtracting(exact.upper, precision: p, rounding: .up).magnitude.double(rounding: .up))
        let lower = exact.lower.double(rounding: .down), upper = exact.upper.double(rounding: .up)
        let smallest = lower > 0 ? lower : upper < 0 ? -upper : 0
        return error <= relative * smallest * (1 - 0x1p-50)
    }

    /// relu, abs, leaky_relu(±), step, sign; depths 1–4; NNGP and NTK: every entry within the
    /// matrix's bound and relative bound; the leaky family's bound ≤ 10⁻¹³·K(1).
    @Test func everyEntryWithinItsBounds() throws {
        let rows = GramArcCosineTests.rows(), n = rows.count, d = GramArcCosineTests.dimension
        let points = rows.flatMap { $0 }
        let families: [ArcCosineKernelEvaluator.Family] = [
            .leaky(negativeSlope: 0), .leaky(negativeSlope: -1), .leaky(negativeSlope: try Rational(1, 10)),
            .leaky(negativeSlope: try Rational(-7, 8)), .step, .sign,
        ]
        let depth = 4
        for family in families {
            var exact: [[[(Interval, Interval)]]] = Array(repeating: [], count: n)
            for i in 0..<n {
                exact[i] = try (0..<n).map { j in j < i ? [] : try GramArcCosineTests.reference(family, rows[i], rows[j], depth: depth) }
            }
            let leaky = family != .step && family != .sign
            for output in leaky ? [ArcCosineKernelEvaluator.Output.nngp, .ntk] : [.nngp] {
                for L in 1...depth {
                    let k = try ArcCosineKernelEvaluator(family: family, output: output, depth: L)
                    let g = try GramMatrix(points: points, count: n, dimension: d, kernel: k)
                    let serial = try GramMatrix(points: points, count: n, dimension: d, kernel: k, threads: 1)
                    #expect(g.values.map(\.bitPattern) == serial.values.map(\.bitPattern))
                    for i in 0..<n {
                        for j in i..<n {
                            let (sigma, theta) = exact[i][j][L - 1]
                            let value = output == .ntk ? theta : sigma
                            #expect(ArcCosineEvaluatorTests.check(g[i, j], g.errorBound, value), "\(family) \(output) L=\(L) (\(i), \(j)): \(g[i, j]) ± \(g.errorBound)")
                            if g.relativeErrorBound.isFinite {
                                #expect(GramArcCosineTests.withinRelative(g[i, j], g.relativeErrorBound, value), "\(family) \(output) L=\(L) (\(i), \(j)) relative")
                            }
                            #expect(g[j, i] == g[i, j])
                        }
                    }
                    if leaky {
                        let scale = output == .ntk ? Double(L + 1) : 1
                        #expect(g.errorBound <= 1e-13 * scale, "\(family) \(output) L=\(L): bound \(g.errorBound)")
                    }
                }
            }
        }
    }

    /// The benchmark's claim at a smaller n: the depth-3 ReLU NTK on random points of S⁹ has a
    /// relative bound ≤ 10⁻¹³ for every entry.
    @Test func reluNTKRelativeBoundOnTheSphere() throws {
        var rng = SplitMix64(seed: 7)
        let n = 300, d = GramArcCosineTests.dimension
        var points: [Double] = []
        for _ in 0..<n {
            // uniform on the sphere: a Gaussian vector (Box–Muller) normalized
            let v = (0..<d).map { _ in (-2 * Double.log(1 - rng.uniform(0, 1))).squareRoot() * Double.cos(2 * Double.pi * rng.uniform(0, 1)) }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            points += v.map { $0 / norm }
        }
        let k = try ArcCosineKernelEvaluator(family: .leaky(negativeSlope: 0), output: .ntk, depth: 3)
        let g = try GramMatrix(points: points, count: n, dimension: d, kernel: k)
        #expect(g.relativeErrorBound <= 1e-13, "relative bound \(g.relativeErrorBound), bound \(g.errorBound)")
        #expect(g[0, 0] == 4)
    }

    /// Rows with tiny, subnormal and huge coordinates (squared norms that would underflow or
    /// overflow): the kernel of their directions, within the bound of the MPFR value.
    @Test func extremeNormsAreScaledExactly() throws {
        let d = 3
        let rows: [[Double]] = [[1e-160, 2e-160, -3e-160], [1e-320, 3e-320, 0], [1e300, -1e300, 5e299], [3, 1, 2], [2e-320, 6e-320, 1e-323]]
        let points = rows.flatMap { $0 }
        for (family, output) in [(ArcCosineKernelEvaluator.Family.leaky(negativeSlope: 0), ArcCosineKernelEvaluator.Output.ntk), (.sign, .nngp)] {
            let k = try ArcCosineKernelEvaluator(family: family, output: output, depth: 2)
            let g = try GramMatrix(points: points, count: rows.count, dimension: d, kernel: k)
            for i in 0..<rows.count {
                for j in i..<rows.count {
                    let (sigma, theta) = try GramArcCosineTests.reference(family, rows[i], rows[j], depth: 2)[1]
                    #expect(ArcCosineEvaluatorTests.check(g[i, j], g.errorBound, output == .ntk ? theta : sigma), "\(family) (\(i), \(j)): \(g[i, j])")
                }
            }
        }
        let k = try ArcCosineKernelEvaluator(family: .leaky(negativeSlope: 0), output: .ntk, depth: 1)
        #expect(throws: PrismError.self) { try GramMatrix(points: [0, 0, 1, 0], count: 2, dimension: 2, kernel: k) }
        #expect(throws: PrismError.self) { try GramMatrix(points: [1, .nan, 1, 0], count: 2, dimension: 2, kernel: k) }
    }

    /// The kernel's AVX-512, AVX2 and baseline paths (those the CPU has) give the same bits.
    @Test func instructionSetsAgreeBitForBit() throws {
        let rows = GramArcCosineTests.rows(), n = rows.count, d = GramArcCosineTests.dimension
        let points = rows.flatMap { $0 }
        for (family, output, depth) in [(ArcCosineKernelEvaluator.Family.leaky(negativeSlope: 0), ArcCosineKernelEvaluator.Output.ntk, 3),
                                        (.leaky(negativeSlope: -1), .nngp, 4), (.leaky(negativeSlope: try Rational(-7, 8)), .ntk, 2)] {
            let k = try ArcCosineKernelEvaluator(family: family, output: output, depth: depth)
            var results: [[UInt64]] = []
            var bounds: [Double] = []
            for level in Int32(0)...Int32(prism_arccos_gram_level()) {
                var out = [Double](repeating: 0, count: n * n)
                let b = try points.withUnsafeBufferPointer { p in
                    try out.withUnsafeMutableBufferPointer { o in
                        try GramMatrix.arcCosine(points: p, count: n, dimension: d, kernel: k, into: o, threads: 1, level: level)
                    }
                }
                results.append(out.map(\.bitPattern))
                bounds.append(b.errorBound)
            }
            #expect(results.allSatisfy { $0 == results[0] }, "\(family) \(output) L=\(depth): \(results.count) paths")
            #expect(bounds.allSatisfy { $0 == bounds[0] })
        }
    }

    /// The arcsine series of the Gram kernel: |x·q̂(fl(x²)) − asin x| ≤ x·Q + u·|x·q̂| on [0, 0.7072]
    /// against MPFR, with Q below 3u (≈ 2.2u: the leading terms dominate). The same operations as the C kernel's HORNER2.
    @Test func arcsineSeriesWithinItsBound() throws {
        let c = GramMatrix.Arcsine.coefficients, Q = GramMatrix.Arcsine.bound
        #expect(Q < 3 * RoundingModel.unitRoundoff, "Q = \(Q)")
        var rng = SplitMix64(seed: 13)
        var xs: [Double] = [0, 0.7072, 0.5, 1e-300, 0.7071067811865476]
        for _ in 0..<3000 { xs.append(rng.uniform(0, 0.7072)) }
        for x in xs {
            let z = x * x
            let w = z * z
            var a = c[c.count - 2], b = c[c.count - 1]
            for n in stride(from: c.count - 4, through: 0, by: -2) { a = w * a + c[n]; b = w * b + c[n + 1] }
            let value = x * (a + z * b)
            let exact = try Interval(BigFloat(x, precision: 200)).applying(.asin)
            #expect(ArcCosineEvaluatorTests.check(value, RoundingModel.inflate(x * Q + RoundingModel.unitRoundoff * value, operations: 2), exact), "x = \(x)")
        }
    }
}
