import PrismNumbers

/// Eigenlearning predictions for several n, certified together by Ziv's strategy.
///
/// `spectrum(p, K)` gives the spectrum at working precision p with K explicit levels (sphere kernels)
/// or ignores K (a spectrum file). At each precision the explicit part grows (K, 2K, … up to `maxLevels`)
/// until every κ is enclosed to 2^{−p+16} relative — a rest bound that is too coarse next to a tiny κ
/// (large n, ridge 0) needs more explicit degrees, not more bits.
public struct LearningCurve: Sendable {
    public let samples: [Rational]
    public let ridge: Rational
    public let noise: Rational
    public let targets: [(label: Int, energy: Rational)]

    public init(samples: [Rational], ridge: Rational = 0, noise: Rational = 0, targets: [(label: Int, energy: Rational)]) throws {
        guard !samples.isEmpty else { throw PrismError.domain("--n needs at least one value") }
        guard samples.count <= 10_000 else { throw PrismError.limitExceeded("\(samples.count) values of n (limit 10000)") }
        self.samples = samples
        self.ridge = ridge
        self.noise = noise
        self.targets = targets
    }

    /// Predictions per n at precision p, growing K from `initialLevels` to `maxLevels` as needed.
    public func predictions(precision p: Int, initialLevels: Int, maxLevels: Int,
                            spectrum: (Int, Int) throws -> LearningSpectrum) throws -> [Eigenlearning.Prediction] {
        var K = Swift.max(initialLevels, targets.map(\.label).max() ?? 0)
        while true {
            let s = try spectrum(p, K)
            do {
                let sweep = Eigenlearning.Sweep(s, precision: p)
                let out = try samples.map { try Eigenlearning.predict(s, sweep: sweep, samples: $0, ridge: ridge, noise: noise, targets: targets) }
                let loose = out.contains { x in
                    let w = x.kappa.width
                    return !w.isZero && w.exponent > x.kappa.lower.exponent - p + 16
                }
                guard loose, let rest = s.rest, !restAtRoundingFloor(s, precision: p) else { return out }
                if K >= maxLevels {
                    // The rest's proven part (its lower bounds) alone widens F by T₁√T₂/(κ(κ + √T₂)); once that
                    // exceeds n·2^{−p+20}, more precision cannot help, only more degrees: stop Ziv's loop.
                    // (A stopping rule in doubles, not a certified quantity.)
                    let t1 = rest.sum.lower.double(), root = rest.sumOfSquares.lower.double().squareRoot()
                    let irreducible = zip(samples, out).contains { n, x in
                        let k = x.kappa.midpoint.double()
                        return t1 * root / (k * (k + root)) > Double(n) * Double(sign: .plus, exponent: 20 - p, significand: 1)
                    }
                    if irreducible { throw TailLimit(levels: K) }
                    return out
                }
            } catch PrismError.notCertified(let why) {
                if s.rest == nil || K >= maxLevels || restAtRoundingFloor(s, precision: p) { throw PrismError.notCertified(why) }
            }
            K = Swift.min(2 * K, maxLevels)
        }
    }

    /// Thrown when the rest beyond `maxLevels` degrees, not the working precision, keeps κ wide.
    struct TailLimit: Error { let levels: Int }

    /// Whether the rest's bound T₁ is already at the rounding level of the sum rule f(1) − Σ N μ
    /// (2^{−p+12} of the explicit mass): then more degrees cannot help, only more precision.
    func restAtRoundingFloor(_ s: LearningSpectrum, precision p: Int) -> Bool {
        guard let rest = s.rest else { return true }
        guard !rest.sum.upper.isZero else { return true }
        var mass = BigFloat(0, precision: p)
        for level in s.levels { mass = mass.adding(level.eigenvalue.upper.multiplied(by: BigFloat(Rational(level.multiplicity), precision: p, rounding: .up), precision: p, rounding: .up), precision: p, rounding: .up) }
        return rest.sum.upper.exponent <= mass.exponent - p + 12
    }

    /// The certified rows: per n, κ, E₀, test MSE, train MSE, then the learnabilities.
    /// `precisionCap`: the highest working precision tried (a spectrum known to a fixed accuracy gains nothing beyond it).
    public func certified(digits D: Int, initialLevels: Int, maxLevels: Int, precisionCap: Int = 4096,
                          spectrum: @escaping (Int, Int) throws -> LearningSpectrum) throws -> [[CertifiedValue]] {
        let width = 4 + targets.count
        let values: [CertifiedValue]
        do {
            values = try CertifiedValue.certifyAll(count: samples.count * width, digits: D, precisionCap: precisionCap) { p in
                try predictions(precision: p, initialLevels: initialLevels, maxLevels: maxLevels, spectrum: spectrum).flatMap {
                    [$0.kappa, $0.e0, $0.testMSE, $0.trainMSE] + $0.learnabilities
                }
            }
        } catch let limit as TailLimit {
            throw PrismError.notCertified("the spectrum beyond degree \(limit.levels) (bounded by the sum rules) is too large next to κ for \(D) digits; allow more explicit degrees (learn --max-degree, plot --degree; at most 300) or ask fewer digits")
        }
        return (0..<samples.count).map { Array(values[($0 * width)..<(($0 + 1) * width)]) }
    }
}
