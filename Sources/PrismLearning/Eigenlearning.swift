import PrismNumbers

/// Eigenlearning predictions of kernel ridge regression (CONVENTIONS §13): for n samples, ridge δ ≥ 0,
/// noise ε² ≥ 0 and target energies v_k² (summed over level k's modes), κ > 0 solves
///
///     F(κ) = Σ_i N_i λ_i/(λ_i + κ) + δ/κ − n = 0,
///
/// L_i = λ_i/(λ_i + κ), E₀ = n/(n − Σ N_i L_i²) = n/(Σ N_i L_i(1 − L_i) + δ/κ) (the same number,
/// without cancellation), test MSE = E₀(Σ_k (1 − L_k)² v_k² + ε²), train MSE = (δ/(nκ))²·test MSE.
///
/// **Certified κ.** F is strictly decreasing. Its lower bound at a point κ sums N↓λ↓/(λ↓ + κ) rounded down
/// (the denominator up), its upper bound N↑λ↑/(λ↑ + κ) rounded up (`Sweep.bound`); the rest of an infinite
/// spectrum (T₁ = Σ N λ, T₂ = Σ N λ², every λ ≤ √T₂) adds between T₁/(κ + √T₂) and T₁/κ. So a lower bound > 0
/// proves κ* > κ, an upper bound < 0 proves κ* < κ. A binary64 first guess (`Sweep.estimate`) is refined at the
/// working precision by chord steps with its slope; when κ* is outside binary64's range the binary exponent of κ
/// is doubled and bisected instead (no bracket is assumed: κ = 2^{−10⁶} or 2^{10⁶} are found as well), then
/// Newton's method from the left (F is convex: the iterates increase to the root). κ is enclosed by two proofs a
/// relative 2^{−p+8} apart — or as close as the rest's uncertainty allows. E₀'s Σ N L(1 − L) over the κ
/// enclosure uses L(1 − L) = λκ/(λ + κ)² ∈ [λ↓κ↓/(λ↑ + κ↑)², min(1/4, λ↑κ↑/(λ↓ + κ↓)²)]. Error contract: enclosure.
public enum Eigenlearning {
    /// One prediction.
    public struct Prediction: Sendable {
        public let kappa: Interval
        public let e0: Interval
        public let testMSE: Interval
        public let trainMSE: Interval
        /// L_k for each requested target label, in the order given.
        public let learnabilities: [Interval]
    }

    /// The binary exponents searched for κ.
    public static let exponentRange = -(1 << 22)...(1 << 22)

    /// Predictions at working precision p. `targets` maps a level label to its energy v².
    public static func predict(_ spectrum: LearningSpectrum, samples n: Rational, ridge delta: Rational = 0, noise: Rational = 0,
                               targets: [(label: Int, energy: Rational)], precision p: Int) throws -> Prediction {
        try predict(spectrum, sweep: Sweep(spectrum, precision: p), samples: n, ridge: delta, noise: noise, targets: targets)
    }

