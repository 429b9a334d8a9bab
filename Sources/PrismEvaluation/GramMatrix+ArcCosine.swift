import Dispatch
import RealModule
import PrismNumbers

extension GramMatrix {
    /// The Gram matrix K_ij = K(cos ∠(x_i, x_j)) of an arc-cosine-family kernel
    /// (`ArcCosineKernelEvaluator`): the kernel of the directions x_i/‖x_i‖ (any non-zero rows).
    ///
    /// Algorithm: each row is normalized, â = x·fl(1/fl(√‖x‖²)); the angle is Kahan's
    /// θ̂ = 2·atan2(‖â − b̂‖, ‖â + b̂‖), accurate to a few ulps of π even for nearly parallel rows
    /// (ρ = ⟨a, b⟩ would lose half the digits there: arccos is not Lipschitz at 1); then the
    /// evaluator's recursion. Upper triangle computed, lower mirrored by tiles, rows spread over cores, every
    /// entry computed by the same operations at any thread count.
    ///
    /// Error contract: |K̂_ij − K(cos θ_ij)| ≤ `errorBound` for every entry, θ_ij the exact angle
    /// between the given Double rows. The input angle error is, with η = γ_{d+12}/2 + 4u the
    /// normalization's relative error per coordinate and ε = γ_{d+12} + 6u the norms' relative error,
    /// e₀ = 2√2·η·(1 + 2⁻¹⁰) + 2ε + λθ̂ (|x̂ − x|, |ŷ − y| ≤ 2η move the point (x, y) of radius 2 by at
    /// most 2√2η; relative errors ε of x and y move its half-angle by at most ε).
    /// - Throws: `PrismError.domain` when n or the dimension is < 1, the buffer size is not
    ///   n·dimension, an entry is not finite, or a row is zero.
    public init(points: [Double], count n: Int, dimension: Int, kernel: ArcCosineKernelEvaluator, threads: Int? = nil) throws {
        guard n >= 1, dimension >= 1 else { throw PrismError.domain("need n ≥ 1 points of dimension ≥ 1, got n = \(n), dimension = \(dimension)") }
        guard points.count == n * dimension else {
            throw PrismError.domain("\(points.count) numbers cannot be \(n) rows of dimension \(dimension)")
        }
        guard points.allSatisfy(\.isFinite) else { throw PrismError.domain("non-finite coordinate") }
        var unit = [Double](repeating: 0, count: n * dimension)
        try points.withUnsafeBufferPointer { p in
            for i in 0..<n {
                let row = p.baseAddress! + i * dimension
                let norm2 = GramMatrix.dot(row, row, dimension)
                guard norm2 > 0, norm2.isFinite else { throw PrismError.domain("row \(i) is zero or too large (‖x‖² = \(norm2))") }
                let inverse = 1 / norm2.squareRoot()
                for k in 0..<dimension { unit[i * dimension + k] = row[k] * inverse }
            }
        }
        let u = RoundingModel.unitRoundoff
        let g = RoundingModel.gamma(dimension + 12)
        let eta = g / 2 + 4 * u
        let epsilon = g + 6 * u
        let base0 = RoundingModel.inflate(2 * 2.0.squareRoot() * eta * (1 + 0x1p-10) + 2 * epsilon, operations: 4)
        let lambda = ArcCosineKernelEvaluator.lambda
        count = n
        var out = [Double](repeating: 0, count: n * n)
        var rowBounds = [Double](repeating: 0, count: n)
        unit.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                rowBounds.withUnsafeMutableBufferPointer { b in
                    let base = p.baseAddress!, outBase = o.baseAddress!, boundBase = b.baseAddress!
                    let row: (Int) -> Void = { i in
                        var worst = 0.0
                        let a = base + i * dimension
                        for j in i..<n {
                            let c = base + j * dimension
                            var minus = 0.0, plus = 0.0
                            for k in 0..<dimension {
                                let dm = a[k] - c[k], dp = a[k] + c[k]
                                minus = minus + dm * dm
                                plus = plus + dp * dp
                            }
                            let theta = Swift.min(2 * Double.atan2(y: minus.squareRoot(), x: plus.squareRoot()), Double.pi)
                            let r = kernel.evaluate(theta, RoundingModel.inflate(base0 + lambda * theta, operations: 1))
                            outBase[i * n + j] = r.value
                            worst = Swift.max(worst, r.errorBound)
                        }
                        boundBase[i] = worst
                    }
                    // The lower triangle by 64×64 tiles afterwards (writing K_ji next to K_ij would
                    // touch a new cache line per entry).
                    let tile = 64, tiles = (n + tile - 1) / tile
                    let mirror: (Int) -> Void = { t in
                        let i0 = t * tile, i1 = Swift.min(n, i0 + tile)
                        var j0 = 0
                        while j0 < i1 {
                            let j1 = Swift.min(i1, j0 + tile)
                            for i in i0..<i1 {
                                for j in j0..<Swift.min(j1, i) { outBase[i * n + j] = outBase[j * n + i] }
                            }
                            j0 = j1
                        }
                    }
                    if threads == 1 || n < 64 {
                        for i in 0..<n { row(i) }
                        for t in 0..<tiles { mirror(t) }
                    } else {
                        let task = UncheckedSendable(row), mirrorTask = UncheckedSendable(mirror)
                        DispatchQueue.concurrentPerform(iterations: n) { task.value($0) }
                        DispatchQueue.concurrentPerform(iterations: tiles) { mirrorTask.value($0) }
                    }
                }
            }
        }
        values = out
        errorBound = rowBounds.max() ?? 0
    }
}
