import Dispatch
import PrismNumbers
import PrismBases

/// Accuracy statistics of one evaluator against a high-precision MPFR reference, Boost.Math style.
public struct AuditResult: Sendable {
    /// What was audited, e.g. "hermite-he n=64".
    public var name: String
    public var points: Int
    /// max |ŷ − y| / ulp(y) over the points (ulp of the Double nearest to the reference y).
    public var maxErrorULP: Double
    /// √(mean of (|ŷ − y| / ulp(y))²).
    public var rmsErrorULP: Double
    /// max |ŷ − y| / bound: ≤ 1 means every error was within its bound.
    public var maxErrorOverBound: Double
    /// The number of points whose error exceeded the bound (must be 0).
    public var violations: Int
    /// max |ŷ − y| and the largest bound seen.
    public var maxAbsoluteError: Double
    public var maxBound: Double
}

/// One audit case: a random series of a basis and degree, evaluated at random points of an interval.
public struct AuditCase: Sendable {
    public var basis: SeriesBasis
    public var degree: Int
    /// Points are uniform in [−radius, radius].
    public var radius: Double
    /// Coefficient k is r_k · scale(k) with r_k uniform in [−1, 1].
    public var scale: @Sendable (Int) -> Double

    public init(basis: SeriesBasis, degree: Int, radius: Double, scale: @escaping @Sendable (Int) -> Double = { _ in 1 }) {
        self.basis = basis
        self.degree = degree
        self.radius = radius
        self.scale = scale
    }

    public var name: String { "\(basis) n=\(degree)" }
}

/// The accuracy audit of PrismEvaluation: every evaluator against MPFR at many random points.
///
/// The reference evaluates the *same* Double coefficients at the *same* Double points by the same
/// recurrence in MPFR at `precision` bits (default 256), with the recurrence coefficients α_k, γ_k
/// computed from their exact values at that precision. Its own error is about 2^(8−precision)
/// relative to Σ|c_k||P_k(x)|, negligible against bounds of order 2⁻⁵³ times the same sum.
/// Deterministic: a fixed-seed SplitMix64 generator, and statistics combined in chunk order.
public enum EvaluationAudit {
    /// The standard cases: every basis at `degree`, on its natural domain.
    public static func standardCases(degree n: Int) -> [AuditCase] {
        [
            AuditCase(basis: .monomial, degree: n, radius: 1),
            AuditCase(basis: .hermiteHe, degree: n, radius: 6, scale: { k in 1 / EvaluationAudit.sqrtFactorial(k) }),
            AuditCase(basis: .hermiteNormalized, degree: n, radius: 6),
            AuditCase(basis: .legendre(dimension: 3), degree: n, radius: 1),
            AuditCase(basis: .legendre(dimension: 10), degree: n, radius: 1),
            AuditCase(basis: .chebyshev, degree: n, radius: 1),
        ]
    }

    static func sqrtFactorial(_ k: Int) -> Double {
        var f = 1.0
        if k > 1 { for j in 2...k { f *= Double(j).squareRoot() } }
        return f
    }

    /// Audits one case at `points` random points (seeded by `seed`).
    public static func run(_ auditCase: AuditCase, points: Int, seed: UInt64, precision: Int = 256, threads: Int? = nil) throws -> AuditResult {
        guard points >= 1 else { throw PrismError.domain("the audit needs at least one point, got \(points)") }
        var rng = SplitMix64(seed: seed)
        let coefficients = (0...auditCase.degree).map { k in rng.uniform(-1, 1) * auditCase.scale(k) }
        let evaluator = try SeriesEvaluator(basis: auditCase.basis, coefficients: coefficients, coefficientsAreRounded: false)
        let xs = (0..<points).map { _ in rng.uniform(-auditCase.radius, auditCase.radius) }
        let reference = ReferenceRecurrence(basis: auditCase.basis, degree: auditCase.degree, precision: precision)
        let (values, bounds) = try evaluator.valuesWithErrorBounds(at: xs, threads: threads)
        var result = compare(values: values, bounds: bounds, threads: threads) { i in
            reference.evaluate(coefficients, at: xs[i])
        }
        result.name = auditCase.name
        return result
    }

