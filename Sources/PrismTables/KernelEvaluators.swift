import PrismNumbers
import PrismActivations
import PrismKernels
import PrismEvaluation

/// Builds PrismEvaluation's kernel evaluators from the certified layer: correctly rounded Double
/// coefficients and certified truncation bounds.
public enum KernelEvaluators {
    /// The normalized deep NNGP Σ^(L) or NTK Θ^(L) of Docs/conventions.md §5 as a power series in ρ,
    /// truncated at order N:
    ///
    ///     f(ρ) = Σ_m a_m ρ^m,  a_m ≥ 0,   T = f(1) − Σ_{m≤N} a_m ≥ Σ_{m>N} a_m |ρ|^m  (|ρ| ≤ 1).
    ///
    /// The a_m are `DeepKernel`'s certified enclosures, each rounded to the Double its enclosure
    /// decides (the precision is doubled, from 128 bits, until every one is decided; proven zeros
    /// are 0); T is `NonnegativeSeries.tailBound` (f(1) is known exactly: Σ^(ℓ)(1) = 1,
    /// κ_ℓ(1) = c^{L−ℓ}) rounded up. A coefficient whose enclosure lies below 2⁻⁶⁴ (`negligible`)
    /// is evaluated as 0 and its upper bound added to T — valid because a_m ≥ 0 and |ρ| ≤ 1, and
    /// ≤ N·2⁻⁶⁴ in all, far below the evaluator's rounding bound. Deciding such a coefficient's
    /// Double would need about −log₂ a_m + 60 bits (sin's a_80 ≈ 10⁻¹¹⁹: 512 bits, three passes of
    /// the certified series), which made building the evaluator explode with the order.
    ///
    /// Error contract: the evaluator's `errorBound` bounds |f̂(ρ) − f(ρ)| for every |ρ| ≤ 1.
    /// - Throws: `PrismError` for bad input (depth or order out of range) and `notCertified` when
    ///   2048 bits do not decide a coefficient's rounding.
    public static func dotProduct(activation: Activation, kind: KernelKind, depth: Int = 1, order: Int) throws -> DotProductKernelEvaluator {
        let kernel = try DeepKernel(activation: activation, depth: depth, order: order)
        var precision = 128
        while precision <= 2048 {
            let (nngp, layers) = try kernel.series(precision: precision, includeNTK: kind == .ntk)
            let series = kind == .ntk ? DeepKernel.sum(layers) : nngp
            if let (doubles, dropped) = roundedCoefficients(series) {
                var tail = series.tailBound
                for c in dropped { tail = tail.adding(c, precision: tail.precision, rounding: .up) }
                return try DotProductKernelEvaluator(coefficients: doubles, tailBound: tail.double(rounding: .up))
            }
            precision *= 2
        }
        throw PrismError.notCertified("the binary64 rounding of a kernel coefficient of \(activation.name) at 2048 bits")
    }

    /// Enclosures below this are `negligible`: evaluated as 0, their upper bounds moved into the tail.
    static let negligible = BigFloat(1, precision: 64).scaled(byPowerOfTwo: -64)

    /// The Doubles the enclosures decide (nil if one is undecided); proven zeros give 0, and
    /// negligible ones 0 with their upper bounds returned in `dropped`.
    static func roundedCoefficients(_ series: NonnegativeSeries) -> (doubles: [Double], dropped: [BigFloat])? {
        var out: [Double] = [], dropped: [BigFloat] = []
        for (m, c) in series.coefficients.enumerated() {
            if let v = series.vanishing, m >= v.from, (m % 2 == 0) == (v.parity == .even) { out.append(0); continue }
            if c.isExactZero { out.append(0); continue }
            let a = c.lower.double(rounding: .nearest), b = c.upper.double(rounding: .nearest)
            if a.bitPattern == b.bitPattern { out.append(a); continue }
            guard c.upper < negligible else { return nil }
            out.append(0)
            dropped.append(c.upper)
        }
        return (out, dropped)
    }