    /// `predict` with the spectrum's `Sweep` at the working precision made once (for many n).
    static func predict(_ spectrum: LearningSpectrum, sweep: Sweep, samples n: Rational, ridge delta: Rational, noise: Rational,
                        targets: [(label: Int, energy: Rational)]) throws -> Prediction {
        let p = sweep.precision
        guard n.signum > 0 else { throw PrismError.domain("n must be > 0, got \(n)") }
        guard delta.signum >= 0 else { throw PrismError.domain("ridge must be ≥ 0, got \(delta)") }
        guard noise.signum >= 0 else { throw PrismError.domain("noise must be ≥ 0, got \(noise)") }
        let targetLevels = try targets.map { t in
            guard t.energy.signum >= 0 else { throw PrismError.domain("target energies must be ≥ 0, got \(t.energy)") }
            guard let i = spectrum.levels.firstIndex(where: { $0.label == t.label }) else { throw PrismError.domain("target \(t.label) is not a level of the spectrum") }
            return spectrum.levels[i]
        }
        if delta.isZero, spectrum.rest == nil {
            // A finite spectrum at ridge 0: F → rank − n as κ → 0.
            guard n < Rational(sweep.rank) else {
                throw PrismError.domain("n = \(n) ≥ the spectrum's \(sweep.rank) non-zero modes at ridge 0: κ = 0 (interpolation of a finite-rank kernel), no κ > 0 solves the equation")
            }
        }
        let kappa = try solve(sweep, n: n, ridge: delta)
        let one = Interval(1, precision: p)
        let nI = Interval(n, precision: p), dI = Interval(delta, precision: p)
        var spread = try sweep.spread(kappa)
        if let rest = spectrum.rest {
            let top = rest.sumOfSquares.upper.applying(.sqrt, precision: p, rounding: .up)
            let low = try Interval(rest.sum.lower).dividing(by: Interval(kappa.upper) + Interval(top))
                - (try Interval(rest.sumOfSquares.upper).dividing(by: Interval(kappa.lower) * Interval(kappa.lower)))
            let high = try Interval(rest.sum.upper).dividing(by: Interval(kappa.lower))
            let zero = BigFloat(0, precision: p)
            spread = spread + (try Interval(lower: Swift.max(low.lower, zero), upper: high.upper))
        }
        let denominator = spread + (delta.isZero ? Interval(0, precision: p) : try dI.dividing(by: kappa))
        let e0 = try nI.dividing(by: denominator)
        var bias = Interval(noise, precision: p)
        let learn = try targetLevels.map { try learnability($0.eigenvalue, kappa) }
        for (t, l) in zip(targets, learn) {
            bias = bias + (one - l) * (one - l) * Interval(t.energy, precision: p)
        }
        let test = e0 * bias
        let train = delta.isZero ? Interval(0, precision: p) : (try (try dI.dividing(by: nI * kappa)).power(2)) * test
        return Prediction(kappa: kappa, e0: e0, testMSE: test, trainMSE: train, learnabilities: learn)
    }

    /// L = λ/(λ + κ) = 1/(1 + κ/λ) over λ ∈ Λ, κ ∈ K (> 0): increasing in λ, decreasing in κ, so the
    /// enclosure is [L(λ↓, κ↑), L(λ↑, κ↓)] (0 at λ = 0). Error contract: enclosure.
    static func learnability(_ lambda: Interval, _ kappa: Interval) throws -> Interval {
        let p = Swift.max(lambda.precision, kappa.precision)
        let one = Interval(1, precision: p)
        func at(_ l: BigFloat, _ k: BigFloat) throws -> Interval {
            l.signum <= 0 ? Interval(0, precision: p) : try one.dividing(by: one + (try Interval(k).dividing(by: Interval(l))))
        }
        return try Interval(lower: try at(lambda.lower, kappa.upper).lower, upper: try at(lambda.upper, kappa.lower).upper)
    }

    /// The spectrum as the solver sweeps it, once per working precision: the non-zero levels' endpoints
    /// λ↓ ≤ λ ≤ λ↑ and multiplicities rounded down and up (nil for N = 1), and doubles for the first guess.
    /// Each sweep is one pass of directed-rounding BigFloat operations (no interval objects): F's lower
    /// bound at κ uses λ↓/(λ↓ + κ) rounded down (its denominator up), its upper bound λ↑/(λ↑ + κ) rounded up.
    struct Sweep {
        let precision: Int
        let lower: [BigFloat], upper: [BigFloat]
        let countLower: [BigFloat?], countUpper: [BigFloat?]
        let lambda: [Double], count: [Double]
        let rest: LearningSpectrum.Rest?
        /// √T₂ rounded up: every rest eigenvalue is at most this.
        let restTop: BigFloat?
        /// The number of non-zero modes Σ N.
        let rank: BigInt

