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
    /// A function's power series at a series argument: σ(x) on one side of 0, one analytic branch.
    public typealias Branch = @Sendable (PowerSeries<Interval>) throws -> PowerSeries<Interval>

    /// σ on z < 0 and on z > 0 (the same function for σ analytic across 0).
    public let negativeBranch: Branch
    public let positiveBranch: Branch
    public let growth: Growth
    /// Enclosures of the scale s at any precision: an exact s, or one known only through enclosures
    /// (the preactivation standard deviation √q_ℓ of a deep layer with general variances, CONVENTIONS §9).
    public let scale: @Sendable (Int) throws -> Interval
    public let degree: Int

    /// The integrator of σ given by its two analytic branches and a proven growth bound (`Activation`'s
    /// initializer in PrismActivations supplies them).
    public init(negativeBranch: @escaping Branch, positiveBranch: @escaping Branch, growth: Growth,
                scaleEnclosure: @escaping @Sendable (Int) throws -> Interval, degree N: Int) {
        self.negativeBranch = negativeBranch
        self.positiveBranch = positiveBranch
        self.growth = growth
        scale = scaleEnclosure
        degree = N
    }

    /// The deepest bisection of an initial piece of width 1/2 (pieces down to width 2^{−21}).
    static let maxLevel = 20

    /// The largest Taylor order K of a piece.
    static let maxTaylorOrder = 80

    /// Cramér's constant, an upper bound for k = 1.086435…
    static let cramer = Rational(109) / Rational(100)

    /// The moments I₀…I_N, each an enclosure, aiming at absolute accuracy 2^{−p}·√(n!).
    public func moments(precision p: Int) throws -> [Interval] {
        try pass(precision: p).moments(0...degree)
    }

    /// The part of the computation that does not depend on the degree, at precision p: the pieces, their
    /// Taylor models, interior integrals and remainder bounds, and the boundary terms at every end
    /// (`Pass`). The moments of any degrees then cost only the sums against Heⱼ at the ends
    /// (`Pass.moments(_:)`), so a caller that needs more degrees later (`HermiteEnclosureCache`) extends
    /// its list instead of integrating again.
    public func pass(precision p: Int) throws -> Pass {
        // The working precision does not depend on N: Heₙ at the ends is exact (`hermiteValues`), and every
        // term is at most ~√(K!)ρ^{−K}·√(n!) against the tolerance 2^{−p}√(n!). So the moments of degree
        // ≤ N are the same numbers whatever N is asked for.
        let wp = p + 64 + 2 * Swift.min(80, Swift.max(16, p / 5))
        let K = Swift.min(HermiteIntegrator.maxTaylorOrder, Swift.max(16, p / 3))
        let s = try scale(wp)
        guard s.lower.signum > 0 else { throw PrismError.domain("scale must be > 0") }
        let tail = try tailBound(s: s, precision: wp, target: p)
        let T = tail.cutoff
        // Budget per unit length of z, in units of √(n!): 2^{−p}/(8T).
        let budget = BigFloat(1, precision: wp).scaled(byPowerOfTwo: -p - 3)
        var interior = [Interval](repeating: Interval(0, precision: wp), count: K)
        var ends: [Pass.End] = []
        var errors = BigFloat(0, precision: wp) // accumulated remainder bound, units of √(n!)
        let constants = try Constants(precision: wp)
        for positive in [false, true] {
            let branch = positive ? positiveBranch : negativeBranch
            // Initial pieces of width 1/2 (dyadic endpoints, exact in binary), visited from ±T toward 0; a piece
            // that misses its share is halved (upper half first) down to width 2^{−21}.
            let halfSteps = Int((Double(T) * 2).rounded(.up))
            let initial = (0..<halfSteps).reversed().map { i -> Segment in
                let a = Rational(i) / 2, b = Rational(i + 1) / 2
                return positive ? Segment(a, b) : Segment(-b, -a)
            }
            // The boundary terms −[p^{(i)} φ He_{n−1−i}]ₐᵇ of the two pieces meeting at an end z combine into one
            // sum Σᵢ Dᵢ He_{n−1−i}(z), Dᵢ = (right piece's p^{(i)}φ at z) − (left piece's): each end costs one
            // N·K sum, not two. `pending` holds Dᵢ until both pieces have contributed.
            var pending: [Rational: (terms: [Interval], contributions: Int)] = [:]
            func addBoundary(_ z: Rational, _ terms: [Interval], sign: Int) {
                var entry = pending[z] ?? (terms: [], contributions: 0)
                for (i, t) in terms.enumerated() {
                    let signed = sign > 0 ? t : -t
                    if i < entry.terms.count { entry.terms[i] = entry.terms[i] + signed } else { entry.terms.append(signed) }
                }
                entry.contributions += 1
                if entry.contributions == 2 {
                    pending[z] = nil
                    ends.append(Pass.End(z: z, terms: entry.terms))
                } else {
                    pending[z] = entry
                }
            }
            var tailMasses: [Rational: Interval] = [:] // erfc(|z|/√2) at recent ends, likewise shared
            func tailMass(_ z: Rational, _ precision: Int) throws -> Interval {
                if let hit = tailMasses[z], hit.precision >= precision { return hit.rounded(toPrecision: precision) }
                if tailMasses.count > 64 { tailMasses.removeAll() }
                // A margin, so that the neighbour (whose moment recurrence may need a few more bits) reuses it.
                let value = try HermiteIntegrator.tailMass(z, precision: precision + 64)
                tailMasses[z] = value
                return value.rounded(toPrecision: precision)
            }
            var seriesOrder = K // the order of the remainder series: the last piece's k plus a margin
            try Bisection.run(initial) { piece -> Bisection.Step<Segment> in
                let (a, b) = (piece.lower, piece.upper)
                // The remainder bounds first: a piece that must be bisected costs one Taylor model, not N moments.
                // The piece takes the smallest order k ≤ K whose remainder fits its share of the budget (far from
                // 0 the Gaussian envelope and σ's flat tails make that much less than K); the series for the
                // bounds goes to K only when the neighbour's order plus a margin does not suffice.
                let allowed = piece.share(of: budget, over: T, precision: wp)
                // An order whose remainder is 2^16 times smaller than the share is preferred, so that the many
                // pieces far from 0 add next to nothing to the total (which the central pieces, at order K, fill).
                let strict = allowed.scaled(byPowerOfTwo: -16)
                func smallestOrder(_ bounds: [BigFloat]) -> Int? {
                    bounds.indices.dropFirst().first { bounds[$0] < strict } ?? bounds.indices.dropFirst().first { bounds[$0] < allowed }
                }
                var bounds = try remainderBounds(branch, a: a, b: b, s: s, K: seriesOrder, precision: wp, constants: constants)
                var order = smallestOrder(bounds)
                if order == nil, seriesOrder < K {
                    bounds = try remainderBounds(branch, a: a, b: b, s: s, K: K, precision: wp, constants: constants)
                    order = smallestOrder(bounds)
                }
                if let k = order {
                    seriesOrder = Swift.min(K, k + 8)
                    let error = bounds[k]
                    let polynomial = try taylorPolynomial(branch, a: a, b: b, s: s, K: k, precision: wp)
                    let moments = try pieceMoments(polynomial, a: a, b: b, tailMass: tailMass, precision: wp, constants: constants)
                    for (n, v) in moments.interior.enumerated() { interior[n] = interior[n] + v }
                    addBoundary(a, moments.boundaryA, sign: 1)
                    addBoundary(b, moments.boundaryB, sign: -1)
                    errors = errors.adding(error, precision: wp, rounding: .up)
                    return .accept
                }
                return .split(try piece.bisected(maxLevel: HermiteIntegrator.maxLevel, upperFirst: true) {
                    "Hermite integral: pieces below 2^-20 still too inaccurate (singularity near the real axis?)"
                })
            }
            // The ends with one piece on this branch: ±T, and 0 (the other branch has its own sum there).
            for z in pending.keys.sorted(by: <) { ends.append(Pass.End(z: z, terms: pending[z]?.terms ?? [])) }
        }
        return Pass(precision: wp, interior: interior, ends: ends, error: errors.adding(tail.bound, precision: wp, rounding: .up))
    }

    /// One pass over the pieces at a working precision (`pass(precision:)`): with the interior integrals Jₙ
    /// (n < K, summed over the pieces), the combined boundary terms Dᵢ(z) at every piece end z, and the
    /// bound E on the remainders and the tails (units of √(n!)),
    ///
    ///     Iₙ ∈ Jₙ + Σ_z Σ_{i ≤ n−1} Dᵢ(z) He_{n−1−i}(z) ± E·√(n!).
    ///
    /// Error contract: enclosure.
    public struct Pass: Sendable {
        struct End: Sendable {
            let z: Rational
            let terms: [Interval]
        }

        /// The working precision of every enclosure.
        public let precision: Int
        let interior: [Interval]
        let ends: [End]
        let error: BigFloat

        /// Enclosures of Iₙ for n in `degrees` (n ≥ 0), at `precision`. Each Iₙ is computed alone (the same
        /// bits whatever range it is asked in), so lists extended range by range equal one computed at once.
        public func moments(_ degrees: ClosedRange<Int>) throws -> [Interval] {
            guard degrees.lowerBound >= 0 else { throw PrismError.domain("Hermite moment of negative degree") }
            let wp = precision, N = degrees.upperBound, first = degrees.lowerBound
            var sums = degrees.map { n in n < interior.count ? interior[n] : Interval(0, precision: wp) }
            if N >= 1 {
                // Σᵢ Dᵢ He_{n−1−i}(z), n ∈ degrees, n ≥ 1: the convolution D ⋆ He at n − 1.
                let from = Swift.max(first, 1)
                for end in ends {
                    let he = try HermiteIntegrator.hermiteValues(at: end.z, count: N, precision: wp)
                    let boundary = Interval.convolution(end.terms, he, degrees: (from - 1)..<N, precision: wp)
                    for n in from...N { sums[n - first] = sums[n - first] + boundary[n - from] }
                }
            }
            // ± E·√(n!), √(n!) rounded up.
            var factorial = try BigInt.factorial(first)
            return try degrees.map { n in
                if n > first { factorial = factorial.multiplied(by: n) }
                let root = BigFloat(factorial, precision: wp, rounding: .up).applying(.sqrt, precision: wp, rounding: .up)
                let radius = error.multiplied(by: root, precision: wp, rounding: .up)
                let sum = sums[n - first]
                return try Interval(lower: sum.lower.subtracting(radius, precision: wp, rounding: .down),
                                    upper: sum.upper.adding(radius, precision: wp, rounding: .up))
            }
        }
    }

    /// Per-precision constants shared by all pieces.
    struct Constants {
        let invRoot2Pi: Interval
        let cramerOverRoot2Pi: BigFloat
        /// Enclosures of i! and C(k, i) for i ≤ k ≤ `maxTaylorOrder`.
        let factorials: [Interval]
        let binomials: [[Interval]]

        init(precision wp: Int) throws {
            var factorial = BigInt(1)
            factorials = (0...HermiteIntegrator.maxTaylorOrder).map { i in
                if i > 0 { factorial = factorial.multiplied(by: i) }
                return Interval(Rational(factorial), precision: wp)
            }
            var row = [BigInt(1)]
            var rows = [[Interval(1, precision: wp)]]
            for _ in 0..<HermiteIntegrator.maxTaylorOrder {
                row = (0...row.count).map { i in (i < row.count ? row[i] : BigInt(0)) + (i > 0 ? row[i - 1] : BigInt(0)) }
                rows.append(row.map { Interval(Rational($0), precision: wp) })
            }
            binomials = rows
            let twoPi = Interval(2, precision: wp) * Interval.constant(.pi, precision: wp)
            invRoot2Pi = try Interval(1, precision: wp).dividing(by: twoPi.applying(.sqrt))
            cramerOverRoot2Pi = (Interval(HermiteIntegrator.cramer, precision: wp) * invRoot2Pi).upper
        }
    }

    /// The bounds, for k = 0…K, on the contribution to every moment over [a, b] (not straddling 0) of the
    /// remainder of the degree-(k−1) Taylor polynomial, in units of √(n!): |F_k(X)| r^k (b−a) k/√(2π)
    /// e^{−min z²/4}, where F_k(X) = [a, b]-enclosure of F^{(k)}(ξ)/k! for F(z) = σ(sz) (one series at the
    /// interval point X gives every k).
    func remainderBounds(_ branch: Branch, a: Rational, b: Rational, s: Interval, K: Int, precision wp: Int,
                         constants: Constants) throws -> [BigFloat] {
        let r = (b - a) / 2
        let piece = s * (try Interval(lower: Interval(a, precision: wp).lower, upper: Interval(b, precision: wp).upper))
        let coefficients = try branch(.affine(piece, slope: s, order: K)).coefficients
        let minAbs = a.signum >= 0 ? a : -b
        let gaussianEnvelope = try Interval(-(minAbs * minAbs) / 4, precision: wp).applying(.exp).upper
        let factor = BigFloat(b - a, precision: wp, rounding: .up)
            .multiplied(by: constants.cramerOverRoot2Pi, precision: wp, rounding: .up)
            .multiplied(by: gaussianEnvelope, precision: wp, rounding: .up)
        let rUpper = Interval(r, precision: wp).upper
        var rPower = BigFloat(1, precision: wp) // r^k rounded up
        return coefficients.enumerated().map { k, c in
            if k > 0 { rPower = rPower.multiplied(by: rUpper, precision: wp, rounding: .up) }
            return c.magnitude.multiplied(by: rPower, precision: wp, rounding: .up).multiplied(by: factor, precision: wp, rounding: .up)
        }
    }

    /// The Taylor polynomial c_0…c_{K−1} of F(z) = σ(sz) at the midpoint of [a, b]: F(m + t) = Σ c_k t^k + R.
    func taylorPolynomial(_ branch: Branch, a: Rational, b: Rational, s: Interval, K: Int, precision wp: Int) throws -> [Interval] {
        try branch(.affine(s * Interval((a + b) / 2, precision: wp), slope: s, order: K - 1)).coefficients
    }

    /// The moments ∫ₐᵇ p(z − m) Heₙ(z) φ(z) dz, n = 0…N, of the Taylor polynomial p on [a, b], in two parts:
    ///
    ///     ∫ₐᵇ p Heₙ φ = Σ_{i=0}^{min(K−1, n−1)} (p^{(i)}(a)φ(a) He_{n−1−i}(a) − p^{(i)}(b)φ(b) He_{n−1−i}(b))
    ///                   + [n < K] ∫ₐᵇ p^{(n)} φ,
    ///
    /// the interior integrals (n < K) and the boundary terms p^{(i)}φ at a and at b (the caller sums those
    /// against Heⱼ once per end, for both pieces meeting there).
    func pieceMoments(_ p: [Interval], a: Rational, b: Rational, tailMass: (Rational, Int) throws -> Interval, precision wp: Int,
                      constants: Constants) throws -> (interior: [Interval], boundaryA: [Interval], boundaryB: [Interval]) {
        let K = p.count
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
        let H = try HermiteIntegrator.gaussianMoments(a: a, b: b, count: K, precision: wp, tailMass: tailMass).map { $0.rounded(toPrecision: wp) }
        // ∫ p^{(n)}(t) φ(m+t) dt, p^{(n)} = n!·Σ_j C(j+n, n) c_{j+n} t^j, n < K.
        let interior = (0..<K).map { n in
            var integral = zero
            for j in 0..<(K - n) { integral = integral + constants.binomials[j + n][n] * p[j + n] * H[j] }
            return constants.factorials[n] * integral
        }
        return (interior, derivatives(at: -rI, phiA), derivatives(at: rI, phiB))
    }

    /// The moments Hⱼ = ∫_{−r}^{r} tʲ φ(m+t) dt, j < count, of the standard normal density on [a, b] = m ± r,
    /// from H₀ = (erfc(a/√2) − erfc(b/√2))/2 and Hⱼ₊₁ = −[tʲφ(m+t)]_{−r}^{r} − m Hⱼ + j Hⱼ₋₁ (integration by
    /// parts). The recurrence amplifies rounding errors like the solutions of yⱼ₊₁ = −m yⱼ + j yⱼ₋₁ against
    /// Hⱼ ~ rʲ⁺¹, so it runs with that many extra bits (count numbers: cheap) and the caller rounds.
    /// `tailMass(z, p)` encloses erfc(|z|/√2) at precision p (`HermiteIntegrator.tailMass`, or a cache of it).
    static func gaussianMoments(a: Rational, b: Rational, count K: Int, precision wp: Int,
                                tailMass: (Rational, Int) throws -> Interval = HermiteIntegrator.tailMass) throws -> [Interval] {
        let m = (a + b) / 2, r = (b - a) / 2
        let mBound = BigFloat(m.magnitude, precision: 53, rounding: .up).double(), rInverse = 1 / BigFloat(r, precision: 53, rounding: .down).double()
        var lostBits = 32.0
        for j in 0..<K { lostBits += log2Estimate(mBound + Double(j) + 1) + log2Estimate(rInverse) }
        let hp = wp + Int(lostBits)
        let aI = Interval(a, precision: hp), bI = Interval(b, precision: hp)
        let mI = Interval(m, precision: hp), rI = Interval(r, precision: hp)
        let invRoot2Pi = try Interval(1, precision: hp).dividing(by: (Interval(2, precision: hp) * Interval.constant(.pi, precision: hp)).applying(.sqrt))
        let minusHalf = Interval(try Rational(-1, 2), precision: hp), half = Interval(try Rational(1, 2), precision: hp)
        let phiA = try (aI * aI * minusHalf).applying(.exp) * invRoot2Pi
        let phiB = try (bI * bI * minusHalf).applying(.exp) * invRoot2Pi
        let mass: Interval = a.signum >= 0
            ? try (tailMass(a, hp) - tailMass(b, hp)) * half
            : try (tailMass(b, hp) - tailMass(a, hp)) * half
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

    /// An enclosure of erfc(|z|/√2) = 2·P(Z > |z|) at precision p.
    static func tailMass(_ z: Rational, precision p: Int) throws -> Interval {
        let invRoot2 = try Interval(1, precision: p).dividing(by: Interval(2, precision: p).applying(.sqrt))
        return try (Interval(z.magnitude, precision: p) * invRoot2).applying(.erfc)
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
