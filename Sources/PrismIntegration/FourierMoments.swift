import PrismNumbers
import PrismAlgebra

/// Certified Fourier moments on [0, π] of functions analytic on a neighbourhood of [0, π]:
///
///     F_j = ∫₀^π g(θ) cos jθ dθ,   G_j = ∫₀^π g(θ) sin jθ dθ,   j = 0…J,
///
/// for several functions g at once (DESIGN.md "Certified integration and sphere spectra").
///
/// Algorithm. [0, π] is cut into pieces m ± r (θ = πu with rational u). On each piece, a Taylor
/// model of g: the degree-(K−1) Taylor polynomial p(x) = Σ_{i<K} g_i xⁱ at m (the series engine
/// over intervals at the point m), and the Lagrange remainder g_K(ξ) x^K, |x| ≤ r, with g_K
/// enclosed by the same series evaluated over the whole piece (at low precision: it is only a
/// bound). The oscillating factor is integrated exactly against p:
///
///     ∫_{−r}^{r} p(x) e^{ijx} dx = Σ_{n<N} (ij)ⁿ/n! · A_n  ± ∫|p| · (jr)^N/N! / (1 − jr/(N+1)),
///     A_n = ∫_{−r}^{r} xⁿ p(x) dx = Σ_{i+n even} g_i · 2r^{i+n+1}/(i+n+1),
///
/// then rotated by e^{ijm}; the remainder adds ±|g_K| 2r^{K+1}/(K+1) to every moment
/// (|cos|, |sin| ≤ 1). One Taylor model per piece serves every j, and the cost per j is O(N).
/// Pieces whose remainder misses its share of the tolerance (proportional to the width) are
/// bisected; a piece that still misses after `maxLevel` bisections makes the whole call throw
/// `PrismError.notCertified`.
///
/// Error contract: enclosure.
public enum FourierMoments {
    /// cos[c][j] ∋ F_j and sin[c][j] ∋ G_j of component c.
    public struct Moments: Sendable {
        public var cos: [[Interval]]
        public var sin: [[Interval]]
    }

    public static let maxLevel = 10