        init(_ s: LearningSpectrum, precision p: Int) {
            precision = p
            // Consecutive levels with the same enclosure (ties of a sorted spectrum: a Hermite-ansatz list of 10⁵
            // eigenvalues for a power law has 1.6·10⁴ distinct ones) are one term with the summed multiplicity.
            var lower: [BigFloat] = [], upper: [BigFloat] = [], counts: [BigInt] = []
            let zero = BigFloat(0, precision: p)
            for level in s.levels where !level.eigenvalue.isExactZero {
                let low = Swift.max(level.eigenvalue.lower, zero), high = level.eigenvalue.upper
                if let last = lower.indices.last, lower[last] == low, upper[last] == high {
                    counts[last] = counts[last] + level.multiplicity
                } else {
                    lower.append(low)
                    upper.append(high)
                    counts.append(level.multiplicity)
                }
            }
            let one = BigInt(1)
            (self.lower, self.upper) = (lower, upper)
            rank = counts.reduce(BigInt(0), +)
            countLower = counts.map { $0 == one ? nil : BigFloat(Rational($0), precision: p, rounding: .down) }
            countUpper = counts.map { $0 == one ? nil : BigFloat(Rational($0), precision: p, rounding: .up) }
            lambda = upper.map { $0.double() }
            count = counts.map { BigFloat(Rational($0), precision: 64, rounding: .nearest).double() }
            rest = s.rest
            restTop = s.rest.map { $0.sumOfSquares.upper.applying(.sqrt, precision: p, rounding: .up) }
        }

        /// A lower (`upper` false) or upper bound of F(κ) = Σ N λ/(λ + κ) + rest + δ/κ − n at the point κ > 0.
        func bound(_ k: BigFloat, upper isUpper: Bool, n: Rational, ridge: Rational) throws -> BigFloat {
            let p = precision
            let r: RoundingDirection = isUpper ? .up : .down, opposite: RoundingDirection = isUpper ? .down : .up
            let lambdas = isUpper ? upper : lower, counts = isUpper ? countUpper : countLower
            var sum = BigFloat(0, precision: p)
            for i in lambdas.indices where lambdas[i].signum > 0 {
                var term = try lambdas[i].divided(by: lambdas[i].adding(k, precision: p, rounding: opposite), precision: p, rounding: r)
                if let c = counts[i] { term = term.multiplied(by: c, precision: p, rounding: r) }
                sum = sum.adding(term, precision: p, rounding: r)
            }
            if let rest, let restTop {
                // The rest adds between T₁/(κ + √T₂) and T₁/κ.
                let part = isUpper ? try rest.sum.upper.divided(by: k, precision: p, rounding: .up)
                                   : try rest.sum.lower.divided(by: k.adding(restTop, precision: p, rounding: .up), precision: p, rounding: .down)
                sum = sum.adding(part, precision: p, rounding: r)
            }
            if !ridge.isZero { sum = sum.adding(try BigFloat(ridge, precision: p, rounding: r).divided(by: k, precision: p, rounding: r), precision: p, rounding: r) }
            return sum.subtracting(BigFloat(n, precision: p, rounding: opposite), precision: p, rounding: r)
        }

        /// F'(κ) from the lower endpoints (a representative, for Newton's step only): −Σ N λ/(λ + κ)² − T₁/κ² − δ/κ².
        func slope(_ k: BigFloat, ridge: Rational) throws -> BigFloat {
            let p = precision
            var sum = BigFloat(0, precision: p)
            for i in lower.indices where lower[i].signum > 0 {
                let d = lower[i].adding(k, precision: p, rounding: .nearest)
                var term = try lower[i].divided(by: d.multiplied(by: d, precision: p, rounding: .nearest), precision: p, rounding: .nearest)
                if let c = countLower[i] { term = term.multiplied(by: c, precision: p, rounding: .nearest) }
                sum = sum.adding(term, precision: p, rounding: .nearest)
            }
            let k2 = k.multiplied(by: k, precision: p, rounding: .nearest)
            if let rest { sum = sum.adding(try rest.sum.midpoint.divided(by: k2, precision: p, rounding: .nearest), precision: p, rounding: .nearest) }
            if !ridge.isZero { sum = sum.adding(try BigFloat(ridge, precision: p, rounding: .nearest).divided(by: k2, precision: p, rounding: .nearest), precision: p, rounding: .nearest) }
            return sum.negated()
        }

