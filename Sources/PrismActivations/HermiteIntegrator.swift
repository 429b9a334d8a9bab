import PrismNumbers
import PrismAlgebra

/// Certified Gaussian–Hermite moments Iₙ = E[σ(s z) He_n(z)] = ∫ σ(sz) He_n(z) φ(z) dz,
/// n = 0…N, all in one pass (DESIGN.md "Certified Hermite coefficients").
///
/// Algorithm. [−T, T] is cut at 0 (where the ReLU family and ELU have their kink) and
/// bisected adaptively. On a piece [a, b] = m ± r, F(z) = σ(sz) is a Taylor model
/// F(m+t) = p(t) + R with p of degree K−1 (the series engine over intervals at the point m)
/// and |R| ≤ |F_K(X)| r^K (the same engine at the interval point X = [a, b] encloses
/// F^{(K)}(ξ)/K!). Since He_n φ = −(He_{n−1} φ)', repeated integration by parts gives
///
///     ∫ₐᵇ p He_n φ = −Σ_{i=0}^{min(K−1, n−1)} [p^{(i)} He_{n−1−i} φ]ₐᵇ + [n < K] ∫ₐᵇ p^{(n)} φ,
///
/// O(K) per n, with the last integral from the moments ∫ t^j φ(m+t) dt
/// (H_{j+1} = −[t^j φ(m+t)] + j H_{j−1} − m H_j). The remainder contributes at most
/// |R|·(b−a)·k√(n!)·max e^{−z²/4}/√(2π) by Cramér's inequality |He_n(z)| ≤ k √(n!) e^{z²/4},
/// k < 1.09 (DLMF 18.14.9), and the tails |z| > T at most
/// 2k√(n!)/√(2π)·∫_T^∞ |σ(sz)| e^{−z²/4} dz with σ's proven growth bound.
///
/// Error contract: enclosure. The tolerance is 2^{−p}·√(n!) per moment (absolute 2^{−p}
/// on bₙ = Iₙ/√(n!)); widths also carry the interval rounding at the working precision.
public struct HermiteIntegrator: Sendable {
    public let negativeBranch: RealExpression
    public let positiveBranch: RealExpression
    public let growth: Growth
    public let scale: ExactReal
    public let degree: Int

    public init(activation: Activation, scale: ExactReal, degree N: Int) throws {
        negativeBranch = try activation.branch(positive: false)
        positiveBranch = try activation.branch(positive: true)
        growth = try activation.growth()
        self.scale = scale
        degree = N
    }

    /// Cramér's constant, an upper bound for k = 1.086435…
    static let cramer = try! Rational(109, 100)

    /// The moments I₀…I_N, each an enclosure, aiming at absolute accuracy 2^{−p}·√(n!).
    public func moments(precision p: Int) throws -> [Interval] {
        let N = degree
        let logFactorial = (1...Swift.max(N, 1)).reduce(0.0) { $0 + estimateLog2(Double($1)) }
        let wp = p + 64 + Int(logFactorial / 2) + 2 * Swift.min(80, Swift.max(16, p / 5))
        let K = Swift.min(80, Swift.max(16, p / 3))
        let s = try scale.enclosure(precision: wp)
        guard s.lower.signum > 0 else { throw PrismError.domain("scale must be > 0") }
        let tail = try tailBound(s: s, precision: wp, target: p)
        let T = tail.cutoff
        // Budget per unit length of z, in units of √(n!): 2^{−p}/(8T).
        let budget = BigFloat(1, precision: wp).scaled(byPowerOfTwo: -p - 3)
        var sums = [Interval](repeating: Interval(0, precision: wp), count: N + 1)
        var errors = BigFloat(0, precision: wp) // accumulated remainder bound, units of √(n!)
        let constants = Constants(precision: wp, degree: N)
        let minimumWidth = try Rational(1, 1 << 20)
        for positive in [false, true] {
            let branch = positive ? positiveBranch : negativeBranch
            // Initial pieces of width 1/2 (dyadic endpoints, exact in binary).
            var stack: [(Rational, Rational)] = []
            let halfSteps = Int((Double(T) * 2).rounded(.up))
            for i in 0..<halfSteps {
                let a = try Rational(i, 2), b = try Rational(i + 1, 2)
                stack.append(positive ? (a, b) : (-b, -a))
            }
            while let (a, b) = stack.popLast() {
                let piece = try integratePiece(branch, a: a, b: b, s: s, K: K, precision: wp, constants: constants)
                let width = b - a
                let allowed = budget.multiplied(by: BigFloat(width / T, precision: wp, rounding: .down), precision: wp, rounding: .down)
                if piece.error < allowed || width < minimumWidth {
                    if !(piece.error < allowed) {
                        throw PrismError.notCertified("Hermite integral: pieces below 2^-20 still too inaccurate (singularity near the real axis?)")
                    }
                    for n in 0...N { sums[n] = sums[n] + piece.values[n] }
                    errors = errors.adding(piece.error, precision: wp, rounding: .up)
                } else {
                    let mid = (a + b) / 2
                    stack.append((a, mid))
                    stack.append((mid, b))
                }
            }
        }
        // Add ±(remainders + tail)·√(n!).
        let total = errors.adding(tail.bound, precision: wp, rounding: .up)
        return try (0...N).map { n in
            let radius = total.multiplied(by: constants.rootFactorialUpper[n], precision: wp, rounding: .up)
            return try Interval(lower: sums[n].lower.subtracting(radius, precision: wp, rounding: .down),
                                upper: sums[n].upper.adding(radius, precision: wp, rounding: .up))
        }
    }