    /// - Parameters:
    ///   - components: how many functions the evaluators return.
    ///   - J: the highest frequency.
    ///   - bits: aim at absolute accuracy 2^{−bits} in every moment.
    ///   - wp: working precision of the Taylor polynomials and moments.
    ///   - K: Taylor order (polynomial degree K − 1, remainder of order K).
    ///   - pieces: the initial uniform cut of [0, π].
    ///   - span: integrate over [0, span·π] instead (span = 1/2 for kernels symmetric about π/2).
    ///   - atPoint: the functions' Taylor series in x at θ = m + x (input: the series m + x, order K − 1).
    ///   - overPiece: the same over a whole piece, at any precision (input: Θ + x, order K).
    ///   - values: enclosures of the functions over a whole piece [θ₀, θ₁] (no derivatives), for kernels with
    ///     an endpoint singularity (a √θ cusp): a piece touching 0 or span·π whose Taylor model fails is bisected
    ///     toward the endpoint, and once its width × sup|g| is below a quarter of the tolerance it is bounded by that
    ///     (|cos jθ|, |sin jθ| ≤ 1) instead of integrated.
    public static func integrate(components: Int, maxFrequency J: Int, accuracyBits bits: Int, precision wp: Int, order K: Int,
                          pieces: Int, span: Rational = 1,
                          atPoint: (PowerSeries<Interval>) throws -> [PowerSeries<Interval>],
                          overPiece: (PowerSeries<Interval>) throws -> [PowerSeries<Interval>],
                          values: ((Interval) throws -> [Interval])? = nil) throws -> Moments {
        let zero = Interval(0, precision: wp)
        var result = Moments(cos: Array(repeating: Array(repeating: zero, count: J + 1), count: components),
                             sin: Array(repeating: Array(repeating: zero, count: J + 1), count: components))
        let low = 64
        let pi = Interval.constant(.pi, precision: wp), piLow = Interval.constant(.pi, precision: low)
        let tolerance = BigFloat(1, precision: low).scaled(byPowerOfTwo: -bits)
        // 1/n! for the exponential series, extended on demand.
        var inverseFactorials = [Interval(1, precision: wp)]
        func inverseFactorial(_ n: Int) throws -> Interval {
            while inverseFactorials.count <= n { // 1/m! = (1/(m−1)!)/m
                let m = inverseFactorials.count
                inverseFactorials.append(try inverseFactorials[m - 1].dividing(by: Interval(m, precision: wp)))
            }
            return inverseFactorials[n]
        }
        let jSquared = (0...J).map { Interval($0 * $0, precision: wp) }
        let jInterval = (0...J).map { Interval($0, precision: wp) }

        let domain = span
        try Bisection.run(Segment.uniform(from: 0, to: span, count: pieces)) { piece -> Bisection.Step<Segment> in
            let (lo, hi) = (piece.lower, piece.upper)
            let share = piece.share(of: tolerance, over: 1, precision: low)
            // Remainder: |g_K| over the piece times ∫|x|^K = 2r^{K+1}/(K+1).
            let rLow = piLow * Interval(piece.radius, precision: low)
            let remainderFactor = try (rLow.power(K + 1) * Interval(Rational(2) / Rational(K + 1), precision: low)).upper
            var remainders: [BigFloat]? = nil
            if let theta = try? piece.enclosure(scaledBy: piLow), let whole = try? overPiece(.affine(theta, slope: Interval(1, precision: low), order: K)) {
                let bounds = whole.map { $0[K].magnitude.multiplied(by: remainderFactor, precision: low, rounding: .up) }
                if bounds.allSatisfy({ $0 < share }) { remainders = bounds }
            }
            let touchesEnd = lo.isZero || hi == domain
            if remainders == nil, touchesEnd, let values {
                // Width × sup|g| from the values over the piece, against a quarter of the tolerance (per end).
                let theta = try piece.enclosure(scaledBy: piLow)
                let width = (piLow * Interval(piece.width, precision: low)).upper
                if let enclosures = try? values(theta) {
                    let bounds = enclosures.map { $0.magnitude.multiplied(by: width, precision: low, rounding: .up) }
                    if bounds.allSatisfy({ $0 < tolerance.scaled(byPowerOfTwo: -2) }) {
                        for c in 0..<components {
                            let e = try Interval(lower: bounds[c].negated(), upper: bounds[c])
                            for j in 0...J {
                                result.cos[c][j] = result.cos[c][j] + e
                                result.sin[c][j] = result.sin[c][j] + e
                            }
                        }
                        return .accept
                    }
                }
                guard piece.width > (try Rational(1) / Rational(BigInt(2).power(bits + 64))) else {
                    throw PrismError.notCertified("θ-quadrature: the integrand near the endpoint \(lo.isZero ? "0" : "π") cannot be bounded")
                }
                return .split(piece.halves(towardSingularityAt: lo.isZero ? lo : hi))
            }
            guard let remainders else {
                return .split(try piece.bisected(maxLevel: maxLevel) {
                    "θ-quadrature: the Taylor remainder on [\(lo)π, \(hi)π] stays above its share after \(maxLevel) bisections"
                })
            }
            let m = pi * Interval(piece.midpoint, precision: wp), r = pi * Interval(piece.radius, precision: wp)
            let taylor = try atPoint(.affine(m, slope: Interval(1, precision: wp), order: K - 1))
            // Truncation order N of the exponential series: (Jr)^N/N! ∫|p| below the share.
            let x = (rLow * Interval(J, precision: low)).upper.double(rounding: .up)
            var N = Swift.max(2, Int(x) + 2), term = 1.0, scale = 0 // term·2^scale = x^N/N! (running)
            for n in 1...N { term *= x / Double(n); if term < 0x1p-500 { term *= 0x1p500; scale -= 500 } }
            // r^s for s = 0…K + N + 1 (extended below if N grows).
            var rPowers = [Interval(1, precision: wp)]
            func rPower(_ s: Int) -> Interval {
                while rPowers.count <= s { rPowers.append(rPowers[rPowers.count - 1] * r) }
                return rPowers[s]
            }
            // e^{ijm} for every j.
            let rotations = try (0...J).map { j -> (Interval, Interval) in
                let angle = jInterval[j] * m
                return (try angle.applying(.cos), try angle.applying(.sin))
            }
            for c in 0..<components {
                let g = taylor[c].coefficients
                // ∫|p| ≤ Σ |g_i| 2r^{i+1}/(i+1)
                var absIntegral = BigFloat(0, precision: low)
                for i in 0..<K {
                    let w = try Interval(2, precision: low).dividing(by: Interval(i + 1, precision: low)) * rLow.power(i + 1)
                    absIntegral = absIntegral.adding(g[i].magnitude.multiplied(by: w.upper, precision: low, rounding: .up), precision: low, rounding: .up)
                }
                let absExponent = absIntegral.isZero ? -(bits + 8) : absIntegral.exponent
                // (x = 0 when J = 0: the exponential series is its constant term, and the tail is 0.)
                while !term.isZero && scale + term.exponent + absExponent > -(bits + 8) && N < 4000 {
                    N += 1
                    term *= x / Double(N)
                    if term < 0x1p-500 { term *= 0x1p500; scale -= 500 }
                }
                // Rigorous tail: ∫|p| (Jr)^N/N! / (1 − Jr/(N+1)).
                let xI = rLow * Interval(J, precision: low)
                var tail = Interval(absIntegral)
                for n in 1...N { tail = try tail * xI.dividing(by: Interval(n, precision: low)) }
                tail = try tail.dividing(by: Interval(1, precision: low) - xI.dividing(by: Interval(N + 1, precision: low)))
                let error = remainders[c].adding(tail.upper, precision: low, rounding: .up)
                let errorInterval = try Interval(lower: error.negated(), upper: error)
                // A_n, n < N.
                var A: [Interval] = []
                A.reserveCapacity(N)
                for n in 0..<N {
                    var sum = zero
                    var i = n % 2
                    while i < K {
                        let s = i + n
                        sum = sum + g[i] * (try rPower(s + 1).dividing(by: Interval(s + 1, precision: wp)))
                        i += 2
                    }
                    A.append(sum + sum)
                }
                // C_j = Σ_q (−1)^q A_{2q}/(2q)! (j²)^q,  S_j = j Σ_q (−1)^q A_{2q+1}/(2q+1)! (j²)^q.
                var even: [Interval] = [], odd: [Interval] = []
                for n in 0..<N {
                    var v = A[n] * (try inverseFactorial(n))
                    if (n / 2) % 2 == 1 { v = -v }
                    if n % 2 == 0 { even.append(v) } else { odd.append(v) }
                }
                for j in 0...J {
                    var C = zero, S = zero
                    for q in stride(from: even.count - 1, through: 0, by: -1) { C = C * jSquared[j] + even[q] }
                    for q in stride(from: odd.count - 1, through: 0, by: -1) { S = S * jSquared[j] + odd[q] }
                    S = S * jInterval[j]
                    let (cm, sm) = rotations[j]
                    result.cos[c][j] = result.cos[c][j] + (cm * C - sm * S) + errorInterval
                    result.sin[c][j] = result.sin[c][j] + (sm * C + cm * S) + errorInterval
                }
            }
            return .accept
        }
        return result
    }
}