        /// A first guess of κ* and F'(κ*) in binary64 (compensated sums, safeguarded Newton from the left), or nil
        /// when κ* is not safely inside the binary64 range. Not certified: `solve` refines and proves it.
        func estimate(n: Rational, ridge: Rational) -> (kappa: Double, slope: Double)? {
            let nd = BigFloat(n, precision: 64, rounding: .nearest).double(), dd = BigFloat(ridge, precision: 64, rounding: .nearest).double()
            let t1 = rest?.sum.midpoint.double() ?? 0, top = restTop?.double() ?? 0
            guard nd.isFinite, dd.isFinite, t1.isFinite, top.isFinite else { return nil }
            let lambda = self.lambda, count = self.count
            func F(_ k: Double) -> (value: Double, slope: Double) {
                var sum = -nd, c = 0.0, slope = 0.0
                func add(_ x: Double) { let t = sum + x; c += sum.magnitude >= x.magnitude ? (sum - t) + x : (x - t) + sum; sum = t }
                lambda.withUnsafeBufferPointer { lambda in
                    count.withUnsafeBufferPointer { count in
                        for i in lambda.indices where lambda[i] > 0 {
                            let d = lambda[i] + k
                            add(count[i] * lambda[i] / d)
                            slope -= count[i] * lambda[i] / (d * d)
                        }
                    }
                }
                if t1 > 0 { add(t1 / (k + top / 2)); slope -= t1 / ((k + top / 2) * (k + top / 2)) }
                if dd > 0 { add(dd / k); slope -= dd / (k * k) }
                return (sum + c, slope)
            }
            var lo = -1000, hi = 1000
            guard F(Double(sign: .plus, exponent: lo, significand: 1)).value > 0, F(Double(sign: .plus, exponent: hi, significand: 1)).value < 0 else { return nil }
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if F(Double(sign: .plus, exponent: mid, significand: 1)).value > 0 { lo = mid } else { hi = mid }
            }
            var k = Double(sign: .plus, exponent: lo, significand: 1)
            var f = F(k)
            for _ in 0..<100 {
                guard f.value > 0, f.slope < 0 else { break }
                let next = k - f.value / f.slope
                guard next.isFinite, next > k else { break }
                k = next
                f = F(k)
            }
            guard k > 0x1p-990, k < 0x1p990, f.slope < 0, f.slope.isFinite else { return nil }
            return (k, f.slope)
        }