    /// Per-precision constants shared by all pieces.
    struct Constants {
        let invRoot2Pi: Interval
        let invRoot2: Interval
        /// Upper bounds of √(n!).
        let rootFactorialUpper: [BigFloat]
        let cramerOverRoot2Pi: BigFloat

        init(precision wp: Int, degree N: Int) {
            let twoPi = Interval(2, precision: wp) * Interval.constant(.pi, precision: wp)
            invRoot2Pi = try! Interval(1, precision: wp).dividing(by: twoPi.applying(.sqrt))
            invRoot2 = try! Interval(1, precision: wp).dividing(by: Interval(2, precision: wp).applying(.sqrt))
            var f = BigInt(1)
            var roots: [BigFloat] = []
            for n in 0...N {
                if n > 0 { f = f.multiplied(by: n) }
                roots.append(BigFloat(f, precision: wp, rounding: .up).applying(.sqrt, precision: wp, rounding: .up))
            }
            rootFactorialUpper = roots
            cramerOverRoot2Pi = (Interval(HermiteIntegrator.cramer, precision: wp) * invRoot2Pi).upper
        }
    }

    struct PieceResult {
        var values: [Interval]
        /// Remainder bound in units of √(n!).
        var error: BigFloat
    }

    /// The moments over one piece [a, b] (not straddling 0) and the remainder bound.
    func integratePiece(_ branch: RealExpression, a: Rational, b: Rational, s: Interval, K: Int, precision wp: Int,
                        constants: Constants) throws -> PieceResult {
        let N = degree
        let m = (a + b) / 2, r = (b - a) / 2
        let mI = Interval(m, precision: wp), rI = Interval(r, precision: wp)
        let aI = Interval(a, precision: wp), bI = Interval(b, precision: wp)
        // Taylor model of F(z) = σ(s z) around m (order K−1) and its K-th coefficient over [a, b].
        let zero = Interval(0, precision: wp)
        var atCenter = [Interval](repeating: zero, count: K)
        atCenter[0] = s * mI
        if K > 1 { atCenter[1] = s }
        let p = try branch.powerSeries(at: PowerSeries(atCenter)).coefficients
        var overPiece = [Interval](repeating: zero, count: K + 1)
        overPiece[0] = s * (try Interval(lower: aI.lower, upper: bI.upper))
        overPiece[1] = s
        let remainderCoefficient = try branch.powerSeries(at: PowerSeries(overPiece))[K]
        // Remainder bound (units of √(n!)): |F_K(X)| r^K (b−a) k/√(2π) e^{−min z²/4}.
        let minAbs = a.signum >= 0 ? a : -b
        let gaussianEnvelope = try Interval(-(minAbs * minAbs) / 4, precision: wp).applying(.exp).upper
        let error = remainderCoefficient.magnitude
            .multiplied(by: try rI.power(K).upper, precision: wp, rounding: .up)
            .multiplied(by: BigFloat(b - a, precision: wp, rounding: .up), precision: wp, rounding: .up)
            .multiplied(by: constants.cramerOverRoot2Pi, precision: wp, rounding: .up)
            .multiplied(by: gaussianEnvelope, precision: wp, rounding: .up)
        // φ at the ends; p^{(i)} at the ends: Σ_k c_k k!/(k−i)! (±r)^{k−i}.
        let phiA = try (aI * aI * Interval(try Rational(-1, 2), precision: wp)).applying(.exp) * constants.invRoot2Pi
        let phiB = try (bI * bI * Interval(try Rational(-1, 2), precision: wp)).applying(.exp) * constants.invRoot2Pi
        var rPowers = [Interval(1, precision: wp)]
        for _ in 1..<K { rPowers.append(rPowers.last! * rI) }
        var derivativeA: [Interval] = [], derivativeB: [Interval] = []
        for i in 0..<K {
            var atB = zero, atA = zero
            var falling = Rational(try BigInt.factorial(i)) // k!/(k−i)! at k = i
            for k in i..<K {
                if k > i { falling = falling * Rational(k) / Rational(k - i) }
                let term = p[k] * Interval(falling, precision: wp) * rPowers[k - i]
                atB = atB + term
                atA = (k - i) % 2 == 0 ? atA + term : atA - term
            }
            derivativeB.append(atB * phiB)
            derivativeA.append(atA * phiA)
        }
        // He_j at both ends, j < N.
        func hermiteValues(_ z: Interval) -> [Interval] {
            var h = [Interval(1, precision: wp)]
            if N >= 2 { h.append(z) }
            if N >= 3 { for j in 1..<(N - 1) { h.append(z * h[j] - Interval(j, precision: wp) * h[j - 1]) } }
            return h
        }
        let heA = hermiteValues(aI), heB = hermiteValues(bI)
        // Moments H_j = ∫_{−r}^{r} t^j φ(m+t) dt, j < K.
        var H: [Interval] = []
        let gaussianMass: Interval = a.signum >= 0
            ? try ((aI * constants.invRoot2).applying(.erfc) - (bI * constants.invRoot2).applying(.erfc)) * Interval(try Rational(1, 2), precision: wp)
            : try ((-bI * constants.invRoot2).applying(.erfc) - (-aI * constants.invRoot2).applying(.erfc)) * Interval(try Rational(1, 2), precision: wp)
        H.append(gaussianMass)
        var tPowerB = Interval(1, precision: wp), tPowerA = Interval(1, precision: wp) // r^j, (−r)^j
        for j in 0..<(K - 1) {
            let boundary = tPowerB * phiB - tPowerA * phiA
            var next = -boundary - mI * H[j]
            if j >= 1 { next = next + Interval(j, precision: wp) * H[j - 1] }
            H.append(next)
            tPowerB = tPowerB * rI
            tPowerA = tPowerA * (-rI)
        }
        // Assemble every n.
        var values: [Interval] = []
        values.reserveCapacity(N + 1)
        for n in 0...N {
            var v = zero
            if n >= 1 {
                for i in 0...Swift.min(K - 1, n - 1) {
                    v = v - (derivativeB[i] * heB[n - 1 - i] - derivativeA[i] * heA[n - 1 - i])
                }
            }
            if n < K {
                // ∫ p^{(n)}(t) φ(m+t) dt, p^{(n)} = Σ_j c_{j+n} (j+n)!/j! t^j
                var falling = Rational(1)
                for i in 1...Swift.max(n, 1) where n > 0 { falling = falling * Rational(i) } // n!/0!
                for j in 0..<(K - n) {
                    if j > 0 { falling = falling * Rational(j + n) / Rational(j) }
                    v = v + p[j + n] * Interval(falling, precision: wp) * H[j]
                }
            }
            values.append(v)
        }
        return PieceResult(values: values, error: error)
    }

