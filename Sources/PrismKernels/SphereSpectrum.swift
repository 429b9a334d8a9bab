import PrismNumbers
import PrismBases
import PrismActivations

/// A dot-product kernel f(t) = Σ_m f_m t^m on [−1, 1] with non-negative coefficients, known
/// through enclosures of f_0…f_M and an enclosure of f(1). Because f_m ≥ 0 and |t| ≤ 1, the
/// truncation error is at most τ = f(1) − Σ_{m≤M} f_m everywhere on [−1, 1] (CONVENTIONS §3).
public struct NonnegativeSeries: Sendable {
    /// Enclosures of f_0…f_M (each true coefficient lies in its enclosure).
    public let coefficients: [Interval]
    /// An enclosure of f(1) = Σ_m f_m.
    public let valueAtOne: Interval
    /// Proven zeros to every order: f_m = 0 for all m ≥ `from` with m of parity `parity`.
    public let vanishing: (from: Int, parity: Symmetry.Parity)?

    /// Whether each interval encloses the true coefficient f_m (not only a lower bound of it): true for
    /// series computed exactly up to order M, false when a truncated composition has dropped terms
    /// that reach low orders. Only lower endpoints are used otherwise.
    public let coefficientsEnclosed: Bool

    public init(coefficients: [Interval], valueAtOne: Interval, vanishing: (from: Int, parity: Symmetry.Parity)? = nil,
                coefficientsEnclosed: Bool = false) {
        self.coefficients = coefficients
        self.valueAtOne = valueAtOne
        self.vanishing = vanishing
        self.coefficientsEnclosed = coefficientsEnclosed
    }

    /// The zeros that σ's symmetry proves for series built from squares of its Hermite coefficients
    /// (Σ bₙ²ρⁿ, Σ n bₙ²ρⁿ): all of the other parity for an odd or even σ, and beyond the
    /// polynomial part for σ = polynomial + odd/even (e.g. silu = x/2 + even).
    public static func vanishing(for symmetry: Symmetry) -> (from: Int, parity: Symmetry.Parity)? {
        if let overall = symmetry.overall, !symmetry.restIsZero { return (0, overall == .odd ? .even : .odd) }
        guard !symmetry.restIsZero, let rest = symmetry.restParity else { return nil }
        return (symmetry.polynomialDegree + 1, rest == .odd ? .even : .odd)
    }

    /// Whether the Gegenbauer coefficient of degree k is proven 0 (β_k^m = 0 unless m ≡ k, m ≥ k).
    public func provesZeroEigenvalue(_ k: Int) -> Bool {
        guard let v = vanishing else { return false }
        return k >= v.from && (k % 2 == 0) == (v.parity == .even)
    }

    public var order: Int { coefficients.count - 1 }

    /// Certified lower bounds of the coefficients (lower endpoints, at least 0).
    var lowerBounds: [BigFloat] { coefficients.map { Swift.max($0.lower, BigFloat(0, precision: $0.precision)) } }

    /// A lower bound of the truncated part Σ_{m>M} f_m ≥ f(1) − Σ_{m≤M} f̂_m (enclosed coefficients only;
    /// 0 otherwise): what no working precision can remove from τ at this order.
    public var truncationLowerBound: BigFloat {
        let p = valueAtOne.precision
        guard coefficientsEnclosed else { return BigFloat(0, precision: p) }
        var sum = BigFloat(0, precision: p)
        for c in coefficients { sum = sum.adding(c.upper, precision: p, rounding: .up) }
        return Swift.max(valueAtOne.lower.subtracting(sum, precision: p, rounding: .down), BigFloat(0, precision: p))
    }

    /// Whether rounding, not truncation, makes most of τ: enclosed coefficients and a proven truncated
    /// mass below τ/2 (then more working precision shrinks τ; a higher order would not).
    public var roundingDominatesTail: Bool {
        guard coefficientsEnclosed else { return false }
        let p = valueAtOne.precision
        return truncationLowerBound.scaled(byPowerOfTwo: 1) < tailBound.rounded(toPrecision: p, rounding: .down)
    }

    /// τ = f(1) − Σ_{m≤M} f_m, bounded above using lower bounds of the f_m.
    public var tailBound: BigFloat {
        let p = valueAtOne.precision
        var sum = BigFloat(0, precision: p)
        for c in lowerBounds { sum = sum.adding(c, precision: p, rounding: .down) }
        let tail = valueAtOne.upper.subtracting(sum, precision: p, rounding: .up)
        return Swift.max(tail, BigFloat(0, precision: p))
    }
}