        /// Σ N L(1 − L) over κ ∈ K: L(1 − L) = λκ/(λ + κ)² lies in [λ↓κ↓/(λ↑ + κ↑)², min(1/4, λ↑κ↑/(λ↓ + κ↓)²)].
        func spread(_ kappa: Interval) throws -> Interval {
            let p = precision
            var low = BigFloat(0, precision: p), high = BigFloat(0, precision: p)
            let quarter = BigFloat(1, precision: p).scaled(byPowerOfTwo: -2)
            for i in lower.indices {
                if lower[i].signum > 0 {
                    let d = upper[i].adding(kappa.upper, precision: p, rounding: .up)
                    var term = try lower[i].multiplied(by: kappa.lower, precision: p, rounding: .down)
                        .divided(by: d.multiplied(by: d, precision: p, rounding: .up), precision: p, rounding: .down)
                    if let c = countLower[i] { term = term.multiplied(by: c, precision: p, rounding: .down) }
                    low = low.adding(term, precision: p, rounding: .down)
                }
                let d = lower[i].adding(kappa.lower, precision: p, rounding: .down)
                var term = Swift.min(quarter, try upper[i].multiplied(by: kappa.upper, precision: p, rounding: .up)
                    .divided(by: d.multiplied(by: d, precision: p, rounding: .down), precision: p, rounding: .up))
                if let c = countUpper[i] { term = term.multiplied(by: c, precision: p, rounding: .up) }
                high = high.adding(term, precision: p, rounding: .up)
            }
            return try Interval(lower: low, upper: high)
        }
    }

    /// The enclosure of κ* (see the type's comment).
    static func solve(_ s: Sweep, n: Rational, ridge delta: Rational) throws -> Interval {
        let p = s.precision
        func F(_ k: BigFloat) throws -> BigFloat { try s.bound(k, upper: false, n: n, ridge: delta) }
        func power(_ e: Int) -> BigFloat { BigFloat(1, precision: p).scaled(byPowerOfTwo: e) }
        var k: BigFloat
        if let guess = s.estimate(n: n, ridge: delta) {
            // Chord steps with the binary64 slope: each gains about the slope's 48 accurate bits.
            k = BigFloat(guess.kappa, precision: p)
            let slope = BigFloat(guess.slope, precision: p)
            for _ in 0..<(p / 40 + 2) {
                let step = try F(k).divided(by: slope, precision: p, rounding: .nearest)
                let next = k.subtracting(step, precision: p, rounding: .nearest)
                guard next.signum > 0 else { break }
                k = next
                if step.isZero || step.exponent < k.exponent - p + 40 { break }
            }
        } else {
            // Sign of F at 2^e (certified signs come at the end).
            func positive(_ e: Int) throws -> Bool { try F(power(e)).signum > 0 }
            // Exponent search: 2^lo with F > 0, 2^hi with F ≤ 0.
            var lo = 0, hi = 0
            if try positive(0) {
                var step = 1
                while try positive(lo + step) {
                    lo += step
                    step *= 2
                    guard lo + step <= exponentRange.upperBound else { throw PrismError.notCertified("κ exceeds 2^\(exponentRange.upperBound)") }
                }
                hi = lo + step
            } else {
                var step = 1
                while !(try positive(hi - step)) {
                    hi -= step
                    step *= 2
                    guard hi - step >= exponentRange.lowerBound else { throw PrismError.notCertified("κ is below 2^\(exponentRange.lowerBound)") }
                }
                lo = hi - step
            }
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2
                if try positive(mid) { lo = mid } else { hi = mid }
            }
            // Newton from the left end (F convex and decreasing: monotone convergence).
            k = power(lo)
            for _ in 0..<200 {
                let value = try F(k)
                if value.signum <= 0 { break }
                let step = try value.divided(by: try s.slope(k, ridge: delta), precision: p, rounding: .nearest)
                let next = k.subtracting(step, precision: p, rounding: .nearest)
                if !(k < next) { break }
                let previous = k
                k = next
                if next.subtracting(previous, precision: p, rounding: .nearest).exponent < k.exponent - p + 2 { break }
            }
        }
        // Certify a bracket [k(1 − 2^{−j}), k(1 + 2^{−j})], widening j while a proof fails.
        var j = p - 8
        while j >= 1 {
            let offset = k.scaled(byPowerOfTwo: -j)
            let a = k.subtracting(offset, precision: p, rounding: .down), b = k.adding(offset, precision: p, rounding: .up)
            if a.signum > 0, try F(a).signum > 0, try s.bound(b, upper: true, n: n, ridge: delta).signum < 0 { return try Interval(lower: a, upper: b) }
            j -= Swift.max(1, j / 4)
        }
        throw PrismError.notCertified("κ could not be enclosed: the equation's enclosure at \(p) bits does not change sign around \(k.double())")
    }
}
