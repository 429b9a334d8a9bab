import Dispatch
import PrismNumbers

/// The kernel (Gram) matrix K_ij = f(⟨x_i, x_j⟩) of a batch of unit vectors for a dot-product
/// kernel f (`DotProductKernelEvaluator`).
///
/// Input: n rows of `dimension` Doubles, row-major; each row must be a unit vector up to rounding
/// (|‖x_i‖² − 1| ≤ 2⁻²⁰). Output: the n×n matrix, row-major, symmetric by construction (the
/// upper triangle is computed, the lower mirrored), rows spread over cores; every entry is
/// computed by the same operations whatever the thread count, so the matrix is byte-identical.
///
/// Algorithm: ρ̂_ij = fl(Σ_k x_ik x_jk) (8 partial sums, then a fixed tree), ρ̃ = clamp(ρ̂, −1, 1),
/// K̂_ij = f̂(ρ̃) by Horner.
///
/// Error contract: with ρ_ij the exact inner product of the given Doubles and f evaluated at
/// clamp(ρ_ij) (= ρ_ij whenever |ρ_ij| ≤ 1),
///
///     |K̂_ij − f(clamp ρ_ij)| ≤ T + R + L_N · γ_{dim+12} · max_i ‖x_i‖²,
///
/// where T and R are the kernel's tail and rounding bounds, L_N = Σ m|a_m| the Lipschitz
/// constant of the truncated series on [−1, 1] (`lipschitzBound`), and γ_{dim+12}‖x_i‖‖x_j‖ bounds
/// the dot product's rounding error (Higham (3.5): every product passes at most dim/8 + 11 ≤ dim + 12
/// roundings), clamping being 1-Lipschitz. `errorBound` is this elementwise bound.
public struct GramMatrix: Sendable {
    public let count: Int
    /// K̂, n×n row-major.
    public let values: [Double]
    /// A bound of |K̂_ij − f(clamp ρ_ij)| valid for every entry.
    public let errorBound: Double
    /// A bound of every entry's relative error, max_ij B/(|K̂_ij| − B) (+∞ when some |K̂_ij| ≤ B).
    public let relativeErrorBound: Double

    init(count: Int, values: [Double], errorBound: Double, relativeErrorBound: Double) {
        self.count = count
        self.values = values
        self.errorBound = errorBound
        self.relativeErrorBound = relativeErrorBound
    }

    /// - Throws: `PrismError.domain` when n or the dimension is < 1, the buffer size is not
    ///   n·dimension, an entry is not finite, or a row is not a unit vector.
    public init(points: [Double], count n: Int, dimension: Int, kernel: DotProductKernelEvaluator, threads: Int? = nil) throws {
        guard n >= 1, dimension >= 1 else { throw PrismError.domain("need n ≥ 1 points of dimension ≥ 1, got n = \(n), dimension = \(dimension)") }
        guard points.count == n * dimension else {
            throw PrismError.domain("\(points.count) numbers cannot be \(n) rows of dimension \(dimension)")
        }
        guard points.allSatisfy(\.isFinite) else { throw PrismError.domain("non-finite coordinate") }
        var maxNormSquared = 0.0
        try points.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return } // n·dimension ≥ 1 numbers
            for i in 0..<n {
                let norm2 = GramMatrix.dot(base + i * dimension, base + i * dimension, dimension)
                guard abs(norm2 - 1) <= 0x1p-20 else {
                    throw PrismError.domain("row \(i) is not a unit vector (‖x‖² = \(norm2))")
                }
                maxNormSquared = Swift.max(maxNormSquared, norm2)
            }
        }
        count = n
        var out = [Double](repeating: 0, count: n * n)
        let coefficients = kernel.series.coefficients
        points.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                coefficients.withUnsafeBufferPointer { c in
                    guard let base = p.baseAddress, let outBase = o.baseAddress else { return } // both nonempty
                    let row: (Int) -> Void = { i in
                        for j in i..<n {
                            let rho = Swift.min(1, Swift.max(-1, GramMatrix.dot(base + i * dimension, base + j * dimension, dimension)))
                            let cN = c.count - 1
                            var y = c[cN]
                            var m = cN - 1
                            while m >= 0 { y = rho * y + c[m]; m -= 1 }
                            outBase[i * n + j] = y
                            outBase[j * n + i] = y
                        }
                    }
                    if threads == 1 || n < 64 {
                        for i in 0..<n { row(i) }
                    } else {
                        let task = UncheckedSendable(row)
                        DispatchQueue.concurrentPerform(iterations: n) { task.value($0) }
                    }
                }
            }
        }
        values = out
        // γ_{dim+12}·max‖x‖²·(1 + 2⁻²⁰)-slack: ‖x_i‖‖x_j‖ ≤ max‖x‖²_true ≤ computed·(1 + γ_{dim+12}).
        let g = RoundingModel.gamma(dimension + 12)
        let dotError = g * maxNormSquared * (1 + g) * kernel.lipschitzBound
        errorBound = RoundingModel.inflate(kernel.tailBound + kernel.roundingBound + dotError, operations: 8)
        let smallest = out.reduce(Double.infinity) { Swift.min($0, Swift.abs($1)) }
        relativeErrorBound = smallest > errorBound ? RoundingModel.inflate(errorBound / (smallest - errorBound), operations: 2) : .infinity
    }

    public subscript(i: Int, j: Int) -> Double { values[i * count + j] }

    /// Σ_k x_k y_k with 8 partial sums (lanes), then lanes summed by a fixed tree, then the remainder.
    @inline(__always)
    static func dot(_ x: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ d: Int) -> Double {
        var acc = SIMD8<Double>()
        var k = 0
        while k + 8 <= d {
            let a = UnsafeRawPointer(x + k).loadUnaligned(as: SIMD8<Double>.self)
            let b = UnsafeRawPointer(y + k).loadUnaligned(as: SIMD8<Double>.self)
            acc = acc + a * b
            k += 8
        }
        let h4 = acc.lowHalf + acc.highHalf
        let h2 = h4.lowHalf + h4.highHalf
        var s = h2[0] + h2[1]
        while k < d { s = s + x[k] * y[k]; k += 1 }
        return s
    }
}
