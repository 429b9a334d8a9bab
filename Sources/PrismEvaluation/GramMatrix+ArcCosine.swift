import Dispatch
import RealModule
import _CPrismKernels
import PrismNumbers

extension GramMatrix {
    /// The Gram matrix K_ij = K(cos ∠(x_i, x_j)) of an arc-cosine-family kernel
    /// (`ArcCosineKernelEvaluator`): the kernel of the directions x_i/‖x_i‖ (any non-zero rows).
    /// See `arcCosine(points:count:dimension:kernel:into:threads:)`, which this fills.
    ///
    /// - Throws: `PrismError.domain` when n or the dimension is < 1, the buffer size is not
    ///   n·dimension, an entry is not finite, or a row is zero.
    public init(points: [Double], count n: Int, dimension: Int, kernel: ArcCosineKernelEvaluator, threads: Int? = nil) throws {
        guard n >= 1, dimension >= 1 else { throw PrismError.domain("need n ≥ 1 points of dimension ≥ 1, got n = \(n), dimension = \(dimension)") }
        guard points.count == n * dimension else {
            throw PrismError.domain("\(points.count) numbers cannot be \(n) rows of dimension \(dimension)")
        }
        var out = [Double](repeating: 0, count: n * n)
        let bounds = try points.withUnsafeBufferPointer { p in
            try out.withUnsafeMutableBufferPointer { o in
                try GramMatrix.arcCosine(points: p, count: n, dimension: dimension, kernel: kernel, into: o, threads: threads)
            }
        }
        self.init(count: n, values: out, errorBound: bounds.errorBound, relativeErrorBound: bounds.relativeErrorBound)
    }

    /// Fills `out` (n×n, row-major) with K_ij = K(cos θ_ij), θ_ij = ∠(x_i, x_j) the exact angle between
    /// the given Double rows, and returns B ≥ |K̂_ij − K(cos θ_ij)| for every entry and the relative
    /// bound max_ij B_ij/(|K̂_ij| − B_ij) ≥ |K̂_ij − K_ij|/|K_ij| (+∞ if some |K̂_ij| ≤ B_ij).
    ///
    /// Rows: x scaled by a power of two so that its largest coordinate lies in [1, 2) (exact up to
    /// underflow), then â = x·fl(1/fl(√fl(‖x‖²))). Upper triangle computed, the lower mirrored by 64×64 tiles,
    /// rows spread over the cores when `threads` ≠ 1; every entry is computed by the same operations
    /// at any thread count and on every instruction set, so the matrix is byte-identical.
    ///
    /// **Leaky family (relu, leaky_relu, abs)**: `prism_arccos_gram_row` (_CPrismKernels), 32/8/4
    /// pairs per step in AVX-512/AVX2/baseline vectors, separate multiplies and adds.
    /// * Angle: m̂ = fl Σ(â_k − b̂_k)², p̂ = fl Σ(â_k + b̂_k)²; flip = m̂ > p̂;
    ///   x̂ = fl√(min(m̂, p̂)/(m̂ + p̂)) ≈ sin(h/2) with h = θ (θ ≤ π/2) or h = π − θ (flip), so
    ///   x̂ ≤ 1/√2·(1 + 2u); ĥ = 2·x̂·q̂(fl x̂²) with q the Taylor series of asin(x)/x in x²
    ///   (`Arcsine`: |x q̂ − asin x| ≤ x·Q). No libm.
    /// * Its error: each of m̂, p̂ is within γ_{d+2} relative (a difference or sum, a square, d − 1
    ///   additions), so |x̂ − √r| ≤ c_x·x̂ with c_x = (γ_{d+2} + 2u)(1 + 4γ_{d+2}), r the same ratio
    ///   of the exact m, p of the rows â, b̂. With unequal norms n_a, n_b of â, b̂,
    ///   m/(m + p) − sin²(θ'/2) = (n_a − n_b)² cos θ'/(2(n_a² + n_b²)) (θ' = ∠(â, b̂); the same
    ///   with cos² for p), so |√r − sin(h'/2)| ≤ δ/(1 − δ), δ = γ_d/2 + 3u (+ second order) ≥ |n − 1|.
    ///   The arcsine is 1.4143-Lipschitz below 0.7072, and ∠(â, x) ≤ asin u: e₀ = 2(x̂Q + u·â) +
    ///   2.83(c_x x̂ + δ/(1 − δ)) + 2u(1 + u), inflated.
    /// * Layers: `ArcCosineKernelEvaluator`'s recursion (the same G, P series and error terms) on h,
    ///   the F form unflipped and the D form flipped (then ψ = h: no π̂ − φ shift); the next angle
    ///   h' = 2 asin ŝ (ŝ ≤ 0.7071) or, flipped, 2 asin fl√((1 − ŝ)(1 + ŝ)) (1 − ŝ exact; within
    ///   2.01u relative, times the Lipschitz constant 2·1.4143), plus the series' bound; the local
    ///   error of ŝ through 2/√(1 − t²) at t ≥ ŝ + ε_s rounded up (×(1 + 4u)); Σ̇ = 1 − (w/π)h, or
    ///   (1 − w) + (w/π)h flipped; Θ^(0) = ±(1 − 2x̂²) within
    ///   2u(1 + u) + 2ε_x(2x̂ + ε_x) + 2u x̂² + u|Θ̂^(0)|.
    ///
    /// **step, sign** (NNGP): per pair, Kahan's θ̂ = 2·atan2(‖â − b̂‖, ‖â + b̂‖) (libm) and the
    /// evaluator's scalar recursion; input angle error, with η = γ_{d+12}/2 + 4u the normalization's
    /// relative error per coordinate and ε = γ_{d+12} + 6u the norms' relative error,
    /// e₀ = 2√2·η·(1 + 2⁻¹⁰) + 2ε + λθ̂.
    ///
    /// Error contract: as above for every entry; `PrismError.domain` when n or the dimension is
    /// < 1, a buffer has the wrong size, an entry is not finite, or a row is zero. Nothing traps.
    public static func arcCosine(points: UnsafeBufferPointer<Double>, count n: Int, dimension: Int, kernel: ArcCosineKernelEvaluator,
                                 into out: UnsafeMutableBufferPointer<Double>, threads: Int? = nil) throws
        -> (errorBound: Double, relativeErrorBound: Double) {
        try arcCosine(points: points, count: n, dimension: dimension, kernel: kernel, into: out, threads: threads, level: -1)
    }

