import PrismNumbers
import PrismBases
import PrismKernels
import PrismActivations

/// A kernel spectrum for eigenlearning (CONVENTIONS §13): explicit levels (an eigenvalue enclosure and
/// its multiplicity) and, for an infinite spectrum, a proven description of everything else:
///
///     T₁ = Σ_rest N λ,   T₂ = Σ_rest N λ²   (enclosures),
///
/// which the sum rules give on the sphere: Σ_all N μ = f(1), Σ_all N μ² = E_t[f(t)²]. Every rest
/// eigenvalue is then at most √T₂.
public struct LearningSpectrum: Sendable {
    public struct Level: Sendable {
        /// The degree (sphere), or the row index of a spectrum file.
        public let label: Int
        public let eigenvalue: Interval
        public let multiplicity: BigInt
        public init(label: Int, eigenvalue: Interval, multiplicity: BigInt) {
            self.label = label
            self.eigenvalue = eigenvalue
            self.multiplicity = multiplicity
        }
    }
    public struct Rest: Sendable {
        public let sum: Interval
        public let sumOfSquares: Interval
        public init(sum: Interval, sumOfSquares: Interval) {
            self.sum = sum
            self.sumOfSquares = sumOfSquares
        }
    }
    public let levels: [Level]
    /// nil: the levels are the whole spectrum (a spectrum file is taken as complete).
    public let rest: Rest?

    public init(levels: [Level], rest: Rest?) {
        self.levels = levels
        self.rest = rest
    }
}

/// A dot-product kernel f(t) = Σ f_m t^m ≥ 0 on S^{d−1} with its sum rules (CONVENTIONS §3, §13, §14).
///
/// E_t[f(t)²] = Σ_m (f²)_m E[t^m] with E[t^{2j}] = Π_{i<j} (2i+1)/(2i+d) (odd moments 0): the
/// coefficients of f² to order M are convolutions of the known ones, and the rest is at most
/// τ₂·E|t|^{M+1} with τ₂ = f(1)² − Σ_{m≤M} (f²)_m when the coefficients are enclosed (E|t|^m decreases
/// in m), τ₂ otherwise — the same argument as `SphereSpectrum`'s tail. Error contract: enclosure.
public struct SphereKernel: Sendable {
    public let series: NonnegativeSeries
    public let dimension: Int

    public init(series: NonnegativeSeries, dimension d: Int) throws {
        guard d >= 2 else { throw PrismError.domain("dimension d must be ≥ 2, got \(d)") }
        self.series = series
        dimension = d
    }

    /// f(1) = Σ_k N(d,k) μ_k.
    public var firstSumRule: Interval { series.valueAtOne }

    /// An enclosure of E_t[f(t)²] = Σ_k N(d,k) μ_k².
    public func secondSumRule() throws -> Interval {
        let f = series, M = f.order, p = f.valueAtOne.precision
        let zero = BigFloat(0, precision: p)
        let low = f.coefficients.map { Swift.max($0.lower, zero) }
        let high = f.coefficients.map(\.upper)
        var lower = zero, upper = zero, squareMass = zero
        for m in stride(from: 0, through: M, by: 1) {
            var sLow = zero, sHigh = zero
            for i in 0...m {
                sLow = sLow.adding(low[i].multiplied(by: low[m - i], precision: p, rounding: .down), precision: p, rounding: .down)
                if f.coefficientsEnclosed { sHigh = sHigh.adding(high[i].multiplied(by: high[m - i], precision: p, rounding: .up), precision: p, rounding: .up) }
            }
            squareMass = squareMass.adding(sLow, precision: p, rounding: .down)
            guard m % 2 == 0 else { continue }
            let moment = try Sphere.moment(m, dimension: dimension)
            lower = lower.adding(sLow.multiplied(by: BigFloat(moment, precision: p, rounding: .down), precision: p, rounding: .down), precision: p, rounding: .down)
            if f.coefficientsEnclosed {
                upper = upper.adding(sHigh.multiplied(by: BigFloat(moment, precision: p, rounding: .up), precision: p, rounding: .up), precision: p, rounding: .up)
            }
        }
        let one = f.valueAtOne.upper
        let tau2 = Swift.max(one.multiplied(by: one, precision: p, rounding: .up).subtracting(squareMass, precision: p, rounding: .up), zero)
        if f.coefficientsEnclosed {
            let j = (M + 1) / 2
            let tailMoment = BigFloat(try Sphere.moment(2 * j, dimension: dimension), precision: p, rounding: .up)
            upper = upper.adding(tau2.multiplied(by: tailMoment, precision: p, rounding: .up), precision: p, rounding: .up)
        } else {
            upper = lower.adding(tau2, precision: p, rounding: .up)
        }
        return try Interval(lower: lower, upper: upper)
    }

    /// The levels k = 0…K (enclosures of μ_k, proven zeros exact) and the rest from the sum rules.
    public func learningSpectrum(maxDegree K: Int) throws -> LearningSpectrum {
        let mu = try SphereSpectrum.eigenvalues(of: series, dimension: dimension, maxDegree: K)
        let p = series.valueAtOne.precision
        var levels: [LearningSpectrum.Level] = []
        var s1 = Interval(0, precision: p), s2 = Interval(0, precision: p)
        for k in 0...K {
            let n = try Sphere.multiplicity(dimension: dimension, degree: k)
            let nn = Interval(Rational(n), precision: p)
            let m = try SphereKernel.nonnegative(mu[k])
            s1 = s1 + nn * m
            s2 = s2 + nn * m * m
            levels.append(.init(label: k, eigenvalue: m, multiplicity: n))
        }
        let rest = LearningSpectrum.Rest(sum: try SphereKernel.nonnegative(firstSumRule - s1), sumOfSquares: try SphereKernel.nonnegative(try secondSumRule() - s2))
        return LearningSpectrum(levels: levels, rest: rest)
    }