    /// The cut-off T and the proven tail bound (units of √(n!)):
    /// 2k/√(2π)·∫_T^∞ |σ(sz)| e^{−z²/4} dz ≤ 2k/√(2π)·(A√π erfc(T/2) + 2Bs e^{−T²/4}) for affine growth,
    /// 2k/√(2π)·A e^{B²s²} √π erfc(T/2 − Bs) for exponential growth.
    func tailBound(s: Interval, precision wp: Int, target p: Int) throws -> (cutoff: Rational, bound: BigFloat) {
        let bs = Double(growth.b) * Double(s.upper.double(rounding: .up))
        // Smallest half-integer T with the bound (estimated in doubles) below 2^{−p−4}.
        var T = 2.0
        while true {
            let x = growth.exponential ? T / 2 - bs : T / 2
            if x > 0 {
                let logBound = -x * x - estimateLog(Swift.max(x, 1e-300)) + (growth.exponential ? bs * bs : estimateLog(Swift.max(1, 2 * bs * Swift.max(T, 1))))
                    + estimateLog(Swift.max(Double(growth.a), 1) + 1) + 2
                if logBound < -Double(p + 4) * 0.6931471805599453 { break }
            }
            T += 0.5
            if T > 1e5 { throw PrismError.limitExceeded("Gaussian tail cut-off beyond 10^5") }
        }
        let cutoff = Rational(Int(T * 2)) / 2
        let TI = Interval(cutoff, precision: wp)
        let half = Interval(try Rational(1, 2), precision: wp)
        let rootPi = try Interval.constant(.pi, precision: wp).applying(.sqrt)
        let A = Interval(growth.a, precision: wp), B = Interval(growth.b, precision: wp)
        let integral: Interval
        if growth.exponential {
            integral = try A * (B * B * s * s).applying(.exp) * rootPi * (TI * half - B * s).applying(.erfc)
        } else {
            integral = try A * rootPi * (TI * half).applying(.erfc)
                + Interval(2, precision: wp) * B * s * (-(TI * TI) * half * half).applying(.exp)
        }
        let factor = Interval(2, precision: wp) * Interval(HermiteIntegrator.cramer, precision: wp)
            * (try Interval(1, precision: wp).dividing(by: (Interval(2, precision: wp) * Interval.constant(.pi, precision: wp)).applying(.sqrt)))
        return (cutoff, (factor * integral).upper)
    }
}

// Double-precision helpers for estimates only (never in a bound).
@inline(__always) func estimateLog(_ x: Double) -> Double { BigFloat(x).log(precision: 53).double() }
@inline(__always) func estimateLog2(_ x: Double) -> Double { estimateLog(x) / 0.6931471805599453 }
