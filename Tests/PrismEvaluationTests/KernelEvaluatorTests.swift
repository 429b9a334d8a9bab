import Testing
import PrismNumbers
@testable import PrismEvaluation

/// Kernel evaluators and Gram matrices against MPFR on synthetic certified data
/// (a polynomial kernel, whose truncation bound is 0, and a geometric series with its exact tail).
@Suite struct KernelEvaluatorTests {
    /// f(ρ) = Σ_{m≥0} a_m ρ^m with a_m = 2^{-m}/3: f(1) = 2/3 and the tail Σ_{m>N} a_m = 2^{-N}/3;
    /// compared with the closed form 1/(3(1 − ρ/2)) in MPFR.
    @Test func geometricKernelWithinTailPlusRounding() throws {
        let N = 30
        let a = (0...N).map { Double(sign: .plus, exponent: -$0, significand: 1) / 3 }
        let tail = (Double(sign: .plus, exponent: -N, significand: 1) / 3).nextUp.nextUp
        let k = try DotProductKernelEvaluator(coefficients: a, tailBound: tail)
        var rng = SplitMix64(seed: 11)
        for _ in 0..<2000 {
            let rho = rng.uniform(-1, 1)
            let (v, bound) = try k.valueWithErrorBound(at: rho)
            let exact = try BigFloat(1, precision: 200).divided(by: BigFloat(3, precision: 200).multiplied(
                by: BigFloat(1, precision: 200).subtracting(BigFloat(rho, precision: 53).scaled(byPowerOfTwo: -1), precision: 200, rounding: .nearest),
                precision: 200, rounding: .nearest), precision: 200, rounding: .nearest)
            let err = BigFloat(v, precision: 53).subtracting(exact, precision: 200, rounding: .nearest).magnitude.double(rounding: .up)
            #expect(err <= bound && bound <= k.errorBound)
        }
        #expect(throws: PrismError.self) { try k.value(at: 1.0000001) }
        #expect(throws: PrismError.self) { try DotProductKernelEvaluator(coefficients: [1], tailBound: -1) }
    }

    /// A small Gram matrix against MPFR inner products and the polynomial kernel f(ρ) = 1 + ρ + ρ³/2 (T = 0).
    @Test func gramMatrixWithinItsElementwiseBound() throws {
        let k = try DotProductKernelEvaluator(coefficients: [1, 1, 0, 0.5], tailBound: 0)
        let n = 70, dim = 19
        var rng = SplitMix64(seed: 3)
        var points: [Double] = []
        for _ in 0..<n {
            let v = (0..<dim).map { _ in rng.uniform(-1, 1) }
            let norm = v.reduce(0) { $0 + $1 * $1 }.squareRoot()
            points += v.map { $0 / norm }
        }
        let g = try GramMatrix(points: points, count: n, dimension: dim, kernel: k)
        let serial = try GramMatrix(points: points, count: n, dimension: dim, kernel: k, threads: 1)
        #expect(g.values.map(\.bitPattern) == serial.values.map(\.bitPattern))
        #expect(g.errorBound < 1e-13)
        let p = 300
        for i in 0..<n {
            for j in 0..<n {
                var rho = BigFloat(0, precision: p)
                for t in 0..<dim {
                    rho = rho.adding(BigFloat(points[i * dim + t], precision: 53).multiplied(by: BigFloat(points[j * dim + t], precision: 53), precision: p, rounding: .nearest),
                                     precision: p, rounding: .nearest)
                }
                // clamp to [−1, 1]
                if BigFloat(1, precision: p) < rho { rho = BigFloat(1, precision: p) }
                if rho < BigFloat(-1, precision: p) { rho = BigFloat(-1, precision: p) }
                let cube = rho.multiplied(by: rho, precision: p, rounding: .nearest).multiplied(by: rho, precision: p, rounding: .nearest)
                let exact = BigFloat(1, precision: p).adding(rho, precision: p, rounding: .nearest).adding(cube.scaled(byPowerOfTwo: -1), precision: p, rounding: .nearest)
                let err = BigFloat(g[i, j], precision: 53).subtracting(exact, precision: p, rounding: .nearest).magnitude.double(rounding: .up)
                #expect(err <= g.errorBound, "entry (\(i), \(j))")
            }
        }
        #expect(throws: PrismError.self) { try GramMatrix(points: [1, 0, 0], count: 2, dimension: 2, kernel: k) }
        #expect(throws: PrismError.self) { try GramMatrix(points: [2, 0], count: 1, dimension: 2, kernel: k) }
        #expect(throws: PrismError.self) { try GramMatrix(points: [], count: 0, dimension: 2, kernel: k) }
    }

    /// K = Σ C a^q b^{q'} t^ℓ for the monomial activation x² (C from Docs/conventions.md §4 with s = 1):
    /// σ''(0) = 2 gives C_{2,0,0} = 2·2/2! = 2, C_{0,1,1} = 2·2/(1·1·4) = 1, C_{0,1,0} = C_{0,0,1} = 0, so
    /// K = 2t² + ab (= E[u²v²] for Gaussian (u, v) with variances a, b and covariance t).
    @Test func smallNormPolynomialKernel() throws {
        let N = 2
        var c: [[[Double]]] = (0...N).map { l in Array(repeating: Array(repeating: 0, count: (N - l) / 2 + 1), count: (N - l) / 2 + 1) }
        c[2][0][0] = 2
        c[0][1][1] = 1
        let k = try SmallNormKernelEvaluator(coefficients: c, tailBound: 0, radiusSquared: 0.25)
        let (v, b) = try k.valueWithErrorBound(normSquared: 0.2, 0.1, inner: -0.1)
        #expect(abs(v - (2 * 0.01 + 0.02)) <= b + 1e-17)
        #expect(b <= k.errorBound)
        #expect(throws: PrismError.self) { try k.value(normSquared: 0.3, 0.1, inner: 0) }
        #expect(throws: PrismError.self) { try SmallNormKernelEvaluator(coefficients: [[[1]], [[1, 2]]], tailBound: 0, radiusSquared: 1) }
    }
}