    /// The NNGP kernel's expansion at the origin (Docs/conventions.md §4), truncated to ℓ + 2max(q, q') ≤ N,
    /// on the region ‖x‖², ‖x'‖², |⟨x,x'⟩| ≤ r², with s = α/d:
    ///
    ///     C_{ℓ,q,q'} = σ^{(ℓ+2q)}(0) σ^{(ℓ+2q')}(0) s^{ℓ+q+q'} / (ℓ! q! q'! 2^{q+q'})   (exact, correctly rounded to Double).
    ///
    /// Truncation bound: 0 for a polynomial σ (identity, monomial(k)) when N ≥ deg σ. For σ = sin,
    /// cos, exp, |σ^{(n)}(0)| ≤ 1, so |C| ≤ s^{ℓ+q+q'}/(ℓ! q! q'! 2^{q+q'}); the omitted indices lie in
    /// {ℓ ≥ L} ∪ {q ≥ L} ∪ {q' ≥ L} with L = ⌊N/3⌋ + 1, and Σ_{j≥L} z^j/j! ≤ e^z z^L/L!, so
    ///
    ///     T = e^{X+2Y} (X^L + 2Y^L) / L!,   X = s r²,  Y = s r²/2     (computed in interval arithmetic).
    ///
    /// Other activations have no certified tail here (their derivatives at 0 are not bounded by a
    /// geometric sequence this code can prove): that is a `domain` error naming what is supported.
    public static func smallNorm(activation: Activation, alpha: Rational = 1, dimension d: Int = 1, order N: Int,
                                 radius r: Rational) throws -> SmallNormKernelEvaluator {
        guard N >= 0 else { throw PrismError.domain("order must be ≥ 0, got \(N)") }
        guard r.signum > 0 else { throw PrismError.domain("radius must be > 0, got \(r)") }
        guard alpha.signum > 0, d >= 1 else { throw PrismError.domain("alpha must be > 0 and dimension ≥ 1") }
        let s = alpha / Rational(d), r2 = r * r
        let tail: Double
        switch activation {
        case .identity, .monomial:
            let degree: Int
            if case .monomial(let k) = activation { degree = k } else { degree = 1 }
            guard N >= degree else {
                throw PrismError.domain("order \(N) < degree \(degree) of \(activation.name): the truncated expansion would drop terms")
            }
            tail = 0
        case .sin, .cos, .exp:
            let p = 128
            let L = N / 3 + 1
            let X = Interval(s * r2, precision: p)
            let Y = Interval(s * r2 / Rational(2), precision: p)
            let two = Interval(2, precision: p)
            let numerator = try (X + two * Y).applying(.exp) * (try X.power(L) + two * (try Y.power(L)))
            let bound = try numerator.dividing(by: Interval(Rational(try BigInt.factorial(L)), precision: p))
            tail = bound.upper.double(rounding: .up)
        default:
            throw PrismError.domain("no certified truncation bound for the small-norm expansion of \(activation.name) (supported: identity, monomial(k), sin, cos, exp)")
        }
        let expansion = try OriginExpansion(activation: activation, alpha: alpha, dimension: d, order: N)
        let coefficients: [[[Double]]] = try (0...N).map { l in
            let width = (N - l) / 2 + 1
            return try (0..<width).map { q in
                try (0..<width).map { q2 in
                    let c = try expansion.coefficient(level: l, q: q, q2: q2)
                    if c.isZero { return 0 }
                    return try CertifiedValue.correctlyRoundedDouble { try c.enclosure(precision: $0) }
                }
            }
        }
        let radiusSquared = try CertifiedValue.correctlyRoundedDouble { Interval(r2, precision: $0) }
        // The region must not grow by rounding r² up: use the Double just below r² when r² rounds up.
        let region = Rational(exactly: radiusSquared).map { $0 > r2 } == true ? radiusSquared.nextDown : radiusSquared
        return try SmallNormKernelEvaluator(coefficients: coefficients, tailBound: tail, radiusSquared: region)
    }

    /// The arc-cosine-family member an activation is, if it is one (relu, leaky_relu(a), abs, step,
    /// sign), for `ArcCosineKernelEvaluator`. leaky_relu(a) = max(x, a·x): negative slope a for
    /// a ≤ 1; for a > 1 it is a·leaky_relu(1/a), the same normalized kernels.
    public static func arcCosineFamily(_ activation: Activation) -> ArcCosineKernelEvaluator.Family? {
        // σ = α relu(x) + β relu(−x) with α = 1 (relu-like): negative slope −β; σ = step(x) + β step(−x): step or sign.
        guard let parts = activation.arcCosineParts else { return nil }
        if parts.degree == 1 {
            let slope = -parts.negative / parts.positive
            return .leaky(negativeSlope: slope > Rational(1) ? Rational(1) / slope : slope)
        }
        switch parts.negative / parts.positive {
        case 0: return .step
        case -1: return .sign
        default: return nil
        }
    }

    /// The Double evaluator of the normalized deep kernels (CONVENTIONS §5) of an arc-cosine-family
    /// activation by its closed-form angle recursion, with a rigorous error bound per value.
    /// - Throws: `PrismError.domain` when the activation is not in the family, depth < 1, or the NTK
    ///   of step/sign is asked for.
    public static func arcCosine(activation: Activation, kind: KernelKind, depth: Int) throws -> ArcCosineKernelEvaluator {
        guard let family = arcCosineFamily(activation) else {
            throw PrismError.domain("\(activation.name) is not in the arc-cosine family (relu, leaky_relu(a), abs, step, sign)")
        }
        return try ArcCosineKernelEvaluator(family: family, output: kind == .ntk ? .ntk : .nngp, depth: depth)
    }
}