    /// `level`: the kernel's instruction set (`prism_arccos_gram_row`; −1 the best available) — the
    /// tests compare the paths bit for bit.
    static func arcCosine(points: UnsafeBufferPointer<Double>, count n: Int, dimension: Int, kernel: ArcCosineKernelEvaluator,
                          into out: UnsafeMutableBufferPointer<Double>, threads: Int?, level: Int32) throws
        -> (errorBound: Double, relativeErrorBound: Double) {
        guard n >= 1, dimension >= 1 else { throw PrismError.domain("need n ≥ 1 points of dimension ≥ 1, got n = \(n), dimension = \(dimension)") }
        guard points.count == n * dimension, out.count == n * n, let pointBase = points.baseAddress, let outBase = out.baseAddress else {
            throw PrismError.domain("\(points.count) numbers cannot be \(n) rows of dimension \(dimension) (output \(out.count) for \(n)×\(n))")
        }
        guard points.allSatisfy(\.isFinite) else { throw PrismError.domain("non-finite coordinate") }
        // Unit rows, row-major and (leaky family) transposed with a stride padded to 32 columns.
        let stride = (n + 31) / 32 * 32
        var unit = [Double](repeating: 0, count: n * dimension)
        let leaky = kernel.family != .step && kernel.family != .sign
        var transposed = [Double](repeating: 0, count: leaky ? stride * dimension : 0)
        var scaled = [Double](repeating: 0, count: dimension)
        for i in 0..<n {
            let row = pointBase + i * dimension
            // Scaled by 2^−e (e the exponent of the largest coordinate, two factors: 2^±1074 is not a
            // Double) into [1, 2): the direction is kept up to underflow (2⁻¹⁰⁷⁴ per coordinate), and
            // ‖x‖² neither overflows nor underflows.
            var largest = 0.0
            for k in 0..<dimension { largest = Swift.max(largest, Swift.abs(row[k])) }
            guard largest > 0 else { throw PrismError.domain("row \(i) is zero") }
            let e = Int(largest.exponent), half = e / 2
            let f1 = Double(sign: .plus, exponent: -half, significand: 1), f2 = Double(sign: .plus, exponent: half - e, significand: 1)
            for k in 0..<dimension { scaled[k] = row[k] * f1 * f2 }
            var norm2 = 0.0
            for k in 0..<dimension { norm2 = norm2 + scaled[k] * scaled[k] }
            let inverse = 1 / norm2.squareRoot()
            for k in 0..<dimension { unit[i * dimension + k] = scaled[k] * inverse }
        }
        for k in 0..<(leaky ? dimension : 0) {
            for j in 0..<stride { transposed[k * stride + j] = unit[Swift.min(j, n - 1) * dimension + k] }
        }
        var rowBounds = [Double](repeating: 0, count: 2 * n)
        var parameters = leaky ? GramMatrix.leakyParameters(kernel, dimension: dimension) : prism_arccos_params()
        let u = RoundingModel.unitRoundoff
        let g = RoundingModel.gamma(dimension + 12)
        let base0 = RoundingModel.inflate(2 * 2.0.squareRoot() * (g / 2 + 4 * u) * (1 + 0x1p-10) + 2 * (g + 6 * u) + 0x1p-500, operations: 4)
        unit.withUnsafeBufferPointer { p in
            transposed.withUnsafeBufferPointer { t in
                rowBounds.withUnsafeMutableBufferPointer { b in
                    withUnsafePointer(to: &parameters) { k in
                        // Non-empty (n, d ≥ 1); the transposed copy is empty for step/sign.
                        guard let base = p.baseAddress, let boundBase = b.baseAddress else { return }
                        let transposedBase = t.baseAddress
                        let row: (Int) -> Void = { i in
                            if leaky {
                                prism_arccos_gram_row(k, base, transposedBase, n, stride, dimension, i, outBase + i * n, boundBase + 2 * i, level)
                                return
                            }
                            var worst = 0.0, worstRelative = 0.0
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
                                let r = kernel.evaluate(theta, RoundingModel.inflate(base0 + ArcCosineKernelEvaluator.lambda * theta, operations: 1))
                                outBase[i * n + j] = r.value
                                worst = Swift.max(worst, r.errorBound)
                                let margin = Swift.abs(r.value) - r.errorBound
                                worstRelative = Swift.max(worstRelative, margin > 0 ? r.errorBound / margin : .infinity)
                            }
                            boundBase[2 * i] = worst
                            boundBase[2 * i + 1] = worstRelative
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
        }
        var worst = 0.0, worstRelative = 0.0
        for i in 0..<n {
            worst = Swift.max(worst, rowBounds[2 * i])
            worstRelative = Swift.max(worstRelative, rowBounds[2 * i + 1])
        }
        return (worst, worstRelative)
    }

    /// The constants of `prism_arccos_gram_row` for a leaky-family kernel and rows of dimension d
    /// (the derivation: `arcCosine(points:count:dimension:kernel:into:threads:)`).
    static func leakyParameters(_ kernel: ArcCosineKernelEvaluator, dimension d: Int) -> prism_arccos_params {
        let u = RoundingModel.unitRoundoff
        let gd2 = RoundingModel.gamma(d + 2), gd = RoundingModel.gamma(d)
        // |‖â‖ − 1| ≤ δ (‖x‖² ≥ 1 after scaling: underflowed squares add ≤ d·2⁻¹⁰⁷⁴, within 2⁻¹⁰⁰⁰).
        let delta = RoundingModel.inflate(gd / 2 + 3 * u + 4 * (gd + 3 * u) * (gd + 3 * u) + 0x1p-1000, operations: 4)
        var k = prism_arccos_params()
        k.depth = Int32(kernel.depth)
        k.ntk = kernel.output == .ntk ? 1 : 0
        k.asinTerms = Int32(Arcsine.coefficients.count)
        k.w = kernel.w
        k.wOverPi = kernel.wOverPi
        k.wError = kernel.wError
        k.gBound = kernel.gBound
        k.pBound = kernel.pBound
        k.asinBound = Arcsine.bound
        k.inputRelative = RoundingModel.inflate((gd2 + 2 * u) * (1 + 4 * gd2), operations: 4)
        // + 2⁻⁵⁰⁰: squares in m̂, p̂ that underflow (≤ 2⁻¹⁰⁷⁴ each against m + p ≥ 1.9).
        k.inputAbsolute = RoundingModel.inflate(delta / (1 - delta) + 0x1p-500, operations: 2)
        // + 2⁻¹⁰⁰⁰: coordinates lost to underflow in the scaling and normalization.
        k.direction = RoundingModel.inflate(2 * u + 0x1p-1000, operations: 1)
        _ = withUnsafeMutableBytes(of: &k.g) { $0.bindMemory(to: Double.self).update(from: ArcCosineKernelEvaluator.gCoefficients) }
        _ = withUnsafeMutableBytes(of: &k.p) { $0.bindMemory(to: Double.self).update(from: ArcCosineKernelEvaluator.pCoefficients) }
        _ = withUnsafeMutableBytes(of: &k.asinC) { $0.bindMemory(to: Double.self).update(from: Arcsine.coefficients) }
        return k
    }

    /// asin x = x·Σ_n c_n x²ⁿ, c_n = C(2n, n)/(4ⁿ(2n + 1)) (positive, decreasing), for x ∈ [0, X],
    /// X = 0.7072: the first N coefficients rounded to nearest (from exact rationals) and Q with
    /// |x·q̂(fl(x²)) − asin x| ≤ x·Q for q̂ Horner's value in Double:
    ///
    ///     Q = Σ_{n<N} (γ_{k(n)} + u_n) ĉ_n Zⁿ + u·Z·Σ_{n<N} n ĉ_n Zⁿ⁻¹ + ĉ_N(1 + u) Z^N/(1 − Z),
    ///
    /// Z = 0.5002 ≥ fl(x²): the rounding of q̂ = A(w) + z·B(w), w = fl(z²), A and B Horner on the
    /// even and odd coefficients (two chains; term n = 2m passes k = 3m + 2 roundings: 2m + 1 in
    /// Horner, m in ŵᵐ, the final sum; n = 2m + 1: k = 3m + 3, one more for z·B), the
    /// coefficients' rounding (u_n = u, or 0 when ĉ_n = c_n), fl(x²) within u·x² (the polynomial's slope), and the tail
    /// Σ_{n≥N} c_n zⁿ ≤ c_N z^N/(1 − z); everything rounded up by `RoundingModel.inflate`.
    enum Arcsine {
        static let terms = 46 // even (two chains)
        static let exact: [Rational] = {
            var c: [Rational] = [Rational(1)]
            for n in 1...terms {
                // c_n = c_{n−1}·(2n − 1)²/((2n)(2n + 1))
                c.append(c[n - 1] * Rational((2 * n - 1) * (2 * n - 1)) / Rational(2 * n * (2 * n + 1)))
            }
            return c
        }()
        static let coefficients: [Double] = exact.prefix(terms).map { BigFloat($0, precision: 53, rounding: .nearest).double() }
        static let bound: Double = {
            let u = RoundingModel.unitRoundoff, z = 0.5002
            var horner = 0.0, slope = 0.0, power = 1.0
            for (n, c) in coefficients.enumerated() {
                let rounding = Rational(exactly: c) == exact[n] ? 0 : u
                horner += (RoundingModel.gamma(n % 2 == 0 ? 3 * (n / 2) + 2 : 3 * (n / 2) + 3) + rounding) * c * power
                if n >= 1 { slope += Double(n) * c * power / z }
                power *= z
            }
            let next = BigFloat(exact[terms], precision: 53, rounding: .up).double()
            let tail = next * power / (1 - z)
            return RoundingModel.inflate(horner + u * z * slope + tail, operations: 2 * terms + 8)
        }()
    }
}
