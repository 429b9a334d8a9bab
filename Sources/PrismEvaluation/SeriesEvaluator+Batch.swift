import Dispatch
import PrismNumbers
import _CPrismKernels

/// Evaluation of a series at many points: contiguous buffers, 32 points at a time in four
/// SIMD8<Double> lanes (the Clenshaw/Horner chain of one point is sequential, so independent
/// points fill the vector units), and chunks of points spread over cores.
///
/// Each point's value is computed by exactly the same operations as `value(at:)`, in the same
/// order, so the results are byte-identical to the scalar path and independent of the thread count.
extension SeriesEvaluator {
    /// Points per parallel chunk (a multiple of the 32-point block).
    static let chunkSize = 16_384

    /// S(x_i) for every point, into `values` (same count). `threads`: 1 runs on the calling
    /// thread; nil or > 1 spreads chunks over cores (results identical either way).
    /// - Throws: `PrismError.domain` when the counts differ, the input is empty, or a point is not
    ///   finite or outside the basis's domain (checked before anything is written).
    public func values(at points: UnsafeBufferPointer<Double>, into values: UnsafeMutableBufferPointer<Double>,
                       threads: Int? = nil) throws {
        guard !points.isEmpty else { throw PrismError.domain("no evaluation points") }
        guard points.count == values.count else {
            throw PrismError.domain("\(points.count) points but room for \(values.count) values")
        }
        try checkAll(points)
        coefficients.withUnsafeBufferPointer { c in
            SeriesEvaluator.forEachChunk(count: points.count, threads: threads) { range in
                evaluateBlock(points, values, range, c)
            }
        }
    }

    /// S(x_i) for every point (see `values(at:into:threads:)`).
    public func values(at points: [Double], threads: Int? = nil) throws -> [Double] {
        guard !points.isEmpty else { throw PrismError.domain("no evaluation points") }
        var out = [Double](repeating: 0, count: points.count)
        try points.withUnsafeBufferPointer { p in
            try out.withUnsafeMutableBufferPointer { o in try values(at: p, into: o, threads: threads) }
        }
        return out
    }

    /// S(x_i) and their error bounds (the running bound of `valueWithErrorBound(at:)`), per point.
    public func valuesWithErrorBounds(at points: [Double], threads: Int? = nil) throws -> (values: [Double], errorBounds: [Double]) {
        guard !points.isEmpty else { throw PrismError.domain("no evaluation points") }
        try points.withUnsafeBufferPointer { try checkAll($0) }
        var values = [Double](repeating: 0, count: points.count)
        var bounds = [Double](repeating: 0, count: points.count)
        points.withUnsafeBufferPointer { p in
            values.withUnsafeMutableBufferPointer { v in
                bounds.withUnsafeMutableBufferPointer { b in
                    coefficients.withUnsafeBufferPointer { c in
                        guard let vBase = v.baseAddress, let bBase = b.baseAddress else { return } // points is nonempty
                        SeriesEvaluator.forEachChunk(count: p.count, threads: threads) { range in
                            for i in range {
                                let r = scalarValueAndBound(p[i], c)
                                vBase[i] = r.value
                                bBase[i] = r.errorBound
                            }
                        }
                    }
                }
            }
        }
        return (values, bounds)
    }

    func checkAll(_ points: UnsafeBufferPointer<Double>) throws {
        let radius = basis.domainRadius
        var ok = true
        for x in points { ok = ok && abs(x) <= radius } // false for NaN; ±∞ fails unless radius = ∞
        if ok, radius == .infinity { for x in points { ok = ok && x.isFinite } }
        if !ok, let bad = points.first(where: { !$0.isFinite || abs($0) > radius }) { try check(bad) }
    }