    /// d_eff = (Σ N μ)²/Σ N μ² = f(1)²/E_t[f²] (CONVENTIONS §14); with `residualAfter` L, the same sums
    /// over the degrees k > L only: (f(1) − Σ_{k≤L} N μ_k)² / (E_t[f²] − Σ_{k≤L} N μ_k²).
    /// Error contract: enclosure. Throws `notCertified` when the residual denominator is not separated from 0.
    public func effectiveDimension(residualAfter L: Int? = nil) throws -> Interval {
        var s1 = firstSumRule, s2 = try secondSumRule()
        if let L {
            guard L >= 0 else { throw PrismError.domain("--residual-after must be ≥ 0, got \(L)") }
            guard L <= KernelSpectrum.maxSpectrumDegree else { throw PrismError.limitExceeded("--residual-after \(L) (limit \(KernelSpectrum.maxSpectrumDegree))") }
            let mu = try SphereSpectrum.eigenvalues(of: series, dimension: dimension, maxDegree: L)
            for k in 0...L {
                let n = Interval(Rational(try Sphere.multiplicity(dimension: dimension, degree: k)), precision: s1.precision)
                s1 = s1 - n * mu[k]
                s2 = s2 - n * mu[k] * mu[k]
            }
            s1 = try SphereKernel.nonnegative(s1)
            s2 = try SphereKernel.nonnegative(s2)
        }
        if s2.isExactZero { throw PrismError.domain("the spectrum has no mass beyond degree \(L ?? -1): the effective dimension is undefined") }
        return try (s1 * s1).dividing(by: s2)
    }

    /// The part of an enclosure of a non-negative quantity that is ≥ 0.
    static func nonnegative(_ x: Interval) throws -> Interval {
        let zero = BigFloat(0, precision: x.precision)
        return try Interval(lower: Swift.max(x.lower, zero), upper: Swift.max(x.upper, zero))
    }
}

extension SphereKernel {
    /// A kernel model (activation with or without §9's variances, or a dot-product function) on S^{d−1},
    /// its series truncated at order max(K + 4, p) (at most `DeepKernel.maxOrder`), as the power-series
    /// route does, so that raising the working precision also lengthens the series.
    public static func model(_ model: KernelModel, dimension d: Int, maxDegree K: Int, precision p: Int) throws -> SphereKernel {
        try SphereKernel(series: try HEAKernel.cosineSeries(model, dimension: d, order: K, precision: p), dimension: d)
    }

    /// e^{βt} (β > 0 rational) to order M: f_m = β^m/m!, f(1) = e^β. Its eigenvalues on S^{d−1} are
    /// μ_k = Γ(d/2)(2/β)^{d/2−1} I_{k+d/2−1}(β) (modified Bessel functions).
    public static func exponential(beta: Rational, dimension d: Int, order M: Int, precision p: Int) throws -> SphereKernel {
        guard beta.signum > 0 else { throw PrismError.domain("β must be > 0, got \(beta)") }
        guard M >= 1, M <= DeepKernel.maxOrder else { throw PrismError.limitExceeded("series order \(M) (limit \(DeepKernel.maxOrder))") }
        var term = Rational(1)
        var coefficients: [Interval] = []
        for m in 0...M {
            if m > 0 { term = term * beta / Rational(m) }
            coefficients.append(Interval(term, precision: p))
        }
        let value = try Interval(beta, precision: p).applying(.exp)
        return try SphereKernel(series: NonnegativeSeries(coefficients: coefficients, valueAtOne: value, coefficientsEnclosed: true), dimension: d)
    }
}

extension SphereKernel {
    /// Σ_{k>L} N μ_k and Σ_{k>L} N μ_k² exactly, for the normalized depth-1 kernels of the arc-cosine family (ReLU, step,
    /// abs, leaky ReLU, sign), whose series route cannot reach binary64 (coefficients decaying like m^{−5/2}); nil otherwise. Error contract: exact.
    public static func arcCosineSums(_ model: KernelModel, dimension d: Int, residualAfter L: Int?) throws -> (first: ExactReal, second: ExactReal)? {
        guard model.depth == 1, model.variances == nil, let sigma = model.activation,
              var sums = try ArcCosineSpectrum.sumRules(activation: sigma, kind: model.kind, dimension: d) else { return nil }
        guard let L else { return sums }
        guard L >= 0 else { throw PrismError.domain("--residual-after must be ≥ 0, got \(L)") }
        guard let mu = try ArcCosineSpectrum.eigenvalues(activation: sigma, kind: model.kind, dimension: d, maxDegree: L) else { return nil }
        for (k, m) in mu.enumerated() {
            let n = ExactReal(Rational(try Sphere.multiplicity(dimension: d, degree: k)))
            sums = (try sums.first - n * m, try sums.second - n * m * m)
        }
        return sums
    }
}