/// Funk–Hecke eigenvalues on S^{d−1}: μ_k = φ_k / N(d,k) with φ_k = Σ_m f_m β_k^m(d).
///
/// For a non-negative series known to order M, S_k = Σ_{m≤M} f̃_m β_k^m with lower bounds f̃_m
/// gives S_k ≤ φ_k ≤ S_k + τ (0 ≤ β ≤ 1 and Σ_m (f_m − f̃_m) = f(1) − Σ f̃_m ≤ τ). When the
/// coefficients are enclosed (f_m ≤ f̂_m), φ_k ≤ Σ_{m≤M} f̂_m β_k^m + τ·sup_{m>M} β_k^m, and
///
///     β_k^m = N(d,k)·E[t^m P_k^{(d)}(t)] ≤ N(d,k)·E|t|^m,  E|t|^{2j} = Π_{i<j} (2i+1)/(2i+d)
///
/// (t the first coordinate of a uniform point on S^{d−1}, |P_k^{(d)}| ≤ 1, E|t|^m decreasing in m),
/// so the truncated tail costs μ_k at most τ·E|t|^{M+1} instead of τ/N(d,k): about τ/M on S², τ·M^{−4.5}
/// on S⁹. Error contract: enclosure.
public enum SphereSpectrum {
    /// Enclosures of μ_0…μ_K of the kernel on S^{d−1}.
    /// `connection`, when given, must hold the columns k ≤ K to degree ≥ max(M, K) (callers reuse one).
    public static func eigenvalues(of f: NonnegativeSeries, dimension d: Int, maxDegree K: Int,
                                   connection: ConnectionColumns? = nil) throws -> [Interval] {
        let M = f.order
        let p = f.valueAtOne.precision
        let beta = try connection ?? ConnectionColumns(dimension: d, maxDegree: Swift.max(M, K), columns: K)
        let lower = f.lowerBounds
        let tails = try tailContributions(of: f, dimension: d, maxDegree: K)
        return try (0...K).map { k in
            // A kernel of proven parity has φ_k = 0 exactly for k of the other parity (β_k^m = 0 unless m ≡ k).
            if f.provesZeroEigenvalue(k) { return Interval(0, precision: p) }
            var low = BigFloat(0, precision: p), high = BigFloat(0, precision: p)
            if k <= M {
                for m in stride(from: k, through: M, by: 2) where !beta[m, k].isZero {
                    low = low.adding(lower[m].multiplied(by: BigFloat(beta[m, k], precision: p, rounding: .down), precision: p, rounding: .down),
                                     precision: p, rounding: .down)
                    if f.coefficientsEnclosed {
                        high = high.adding(f.coefficients[m].upper.multiplied(by: BigFloat(beta[m, k], precision: p, rounding: .up), precision: p, rounding: .up),
                                           precision: p, rounding: .up)
                    }
                }
            }
            let n = Interval(Rational(try Sphere.multiplicity(dimension: d, degree: k)), precision: p)
            let lowMu = try Interval(low).dividing(by: n).lower
            let highMu = try Interval(f.coefficientsEnclosed ? high : low).dividing(by: n).upper
            return try Interval(lower: lowMu, upper: highMu.adding(tails[k], precision: p, rounding: .up))
        }
    }

    /// Upper bounds of what the series' unknown part can add to μ_0…μ_K: τ/N(d,k), or, with enclosed
    /// coefficients, τ·min(1/N(d,k), E|t|^{M+1}) (see the type's comment).
    public static func tailContributions(of f: NonnegativeSeries, dimension d: Int, maxDegree K: Int) throws -> [BigFloat] {
        let tau = f.tailBound, p = f.valueAtOne.precision
        return try tailFactors(of: f, dimension: d, maxDegree: K).map { tau.multiplied(by: $0, precision: p, rounding: .up) }
    }

    /// The factors min(1/N(d,k), E|t|^{M+1}) (enclosed coefficients) or 1/N(d,k), rounded up.
    static func tailFactors(of f: NonnegativeSeries, dimension d: Int, maxDegree K: Int) throws -> [BigFloat] {
        let p = f.valueAtOne.precision
        var moment: BigFloat? = nil
        if f.coefficientsEnclosed {
            // E|t|^{M+1} ≤ E|t|^{2j} with 2j the even number in {M, M+1}.
            let j = (f.order + 1) / 2
            var e = Rational(1)
            for i in 0..<j { e *= try Rational(2 * i + 1, 2 * i + d) }
            moment = BigFloat(e, precision: p, rounding: .up)
        }
        return try (0...K).map { k in
            let inverseN = try Interval(1, precision: p).dividing(by: Interval(Rational(try Sphere.multiplicity(dimension: d, degree: k)), precision: p)).upper
            return moment.map { Swift.min($0, inverseN) } ?? inverseN
        }
    }

    /// Exact eigenvalues of a polynomial kernel Σ f_m t^m (any signs): μ_k = Σ_m f_m β_k^m / N(d,k).
    public static func exactEigenvalues(ofPolynomial f: [ExactReal], dimension d: Int, maxDegree K: Int) throws -> [ExactReal] {
        let beta = try ConnectionCoefficients(dimension: d, maxDegree: Swift.max(f.count - 1, K))
        return try (0...K).map { k in
            var phi = ExactReal.zero
            if k < f.count { for m in k..<f.count where !beta[m, k].isZero { phi = try phi + f[m] * ExactReal(beta[m, k]) } }
            return try phi * ExactReal(1 / Rational(try Sphere.multiplicity(dimension: d, degree: k)))
        }
    }

    /// The effective dimension (Σ_k N(d,k) μ_k)² / Σ_k N(d,k) μ_k² of a spectrum (over the degrees given).
    public static func effectiveDimension(_ mu: [Interval], dimension d: Int) throws -> Interval {
        let p = mu.first?.precision ?? 64
        var s1 = Interval(0, precision: p), s2 = Interval(0, precision: p)
        for (k, m) in mu.enumerated() {
            let n = Interval(Rational(try Sphere.multiplicity(dimension: d, degree: k)), precision: p)
            s1 = s1 + n * m
            s2 = s2 + n * m * m
        }
        return try (s1 * s1).dividing(by: s2)
    }

    /// The least-squares slope of log μ_k against log k over the degrees in `range` with μ_k > 0:
    /// the fitted decay exponent (μ_k ≈ C k^{slope}). A fit, not a certified quantity.
    public static func fittedDecayExponent(_ mu: [Interval], degrees range: ClosedRange<Int>) -> Double? {
        var xs: [Double] = [], ys: [Double] = []
        for k in range where k >= 1 && k < mu.count && mu[k].lower.signum > 0 {
            xs.append(BigFloat(Double(k)).log(precision: 53).double())
            ys.append(mu[k].midpoint.log(precision: 53).double())
        }
        guard xs.count >= 2 else { return nil }
        let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(xs, ys) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
        return sxx > 0 ? sxy / sxx : nil
    }
}