    /// Runs `body` over consecutive chunks of 0..<count, in parallel unless `threads` is 1.
    static func forEachChunk(count: Int, threads: Int?, _ body: (Range<Int>) -> Void) {
        let chunks = (count + chunkSize - 1) / chunkSize
        if threads == 1 || chunks == 1 {
            for j in 0..<chunks { body(j * chunkSize..<Swift.min(count, (j + 1) * chunkSize)) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let task = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { j in
                task.value(j * chunkSize..<Swift.min(count, (j + 1) * chunkSize))
            }
        }
    }

    /// Values at points[range] (no checks): full 32-point blocks in SIMD, the rest scalar.
    func evaluateBlock(_ points: UnsafeBufferPointer<Double>, _ values: UnsafeMutableBufferPointer<Double>,
                       _ range: Range<Int>, _ c: UnsafeBufferPointer<Double>) {
        guard let base = points.baseAddress, let out = values.baseAddress else { return } // empty: nothing to do
        var i = range.lowerBound
        if SeriesEvaluator.hasAVX512 {
            // The same operations in the same order on 8-wide registers (_CPrismKernels): bit-identical.
            let full = (range.count / 32) * 32
            let kind: Int32 = basis == .monomial ? 0 : (recurrence.alphaConstant ? 1 : 2)
            recurrence.alpha.withUnsafeBufferPointer { a in
                recurrence.gammaNext.withUnsafeBufferPointer { g in
                    prism_series_avx512(kind, base + i, out + i, full, c.baseAddress, a.baseAddress, g.baseAddress, c.count - 1)
                }
            }
            i += full
        }
        recurrence.alpha.withUnsafeBufferPointer { a in
            recurrence.gammaNext.withUnsafeBufferPointer { g in
                while i + 32 <= range.upperBound {
                    let raw = UnsafeRawPointer(base + i)
                    let x0 = raw.loadUnaligned(as: SIMD8<Double>.self)
                    let x1 = raw.loadUnaligned(fromByteOffset: 64, as: SIMD8<Double>.self)
                    let x2 = raw.loadUnaligned(fromByteOffset: 128, as: SIMD8<Double>.self)
                    let x3 = raw.loadUnaligned(fromByteOffset: 192, as: SIMD8<Double>.self)
                    let y: (SIMD8<Double>, SIMD8<Double>, SIMD8<Double>, SIMD8<Double>)
                    switch basis {
                    case .monomial: y = SeriesEvaluator.horner4(x0, x1, x2, x3, c)
                    default:
                        y = recurrence.alphaConstant ? SeriesEvaluator.clenshawConstantAlpha4(x0, x1, x2, x3, c, a, g)
                            : SeriesEvaluator.clenshaw4(x0, x1, x2, x3, c, a, g)
                    }
                    let o = UnsafeMutableRawPointer(out + i)
                    o.storeBytes(of: y.0, as: SIMD8<Double>.self)
                    o.storeBytes(of: y.1, toByteOffset: 64, as: SIMD8<Double>.self)
                    o.storeBytes(of: y.2, toByteOffset: 128, as: SIMD8<Double>.self)
                    o.storeBytes(of: y.3, toByteOffset: 192, as: SIMD8<Double>.self)
                    i += 32
                }
            }
        }
        while i < range.upperBound { out[i] = scalarValue(base[i], c); i += 1 }
    }

    typealias V = SIMD8<Double>

    /// Whether this CPU (and OS) runs the AVX-512 batch kernels.
    static let hasAVX512 = prism_cpu_has_avx512f() != 0

    /// Horner, y = x·y + c_i, on 4 × 8 points.
    @inline(__always)
    static func horner4(_ x0: V, _ x1: V, _ x2: V, _ x3: V, _ c: UnsafeBufferPointer<Double>) -> (V, V, V, V) {
        let n = c.count - 1
        var y0 = V(repeating: c[n]), y1 = y0, y2 = y0, y3 = y0
        var i = n - 1
        while i >= 0 {
            let ci = V(repeating: c[i])
            y0 = x0 * y0 + ci; y1 = x1 * y1 + ci; y2 = x2 * y2 + ci; y3 = x3 * y3 + ci
            i -= 1
        }
        return (y0, y1, y2, y3)
    }

    /// Clenshaw with α_k = α₁ for k ≥ 1 (He, T): s = α₁x once per point; the step k = 0 uses α₀.
    @inline(__always)
    static func clenshawConstantAlpha4(_ x0: V, _ x1: V, _ x2: V, _ x3: V, _ c: UnsafeBufferPointer<Double>,
                                       _ a: UnsafeBufferPointer<Double>, _ g: UnsafeBufferPointer<Double>) -> (V, V, V, V) {
        let n = c.count - 1
        let alpha = V(repeating: n >= 1 ? a[1] : a[0])
        let s0 = alpha * x0, s1 = alpha * x1, s2 = alpha * x2, s3 = alpha * x3
        var b0 = V(), b1 = V(), b2 = V(), b3 = V()
        var d0 = V(), d1 = V(), d2 = V(), d3 = V() // b_{k+2}
        var k = n
        while k >= 1 {
            let ck = V(repeating: c[k]), gk = V(repeating: g[k])
            let n0 = s0 * b0 + (ck - gk * d0), n1 = s1 * b1 + (ck - gk * d1)
            let n2 = s2 * b2 + (ck - gk * d2), n3 = s3 * b3 + (ck - gk * d3)
            d0 = b0; d1 = b1; d2 = b2; d3 = b3
            b0 = n0; b1 = n1; b2 = n2; b3 = n3
            k -= 1
        }
        let ck = V(repeating: c[0]), gk = V(repeating: g[0]), a0 = V(repeating: a[0])
        return ((a0 * x0) * b0 + (ck - gk * d0), (a0 * x1) * b1 + (ck - gk * d1),
                (a0 * x2) * b2 + (ck - gk * d2), (a0 * x3) * b3 + (ck - gk * d3))
    }

    /// Clenshaw with a different α_k per step (P^{(d)}, h): s = fl(α̂_k x) each step.
    @inline(__always)
    static func clenshaw4(_ x0: V, _ x1: V, _ x2: V, _ x3: V, _ c: UnsafeBufferPointer<Double>,
                          _ a: UnsafeBufferPointer<Double>, _ g: UnsafeBufferPointer<Double>) -> (V, V, V, V) {
        let n = c.count - 1
        var b0 = V(), b1 = V(), b2 = V(), b3 = V()
        var d0 = V(), d1 = V(), d2 = V(), d3 = V()
        var k = n
        while k >= 0 {
            let ck = V(repeating: c[k]), gk = V(repeating: g[k]), ak = V(repeating: a[k])
            let n0 = (ak * x0) * b0 + (ck - gk * d0), n1 = (ak * x1) * b1 + (ck - gk * d1)
            let n2 = (ak * x2) * b2 + (ck - gk * d2), n3 = (ak * x3) * b3 + (ck - gk * d3)
            d0 = b0; d1 = b1; d2 = b2; d3 = b3
            b0 = n0; b1 = n1; b2 = n2; b3 = n3
            k -= 1
        }
        return (b0, b1, b2, b3)
    }
}

/// A value handed to `DispatchQueue.concurrentPerform` workers that only read shared input and
/// write disjoint parts of the output.
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
