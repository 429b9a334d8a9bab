import PrismNumbers
import PrismAlgebra

/// Certified Gaussian–Hermite moments Iₙ = E[σ(s z) He_n(z)] = ∫ σ(sz) He_n(z) φ(z) dz,
/// n = 0…N, all in one pass (Docs/design.md "Certified Hermite coefficients").
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
    /// Enclosures of the scale s at any precision: an exact s, or one known only through enclosures
    /// (the preactivation standard deviation √q_ℓ of a deep layer with general variances, CONVENTIONS §9).
    public let scale: @Sendable (Int) throws -> Interval
    public let degree: Int

    public init(activation: Activation, scale: ExactReal, degree N: Int) throws {
        try self.init(activation: activation, scaleEnclosure: { try scale.enclosure(precision: $0) }, degree: N)
    }

    public init(activation: Activation, scaleEnclosure: @escaping @Sendable (Int) throws -> Interval, degree N: Int) throws {
        negativeBranch = try activation.branch(positive: false)
        positiveBranch = try activation.branch(positive: true)
        growth = try activation.growth()
        scale = scaleEnclosure
        degree = N
    }

    /// The largest Taylor order K of a piece.
    static let maxTaylorOrder = 80

    /// Cramér's constant, an upper bound for k = 1.086435…
    static let cramer = try! Rational(109, 100)

    /// The moments I₀…I_N, each an enclosure, aiming at absolute accuracy 2^{−p}·√(n!).
    public func moments(precision p: Int) throws -> [Interval] {
        let N = degree
        // The working precision does not depend on N: Heₙ at the ends is exact (`hermiteValues`), and every
        // term is at most ~√(K!)ρ^{−K}·√(n!) against the tolerance 2^{−p}√(n!). So the moments of degree
        // ≤ N are the same numbers whatever N is asked for (`HermiteEnclosureCache` serves prefixes).
        let wp = p + 64 + 2 * Swift.min(80, Swift.max(16, p / 5))
        let K = Swift.min(HermiteIntegrator.maxTaylorOrder, Swift.max(16, p / 3))
        let s = try scale(wp)
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
            var endpointValues: [Rational: [Interval]] = [:] // Heⱼ at recent ends (depth-first: neighbours share them)
            func hermiteAt(_ z: Rational) throws -> [Interval] {
                if let hit = endpointValues[z] { return hit }
                if endpointValues.count > 64 { endpointValues.removeAll() }
                let values = try HermiteIntegrator.hermiteValues(at: z, count: N, precision: wp)
                endpointValues[z] = values
                return values
            }
            while let (a, b) = stack.popLast() {
                // The remainder bound first: a piece that must be bisected costs one Taylor model, not N moments.
                let error = try remainderBound(branch, a: a, b: b, s: s, K: K, precision: wp, constants: constants)
                let width = b - a
                let allowed = budget.multiplied(by: BigFloat(width / T, precision: wp, rounding: .down), precision: wp, rounding: .down)
                if error < allowed || width < minimumWidth {
                    if !(error < allowed) {
                        throw PrismError.notCertified("Hermite integral: pieces below 2^-20 still too inaccurate (singularity near the real axis?)")
                    }
                    let polynomial = try taylorPolynomial(branch, a: a, b: b, s: s, K: K, precision: wp)
                    let values = try pieceMoments(polynomial, a: a, b: b, heA: hermiteAt(a), heB: hermiteAt(b),
                                                  precision: wp, constants: constants)
                    for n in 0...N { sums[n] = sums[n] + values[n] }
                    errors = errors.adding(error, precision: wp, rounding: .up)
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
        /// Enclosures of i! and C(k, i) for i ≤ k ≤ `maxTaylorOrder`.
        let factorials: [Interval]
        let binomials: [[Interval]]

        static func enclosure(_ n: BigInt, precision wp: Int) -> Interval {
            try! Interval(lower: BigFloat(n, precision: wp, rounding: .down), upper: BigFloat(n, precision: wp, rounding: .up))
        }

        init(precision wp: Int, degree N: Int) {
            var factorial = BigInt(1)
            factorials = (0...HermiteIntegrator.maxTaylorOrder).map { i in
                if i > 0 { factorial = factorial.multiplied(by: i) }
                return Constants.enclosure(factorial, precision: wp)
            }
            var row = [BigInt(1)]
            var rows = [[Interval(1, precision: wp)]]
            for _ in 0..<HermiteIntegrator.maxTaylorOrder {
                row = (0...row.count).map { i in (i < row.count ? row[i] : BigInt(0)) + (i > 0 ? row[i - 1] : BigInt(0)) }
                rows.append(row.map { Constants.enclosure($0, precision: wp) })
            }
            binomials = rows
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

    /// The bound on the Taylor remainder's contribution to every moment over [a, b] (not straddling 0),
    /// in units of √(n!): |F_K(X)| r^K (b−a) k/√(2π) e^{−min z²/4}, where F_K(X) = [a, b]-enclosure of
    /// F^{(K)}(ξ)/K! for F(z) = σ(sz).
    func remainderBound(_ branch: RealExpression, a: Rational, b: Rational, s: Interval, K: Int, precision wp: Int,
                        constants: Constants) throws -> BigFloat {
        let r = (b - a) / 2
        var overPiece = [Interval](repeating: Interval(0, precision: wp), count: K + 1)
        overPiece[0] = s * (try Interval(lower: Interval(a, precision: wp).lower, upper: Interval(b, precision: wp).upper))
        overPiece[1] = s
        let remainderCoefficient = try branch.powerSeries(at: PowerSeries(overPiece))[K]
        let minAbs = a.signum >= 0 ? a : -b
        let gaussianEnvelope = try Interval(-(minAbs * minAbs) / 4, precision: wp).applying(.exp).upper
        return remainderCoefficient.magnitude
            .multiplied(by: try Interval(r, precision: wp).power(K).upper, precision: wp, rounding: .up)
            .multiplied(by: BigFloat(b - a, precision: wp, rounding: .up), precision: wp, rounding: .up)
            .multiplied(by: constants.cramerOverRoot2Pi, precision: wp, rounding: .up)
            .multiplied(by: gaussianEnvelope, precision: wp, rounding: .up)
    }

    /// The Taylor polynomial c_0…c_{K−1} of F(z) = σ(sz) at the midpoint of [a, b]: F(m + t) = Σ c_k t^k + R.
    func taylorPolynomial(_ branch: RealExpression, a: Rational, b: Rational, s: Interval, K: Int, precision wp: Int) throws -> [Interval] {
        var atCenter = [Interval](repeating: Interval(0, precision: wp), count: K)
        atCenter[0] = s * Interval((a + b) / 2, precision: wp)
        if K > 1 { atCenter[1] = s }
        return try branch.powerSeries(at: PowerSeries(atCenter)).coefficients
    }

    /// The moments ∫ₐᵇ p(z − m) Heₙ(z) φ(z) dz, n = 0…N, of the Taylor polynomial p on [a, b],
    /// with He₀…He_{N−1} at both ends given.
    func pieceMoments(_ p: [Interval], a: Rational, b: Rational, heA: [Interval], heB: [Interval], precision wp: Int,
                      constants: Constants) throws -> [Interval] {
        let N = degree, K = p.count
        let rI = Interval((b - a) / 2, precision: wp)
        let aI = Interval(a, precision: wp), bI = Interval(b, precision: wp)
        let zero = Interval(0, precision: wp)
        // φ at the ends; p^{(i)}(±r) = i!·Σ_k C(k,i) c_k (±r)^{k−i}, by a Taylor shift (synthetic division).
        let phiA = try (aI * aI * Interval(try Rational(-1, 2), precision: wp)).applying(.exp) * constants.invRoot2Pi
        let phiB = try (bI * bI * Interval(try Rational(-1, 2), precision: wp)).applying(.exp) * constants.invRoot2Pi
        func derivatives(at x: Interval, _ phi: Interval) -> [Interval] {
            var c = p
            for i in 0..<K { for k in stride(from: K - 2, through: i, by: -1) { c[k] = c[k] + x * c[k + 1] } }
            return (0..<K).map { c[$0] * constants.factorials[$0] * phi }
        }
        let derivativeA = derivatives(at: -rI, phiA), derivativeB = derivatives(at: rI, phiB)
        let H = try HermiteIntegrator.gaussianMoments(a: a, b: b, count: K, precision: wp).map { $0.rounded(toPrecision: wp) }
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
                // ∫ p^{(n)}(t) φ(m+t) dt, p^{(n)} = n!·Σ_j C(j+n, n) c_{j+n} t^j
                var integral = zero
                for j in 0..<(K - n) { integral = integral + constants.binomials[j + n][n] * p[j + n] * H[j] }
                v = v + constants.factorials[n] * integral
            }
            values.append(v)
        }
        return values
    }

    /// The moments Hⱼ = ∫_{−r}^{r} tʲ φ(m+t) dt, j < count, of the standard normal density on [a, b] = m ± r,
    /// from H₀ = (erfc(a/√2) − erfc(b/√2))/2 and Hⱼ₊₁ = −[tʲφ(m+t)]_{−r}^{r} − m Hⱼ + j Hⱼ₋₁ (integration by
    /// parts). The recurrence amplifies rounding errors like the solutions of yⱼ₊₁ = −m yⱼ + j yⱼ₋₁ against
    /// Hⱼ ~ rʲ⁺¹, so it runs with that many extra bits (count numbers: cheap) and the caller rounds.
    static func gaussianMoments(a: Rational, b: Rational, count K: Int, precision wp: Int) throws -> [Interval] {
        let m = (a + b) / 2, r = (b - a) / 2
        let mBound = BigFloat(m.magnitude, precision: 53, rounding: .up).double(), rInverse = 1 / BigFloat(r, precision: 53, rounding: .down).double()
        var lostBits = 32.0
        for j in 0..<K { lostBits += log2Estimate(mBound + Double(j) + 1) + log2Estimate(rInverse) }
        let hp = wp + Int(lostBits)
        let aI = Interval(a, precision: hp), bI = Interval(b, precision: hp)
        let mI = Interval(m, precision: hp), rI = Interval(r, precision: hp)
        let invRoot2Pi = try Interval(1, precision: hp).dividing(by: (Interval(2, precision: hp) * Interval.constant(.pi, precision: hp)).applying(.sqrt))
        let invRoot2 = try Interval(1, precision: hp).dividing(by: Interval(2, precision: hp).applying(.sqrt))
        let minusHalf = Interval(try Rational(-1, 2), precision: hp), half = Interval(try Rational(1, 2), precision: hp)
        let phiA = try (aI * aI * minusHalf).applying(.exp) * invRoot2Pi
        let phiB = try (bI * bI * minusHalf).applying(.exp) * invRoot2Pi
        let mass: Interval = a.signum >= 0
            ? try ((aI * invRoot2).applying(.erfc) - (bI * invRoot2).applying(.erfc)) * half
            : try ((-bI * invRoot2).applying(.erfc) - (-aI * invRoot2).applying(.erfc)) * half
        var H = [mass]
        var tPowerB = Interval(1, precision: hp), tPowerA = Interval(1, precision: hp) // r^j, (−r)^j
        for j in 0..<(K - 1) {
            let boundary = tPowerB * phiB - tPowerA * phiA
            var next = -boundary - mI * H[j]
            if j >= 1 { next = next + Interval(j, precision: hp) * H[j - 1] }
            H.append(next)
            tPowerB = tPowerB * rI
            tPowerA = tPowerA * (-rI)
        }
        return H
    }

    /// He₀(z)…He_{count−1}(z) at a dyadic z = u/2^k, exact and then rounded outward: with
    /// Eⱼ = 2^{kj} Heⱼ(z) the recurrence Heⱼ₊₁ = z Heⱼ − j Heⱼ₋₁ (DLMF 18.9.1) becomes the integer one
    /// Eⱼ₊₁ = u Eⱼ − j 4^k Eⱼ₋₁. (An interval recurrence would widen like e^{|z|√j}.)
    static func hermiteValues(at z: Rational, count: Int, precision wp: Int) throws -> [Interval] {
        guard count > 0 else { return [] }
        let denominator = z.denominator
        let k = denominator.bitWidth - 1
        guard denominator == BigInt(1).shiftedLeft(k) else { throw PrismError.domain("piece end \(z) is not dyadic") }
        let u = z.numerator
        let fourK = BigInt(1).shiftedLeft(2 * k)
        var values = [Interval(1, precision: wp)]
        var previous = BigInt(1), current = u
        for j in 1..<count {
            values.append(try Interval(lower: BigFloat(current, precision: wp, rounding: .down).scaled(byPowerOfTwo: -k * j),
                                       upper: BigFloat(current, precision: wp, rounding: .up).scaled(byPowerOfTwo: -k * j)))
            (previous, current) = (current, u * current - fourK.multiplied(by: j) * previous)
        }
        return values
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
@inline(__always) func log2Estimate(_ x: Double) -> Double { estimateLog(x) / 0.6931471805599453 }