    /// Statistics of computed values and their bounds against `reference(i)` (an MPFR value).
    public static func compare(values: [Double], bounds: [Double], threads: Int? = nil,
                               reference: @escaping @Sendable (Int) -> BigFloat) -> AuditResult {
        let n = values.count
        let chunk = 2048
        let chunks = (n + chunk - 1) / chunk
        var partial = [AuditResult](repeating: AuditResult(name: "", points: 0, maxErrorULP: 0, rmsErrorULP: 0, maxErrorOverBound: 0,
                                                           violations: 0, maxAbsoluteError: 0, maxBound: 0), count: chunks)
        partial.withUnsafeMutableBufferPointer { out in
            guard let start = out.baseAddress else { return } // no chunks: nothing to compare
            let base = UncheckedSendable(start)
            let work: (Int) -> Void = { j in
                var r = AuditResult(name: "", points: 0, maxErrorULP: 0, rmsErrorULP: 0, maxErrorOverBound: 0,
                                    violations: 0, maxAbsoluteError: 0, maxBound: 0)
                for i in j * chunk..<Swift.min(n, (j + 1) * chunk) {
                    let y = reference(i)
                    let p = y.precision
                    let error = BigFloat(values[i], precision: 53).subtracting(y, precision: p, rounding: .nearest).magnitude.double(rounding: .up)
                    let nearest = y.double(rounding: .nearest)
                    let ulp = nearest == 0 ? Double.leastNonzeroMagnitude : nearest.ulp
                    let inULP = error / ulp
                    r.points += 1
                    r.maxErrorULP = Swift.max(r.maxErrorULP, inULP)
                    r.rmsErrorULP += inULP * inULP // sum of squares until combined
                    let ratio = bounds[i] > 0 ? error / bounds[i] : (error == 0 ? 0 : .infinity)
                    r.maxErrorOverBound = Swift.max(r.maxErrorOverBound, ratio)
                    if error > bounds[i] { r.violations += 1 }
                    r.maxAbsoluteError = Swift.max(r.maxAbsoluteError, error)
                    r.maxBound = Swift.max(r.maxBound, bounds[i])
                }
                base.value[j] = r
            }
            if threads == 1 || chunks == 1 {
                for j in 0..<chunks { work(j) }
            } else {
                let task = UncheckedSendable(work)
                DispatchQueue.concurrentPerform(iterations: chunks) { task.value($0) }
            }
        }
        var total = AuditResult(name: "", points: 0, maxErrorULP: 0, rmsErrorULP: 0, maxErrorOverBound: 0,
                                violations: 0, maxAbsoluteError: 0, maxBound: 0)
        for r in partial {
            total.points += r.points
            total.maxErrorULP = Swift.max(total.maxErrorULP, r.maxErrorULP)
            total.rmsErrorULP += r.rmsErrorULP
            total.maxErrorOverBound = Swift.max(total.maxErrorOverBound, r.maxErrorOverBound)
            total.violations += r.violations
            total.maxAbsoluteError = Swift.max(total.maxAbsoluteError, r.maxAbsoluteError)
            total.maxBound = Swift.max(total.maxBound, r.maxBound)
        }
        total.rmsErrorULP = (total.rmsErrorULP / Double(Swift.max(1, total.points))).squareRoot()
        return total
    }
}

/// The recurrence of a basis in MPFR: α_k and γ_{k+1} from their exact values at `precision` bits.
struct ReferenceRecurrence: Sendable {
    let basis: SeriesBasis
    let precision: Int
    let alpha: [BigFloat]
    let gammaNext: [BigFloat]

    init(basis: SeriesBasis, degree n: Int, precision p: Int) {
        self.basis = basis
        precision = p
        // α_k = a/b and γ_{k+1} = c/b of step k + 1 (`SeriesBasis.step`), rounded to nearest; √ of them for h_k.
        func value(_ a: Int, _ b: Int, squareRoot: Bool) -> BigFloat {
            let q = BigFloat(Rational(a) / Rational(b), precision: p, rounding: .nearest)
            return squareRoot ? q.sqrt(precision: p) : q
        }
        let steps = (0...n + 1).compactMap { basis.step($0) }
        alpha = steps.prefix(n + 1).map { value($0.a, $0.b, squareRoot: $0.squareRoots) }
        gammaNext = steps.dropFirst().map { value($0.c, $0.b, squareRoot: $0.squareRoots) }
    }

    /// Σ c_k P_k(x) by Clenshaw (Horner for monomials) at `precision` bits, round to nearest.
    func evaluate(_ c: [Double], at x: Double) -> BigFloat {
        let p = precision
        let X = BigFloat(x, precision: 53)
        if basis == .monomial {
            var y = BigFloat(c[c.count - 1], precision: 53)
            for i in stride(from: c.count - 2, through: 0, by: -1) {
                y = y.multiplied(by: X, precision: p, rounding: .nearest).adding(BigFloat(c[i], precision: 53), precision: p, rounding: .nearest)
            }
            return y
        }
        var b1 = BigFloat(0, precision: p), b2 = BigFloat(0, precision: p)
        for k in stride(from: c.count - 1, through: 0, by: -1) {
            let s = alpha[k].multiplied(by: X, precision: p, rounding: .nearest).multiplied(by: b1, precision: p, rounding: .nearest)
            let t = gammaNext[k].multiplied(by: b2, precision: p, rounding: .nearest)
            let b0 = s.subtracting(t, precision: p, rounding: .nearest).adding(BigFloat(c[k], precision: 53), precision: p, rounding: .nearest)
            b2 = b1; b1 = b0
        }
        return b1
    }
}
