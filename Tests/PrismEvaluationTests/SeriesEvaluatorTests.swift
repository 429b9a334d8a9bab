import Testing
import PrismNumbers
import PrismBases
@testable import PrismEvaluation

@Suite struct SeriesEvaluatorTests {
    /// Exact identities: P_k^{(d)}(1) = 1, T_k(cos θ) = cos kθ, He₃(x) = x³ − 3x, h₂ = (x² − 1)/√2.
    @Test func knownValuesWithinTheirBounds() throws {
        for d in [2, 3, 4, 10] {
            for k in [0, 1, 5, 40] {
                var c = [Double](repeating: 0, count: k + 1); c[k] = 1
                let r = try SeriesEvaluator(basis: .legendre(dimension: d), coefficients: c).valueWithErrorBound(at: 1)
                #expect(abs(r.value - 1) <= r.errorBound, "P_\(k)^(\(d))(1)")
            }
        }
        var c = [Double](repeating: 0, count: 8); c[7] = 1
        let t = try SeriesEvaluator(basis: .chebyshev, coefficients: c).valueWithErrorBound(at: 0.5) // T_7(1/2) = cos(7π/3) = 1/2
        #expect(abs(t.value - 0.5) <= t.errorBound && t.errorBound < 1e-13)
        let he = try SeriesEvaluator(basis: .hermiteHe, coefficients: [0, 0, 0, 1]).valueWithErrorBound(at: 0.5)
        #expect(he.value == 0.125 - 1.5 && he.errorBound >= 0)
        let h = try SeriesEvaluator(basis: .hermiteNormalized, coefficients: [0, 0, 1]).valueWithErrorBound(at: 3)
        #expect(abs(h.value - 8 / 2.0.squareRoot()) <= h.errorBound + 0x1p-50)
        let m = try SeriesEvaluator(basis: .monomial, coefficients: [1, -2, 1]).value(at: 3)
        #expect(m == 4)
    }

    /// Batch (SIMD, multi-core) results are bit-for-bit the scalar ones, at any thread count.
    @Test func batchIsBitIdenticalToScalarAtAnyThreadCount() throws {
        var rng = SplitMix64(seed: 7)
        let xs = (0..<40_037).map { _ in rng.uniform(-1, 1) }
        for basis: SeriesBasis in [.monomial, .hermiteHe, .hermiteNormalized, .legendre(dimension: 3), .legendre(dimension: 7), .chebyshev] {
            let e = try SeriesEvaluator(basis: basis, coefficients: (0...33).map { _ in rng.uniform(-1, 1) })
            let parallel = try e.values(at: xs)
            let serial = try e.values(at: xs, threads: 1)
            #expect(parallel.map(\.bitPattern) == serial.map(\.bitPattern), "\(basis)")
            // Every point (the AVX-512 kernels, where the CPU has them, cover the 32-point blocks).
            let scalar = try xs.map { try e.value(at: $0).bitPattern }
            #expect(scalar == parallel.map(\.bitPattern), "\(basis)")
            let (v, b) = try e.valuesWithErrorBounds(at: Array(xs.prefix(100)))
            #expect(v.map(\.bitPattern) == parallel.prefix(100).map(\.bitPattern))
            #expect(b.allSatisfy { $0 > 0 && $0.isFinite })
        }
    }

    @Test func badInputThrowsTypedErrors() throws {
        #expect(throws: PrismError.self) { try SeriesEvaluator(basis: .monomial, coefficients: []) }
        #expect(throws: PrismError.self) { try SeriesEvaluator(basis: .legendre(dimension: 1), coefficients: [1]) }
        #expect(throws: PrismError.self) { try SeriesEvaluator(basis: .chebyshev, coefficients: [1, .nan]) }
        #expect(throws: PrismError.self) { try SeriesEvaluator(basis: .hermiteHe, coefficients: [Double](repeating: 1, count: 302)) }
        let e = try SeriesEvaluator(basis: .legendre(dimension: 3), coefficients: [1, 2])
        #expect(throws: PrismError.self) { try e.value(at: 1.5) }
        #expect(throws: PrismError.self) { try e.value(at: .infinity) }
        #expect(throws: PrismError.self) { try e.values(at: []) }
        #expect(throws: PrismError.self) { try e.values(at: [0.5, .nan]) }
        let h = try SeriesEvaluator(basis: .hermiteHe, coefficients: [1, 2])
        #expect(throws: PrismError.self) { try h.values(at: [1, -.infinity]) }
        var out = [Double](repeating: 0, count: 3)
        #expect(throws: PrismError.self) {
            try [0.1, 0.2].withUnsafeBufferPointer { p in try out.withUnsafeMutableBufferPointer { try e.values(at: p, into: $0) } }
        }
    }

    @Test func roundingModelConstants() {
        #expect(RoundingModel.unitRoundoff == 0x1p-53)
        #expect(RoundingModel.gamma(10) >= 10 * 0x1p-53 / (1 - 10 * 0x1p-53))
        #expect(RoundingModel.inflate(1, operations: 10) > 1 + 20 * 0x1p-53)
        #expect(RoundingModel.inflate(.nan, operations: 1) == .infinity)
    }
}
