import PrismNumbers

/// Eigenlearning predictions of kernel ridge regression (CONVENTIONS §13): for n samples, ridge δ ≥ 0,
/// noise ε² ≥ 0 and target energies v_k² (summed over level k's modes), κ > 0 solves
///
///     F(κ) = Σ_i N_i λ_i/(λ_i + κ) + δ/κ − n = 0,
///
/// L_i = λ_i/(λ_i + κ), E₀ = n/(n − Σ N_i L_i²) = n/(Σ N_i L_i(1 − L_i) + δ/κ) (the same number,
/// without cancellation), test MSE = E₀(Σ_k (1 − L_k)² v_k² + ε²), train MSE = (δ/(nκ))²·test MSE.
///
/// **Certified κ.** F is strictly decreasing. Each term is evaluated as N/(1 + κ/λ) in interval
/// arithmetic; the rest of an infinite spectrum (T₁ = Σ N λ, T₂ = Σ N λ², every λ ≤ √T₂) adds
/// between T₁/(κ + √T₂) and T₁/κ. So an interval F(κ) with lower end > 0 proves κ* > κ, upper end < 0
/// proves κ* < κ. The root is located by doubling and bisecting the binary exponent of κ (no bracket
/// is assumed: κ = 2^{−10⁶} or 2^{10⁶} are found as well), refined by Newton's method from the left
/// (F is convex, so the iterates increase to the root), then enclosed by two such proofs a relative
/// 2^{−p+8} apart — or as close as the rest's uncertainty allows. Error contract: enclosure.
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
        guard n.signum > 0 else { throw PrismError.domain("n must be > 0, got \(n)") }
        guard delta.signum >= 0 else { throw PrismError.domain("ridge must be ≥ 0, got \(delta)") }
        guard noise.signum >= 0 else { throw PrismError.domain("noise must be ≥ 0, got \(noise)") }
        var index: [Int: Int] = [:]
        for (i, level) in spectrum.levels.enumerated() where index[level.label] == nil { index[level.label] = i }
        for t in targets {
            guard t.energy.signum >= 0 else { throw PrismError.domain("target energies must be ≥ 0, got \(t.energy)") }
            guard index[t.label] != nil else { throw PrismError.domain("target \(t.label) is not a level of the spectrum") }
        }
        if delta.isZero, spectrum.rest == nil {
            // A finite spectrum at ridge 0: F → rank − n as κ → 0.
            var rank = BigInt(0)
            for level in spectrum.levels where !level.eigenvalue.isExactZero { rank = rank + level.multiplicity }
            guard n < Rational(rank) else {
                throw PrismError.domain("n = \(n) ≥ the spectrum's \(rank) non-zero modes at ridge 0: κ = 0 (interpolation of a finite-rank kernel), no κ > 0 solves the equation")
            }
        }
        let kappa = try solve(spectrum, n: n, ridge: delta, precision: p)
        let one = Interval(1, precision: p)
        let nI = Interval(n, precision: p), dI = Interval(delta, precision: p)
        // Σ N L(1−L) over the levels and the rest.
        var spread = Interval(0, precision: p)
        var learn: [Interval] = []
        for level in spectrum.levels {
            let l = try learnability(level.eigenvalue, kappa)
            learn.append(l)
            spread = spread + Interval(Rational(level.multiplicity), precision: p) * (try variance(l))
        }
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
        for t in targets {
            let l = learn[index[t.label]!]
            bias = bias + (one - l) * (one - l) * Interval(t.energy, precision: p)
        }
        let test = e0 * bias
        let train = delta.isZero ? Interval(0, precision: p) : (try (try dI.dividing(by: nI * kappa)).power(2)) * test
        return Prediction(kappa: kappa, e0: e0, testMSE: test, trainMSE: train, learnabilities: targets.map { learn[index[$0.label]!] })
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

    /// L(1 − L) over an enclosure of L ⊂ [0, 1] (unimodal, largest 1/4 at L = 1/2). Error contract: enclosure.
    static func variance(_ l: Interval) throws -> Interval {
        let p = l.precision, one = Interval(1, precision: p)
        let a = Interval(l.lower) * (one - Interval(l.lower)), b = Interval(l.upper) * (one - Interval(l.upper))
        let half = BigFloat(1, precision: p).scaled(byPowerOfTwo: -1)
        let upper = l.contains(half) ? half.scaled(byPowerOfTwo: -1) : Swift.max(a.upper, b.upper)
        return try Interval(lower: Swift.max(Swift.min(a.lower, b.lower), BigFloat(0, precision: p)), upper: upper)
    }

    /// An enclosure of F(κ) at the point κ.
    static func equation(_ s: LearningSpectrum, _ kappa: BigFloat, n: Interval, ridge: Interval, precision p: Int) throws -> Interval {
        let k = Interval(kappa)
        var sum = Interval(0, precision: p)
        for level in s.levels where !level.eigenvalue.isExactZero {
            sum = sum + Interval(Rational(level.multiplicity), precision: p) * (try learnability(level.eigenvalue, k))
        }
        if let rest = s.rest {
            let top = rest.sumOfSquares.upper.applying(.sqrt, precision: p, rounding: .up)
            let low = try Interval(rest.sum.lower).dividing(by: k + Interval(top)).lower
            let high = try Interval(rest.sum.upper).dividing(by: k).upper
            sum = sum + (try Interval(lower: low, upper: high))
        }
        if !ridge.isExactZero { sum = sum + (try ridge.dividing(by: k)) }
        return sum - n
    }

    /// F'(κ) at the point κ (a representative, for Newton's step only).
    static func slope(_ s: LearningSpectrum, _ kappa: BigFloat, ridge: Interval, precision p: Int) throws -> BigFloat {
        let k = Interval(kappa)
        var sum = Interval(0, precision: p)
        for level in s.levels where !level.eigenvalue.isExactZero {
            let d = level.eigenvalue + k
            sum = sum + (try (Interval(Rational(level.multiplicity), precision: p) * level.eigenvalue).dividing(by: d * d))
        }
        if let rest = s.rest { sum = sum + (try Interval(rest.sum.midpoint).dividing(by: k * k)) }
        if !ridge.isExactZero { sum = sum + (try ridge.dividing(by: k * k)) }
        return sum.midpoint.negated()
    }

    /// The enclosure of κ* (see the type's comment).
    static func solve(_ s: LearningSpectrum, n: Rational, ridge delta: Rational, precision p: Int) throws -> Interval {
        let nI = Interval(n, precision: p), dI = Interval(delta, precision: p)
        func F(_ k: BigFloat) throws -> Interval { try equation(s, k, n: nI, ridge: dI, precision: p) }
        func power(_ e: Int) -> BigFloat { BigFloat(1, precision: p).scaled(byPowerOfTwo: e) }
        // Sign of F at 2^e by its midpoint (certified signs come at the end).
        func positive(_ e: Int) throws -> Bool { try F(power(e)).midpoint.signum > 0 }
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
        var k = power(lo)
        var previous = k
        for _ in 0..<200 {
            let value = try F(k).midpoint
            if value.signum <= 0 { break }
            let step = try value.divided(by: try slope(s, k, ridge: dI, precision: p), precision: p, rounding: .nearest)
            let next = k.subtracting(step, precision: p, rounding: .nearest)
            if !(k < next) { break }
            previous = k
            k = next
            if next.subtracting(previous, precision: p, rounding: .nearest).exponent < k.exponent - p + 2 { break }
        }
        // Certify a bracket [k(1 − 2^{−j}), k(1 + 2^{−j})], widening j while a proof fails.
        var j = p - 8
        while j >= 1 {
            let offset = k.scaled(byPowerOfTwo: -j)
            let a = k.subtracting(offset, precision: p, rounding: .down), b = k.adding(offset, precision: p, rounding: .up)
            if a.signum > 0, try F(a).lower.signum > 0, try F(b).upper.signum < 0 { return try Interval(lower: a, upper: b) }
            j -= Swift.max(1, j / 4)
        }
        throw PrismError.notCertified("κ could not be enclosed: the equation's enclosure at \(p) bits does not change sign around \(k.double())")
    }
}
