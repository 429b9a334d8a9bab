import RealModule
import PrismNumbers

/// The normalized deep NNGP Σ^(L) and NTK Θ^(L) of CONVENTIONS §5 for the arc-cosine family,
/// evaluated in Double from the closed-form recursion on the layers' angles, with a rigorous error
/// bound per value.
///
/// Family: σ(x) = x (x > 0), a·x (x < 0) — relu (a = 0), leaky_relu(a), abs (a = −1) — and the
/// step functions step (Heaviside) and sign (NNGP only). With w = (1 − a)²/(1 + a²), c = 2a/(1 + a²)
/// (w + c = 1), k₁(cos φ) = (sin φ + (π − φ) cos φ)/π and k₀(cos φ) = 1 − φ/π:
///
///     leaky:  k(ρ) = w·k₁(ρ) + c·ρ,   k̇(ρ) = w·k₀(ρ) + c = 1 − wφ/π;
///     step:   k(ρ) = 1 − φ/π;   sign: k(ρ) = 1 − 2φ/π      (ρ = cos φ).
///
/// Angles: Σ^(ℓ) = cos φ_ℓ, φ₀ = θ the input angle. For the leaky family, with
/// G(φ) = 2 sin²(φ/2)/φ² and P(φ) = (sin φ − φ cos φ)/φ²,
///
///     1 − cos φ_{ℓ+1} = φ_ℓ² F(φ_ℓ),  F = G − (w/π) P,  s_ℓ = sin(φ_{ℓ+1}/2) = φ_ℓ √(F(φ_ℓ)/2),
///     φ_{ℓ+1} = 2 asin s_ℓ,  Σ^(ℓ+1) = 1 − 2 s_ℓ²,  Σ̇^(ℓ+1) = 1 − w φ_ℓ/π,
///     Θ^(0) = cos θ,  Θ^(ℓ+1) = Σ^(ℓ+1) + Σ̇^(ℓ+1) Θ^(ℓ),
///
/// (G and P by their Taylor series on [0, π/2], so nothing cancels near θ = 0 — the form of
/// `PrismKernels.ReLUAngleRecursion`); for step/sign s_ℓ = √(κ φ_ℓ/(2π)) (κ = 1, 2).
///
/// Error analysis (RoundingModel, plus libm's sin, cos, asin, acos, atan2 within `libmUlps` ulps):
/// * Propagation: the angle map φ ↦ φ' = arccos k(cos φ) of the leaky family is 1-Lipschitz on
///   [0, π]. Proof: k(⟨x, y⟩) = ⟨Φ(x), Φ(y)⟩ for a feature map Φ of the unit sphere into the unit
///   sphere of a Hilbert space; a great-circle arc of length |θ₁ − θ₂| is mapped to a curve of
///   length √k'(1)·|θ₁ − θ₂|, so by the triangle inequality for the spherical distance
///   |φ'(θ₁) − φ'(θ₂)| ≤ √k'(1)|θ₁ − θ₂|, and k'(1) = E[σ'²]/E[σ²] = 1 for σ positively
///   homogeneous of degree 1. So an angle error e_ℓ becomes at most e_ℓ + (local error) one layer up.
///   For φ > π/2 the layer is computed from ψ = π − φ (k₁(−ρ) = k₁(ρ) − ρ), see `leakyStep`.
///   For step/sign (not Lipschitz at 0) the error is carried through √ explicitly:
///   |√x − √y| ≤ min(√|x − y|, |x − y|/√x).
/// * Local errors are bounded term by term in Double and every bound is inflated by
///   `RoundingModel.inflate`: Horner on the series of G and P (`hornerBound`), their closed forms (libm errors λ = 2·libmUlps·u relative), √, asin's Lipschitz constant
///   1/√(1 − s²) on [ŝ, ŝ + ε] (at t ≥ ŝ + ε rounded up, 1 − t² as (1 − t)(1 + t)), and the NTK products.
///
/// Error contract: `value(angle:angleError:)` returns v̂ and B with |v̂ − K(cos θ)| ≤ B for every
/// θ ∈ [0, π] with |θ − θ̂| ≤ angleError. Non-finite or out-of-range input throws
/// `PrismError.domain`; nothing traps.
public struct ArcCosineKernelEvaluator: Sendable {
    /// Which activation of the family.
    public enum Family: Sendable, Equatable {
        /// σ(x) = x for x > 0, a·x for x < 0 (relu: a = 0, abs: a = −1).
        case leaky(negativeSlope: Rational)
        case step
        case sign
    }
    public enum Output: String, Sendable { case nngp, ntk }

    public let family: Family
    public let output: Output
    /// L ≥ 1 hidden layers.
    public let depth: Int
    /// libm's assumed accuracy, in ulps, for sin, cos, asin, acos, atan2 (glibc documents ≤ 1 ulp on
    /// x86_64 and aarch64 for these; 2 leaves a margin; the tests check it against MPFR).
    public static let libmUlps: Double = 2

    /// w rounded to nearest, and w/π rounded to nearest (leaky family; 0 otherwise).
    let w: Double
    let wOverPi: Double
    /// |ŵ − w|: 0 when w is a Double (relu, abs), else u·ŵ.
    let wError: Double
    /// κ/(2π) for step (κ = 1) and sign (κ = 2).
    let stepScale: Double
    /// Taylor coefficients in x = φ² of G = Σ (−1)ⁿ xⁿ/(2n+2)! and P/φ = Σ (−1)ⁿ 2(n+1) xⁿ/(2n+3)!,
    /// and the a-priori bounds of their Horner evaluation's error on φ ∈ [0, π/2] (every G and P
    /// the recursion needs: φ ≤ π/2, or ψ = π − φ < π/2).
    static let gCoefficients: [Double] = series { n in 1 / factorial(2 * n + 2) }
    static let pCoefficients: [Double] = series { n in Double(2 * (n + 1)) / factorial(2 * n + 3) }
    static let gBound = hornerBound(gCoefficients)
    static let pBound = hornerBound(pCoefficients)
    /// The same coefficients as SIMD values (no reference counting in the hot loop).
    let gVector: SIMD16<Double>
    let pVector: SIMD16<Double>
    let gBound: Double
    let pBound: Double

    // Literals, so the hot loop reads constants (RoundingModel.unitRoundoff = 2⁻⁵³; λ = 2·libmUlps·u).
    static let u: Double = 0x1p-53
    static let lambda: Double = 0x1p-51
    static let seriesTerms = 14
    /// |π̂ − π| for π̂ = Double.pi.
    static let piError = 1.2246467991473532e-16.nextUp

    static func factorial(_ n: Int) -> Double { (1...Swift.max(n, 1)).reduce(1.0) { $0 * Double($1) } }
    static func series(_ magnitude: (Int) -> Double) -> [Double] {
        (0..<seriesTerms).map { n in (n % 2 == 0 ? 1 : -1) * magnitude(n) }
    }
    /// Σ_n (γ_{2n+1} + (n + 12)u)|c_n| X^n with X = 2.5 ≥ fl(φ²) for φ ≤ π/2 (Horner in x = fl(φ²):
    /// the coefficients within 10u — factorials exact below 23!, at most 3 roundings each otherwise —
    /// and x within u), plus the tail Σ_{n ≥ N} |c_n| X^n ≤ 2|c_{N−1}| X^N/(2N) (|c_{n+1}| X ≤ |c_n| X/(2n+2)
    /// ≤ |c_n|/2 for n ≥ N − 1), all rounded up.
    static func hornerBound(_ c: [Double]) -> Double {
        var sum = 0.0, power = 1.0
        for (n, value) in c.enumerated() {
            sum += (RoundingModel.gamma(2 * n + 1) + Double(n + 12) * u) * Swift.abs(value) * power
            power *= 2.5
        }
        let tail = 2 * Swift.abs(c[c.count - 1]) * power / Double(2 * c.count)
        return RoundingModel.inflate(sum + tail, operations: 4 * c.count + 2)
    }

    /// - Throws: `PrismError.domain` for depth < 1 or the NTK of step/sign (k̇ = 1/(π sin φ) is
    ///   infinite at ρ = 1).
    public init(family: Family, output: Output, depth: Int) throws {
        guard depth >= 1, depth <= 1000 else { throw PrismError.domain("depth must be in 1…1000, got \(depth)") }
        self.family = family
        self.output = output
        self.depth = depth
        var gv = SIMD16<Double>(), pv = SIMD16<Double>()
        for n in 0..<ArcCosineKernelEvaluator.seriesTerms {
            gv[n] = ArcCosineKernelEvaluator.gCoefficients[n]
            pv[n] = ArcCosineKernelEvaluator.pCoefficients[n]
        }
        gVector = gv
        pVector = pv
        gBound = ArcCosineKernelEvaluator.gBound
        pBound = ArcCosineKernelEvaluator.pBound
        switch family {
        case .leaky(let a):
            let one = Rational(1)
            let wq = (one - a) * (one - a) / (one + a * a)
            w = BigFloat(wq, precision: 53, rounding: .nearest).double()
            wError = Rational(exactly: w) == wq ? 0 : ArcCosineKernelEvaluator.u * w
            let wOverPiI = try Interval(wq, precision: 128).dividing(by: Interval.constant(.pi, precision: 128))
            wOverPi = wOverPiI.lower.double(rounding: .nearest)
            stepScale = 0
        case .step, .sign:
            guard output == .nngp else {
                throw PrismError.domain("the NTK of \(family == .step ? "step" : "sign") is infinite at ρ = 1 (k̇ = 1/(π sin φ)); only its NNGP has a double evaluator")
            }
            w = 0
            wOverPi = 0
            wError = 0
            stepScale = (family == .step ? 0.5 : 1.0) / Double.pi
        }
    }

    /// Ĝ(φ), P̂(φ) for a Double φ ∈ [0, π/2] by their Taylor series, and bounds of their errors.
    @inline(__always)
    func gp(_ phi: Double) -> (g: Double, gError: Double, p: Double, pError: Double) {
        let x = phi * phi
        let last = ArcCosineKernelEvaluator.seriesTerms - 1
        var g = gVector[last], q = pVector[last]
        var n = last - 1
        while n >= 0 { g = x * g + gVector[n]; q = x * q + pVector[n]; n -= 1 }
        let p = phi * q
        return (g, gBound, p, RoundingModel.inflate(phi * pBound + ArcCosineKernelEvaluator.u * p, operations: 2))
    }

    /// One layer of the leaky family from (φ̂, e): (φ̂', e', ŝ, ε_s) with |ŝ − sin(φ'/2)| ≤ ε_s, φ' the
    /// exact next angle of the exact φ (|φ − φ̂| ≤ e).
    ///
    /// For φ ≤ π/2: s = φ√(F/2), F = G − (w/π)P. For φ > π/2, with ψ = π − φ (k₁(−ρ) = k₁(ρ) − ρ):
    /// 1 − cos φ' = D = (2 − w) − ψ²Q, Q = (1 − w)G(ψ) + (w/π)P(ψ), s = √(D/2) — no cancellation
    /// against a small 1 − cos φ' (abs at ρ = −1, where F(π) = 0).
    @inline(__always)
    func leakyStep(_ phi: Double, _ e: Double, needAngle: Bool) -> (phi: Double, e: Double, s: Double, sError: Double) {
        let u = ArcCosineKernelEvaluator.u
        var s: Double, sLocal: Double, shift = 0.0
        if phi <= Double.pi / 2 {
            let r = gp(phi)
            let F = r.g - wOverPi * r.p
            let fError = RoundingModel.inflate(r.gError + wOverPi * (r.pError + 3 * u * Swift.abs(r.p)) + u * Swift.abs(F), operations: 4)
            let root = (Swift.max(F, 0) / 2).squareRoot()
            let rootError = root > 0 ? Swift.min((fError / 2).squareRoot(), (fError / 2) / root) : (fError / 2).squareRoot()
            s = phi * root
            sLocal = phi * rootError + 2.01 * u * s
        } else {
            let psi = Double.pi - phi // exact (Sterbenz); the shift π̂ − π is carried as an angle error
            shift = ArcCosineKernelEvaluator.piError
            let r = gp(psi)
            let oneMinusW = 1 - w, twoMinusW = 2 - w
            let q = oneMinusW * r.g + wOverPi * r.p
            let psi2 = psi * psi
            let d = twoMinusW - psi2 * q
            // w within u; (1 − w), (2 − w) within u of themselves; Q's terms; ψ² and the products.
            let qError = Swift.abs(oneMinusW) * r.gError + (wError + 2 * u * Swift.abs(oneMinusW)) * r.g
                + wOverPi * (r.pError + 3 * u * Swift.abs(r.p)) + u * Swift.abs(q)
            let dError = RoundingModel.inflate(wError + u * twoMinusW + psi2 * (qError + 3 * u * Swift.abs(q)) + u * Swift.abs(d), operations: 8)
            let root = (Swift.max(d, 0) / 2).squareRoot()
            let rootError = root > 0 ? Swift.min((dError / 2).squareRoot(), (dError / 2) / root) : (dError / 2).squareRoot()
            s = root
            sLocal = rootError + u * s
        }
        s = Swift.min(s, 1)
        // 1-Lipschitz angle map: e + shift moves φ' by at most as much, hence s by half of it.
        let carried = e + shift
        let sError = RoundingModel.inflate(sLocal + carried / 2, operations: 2)
        guard needAngle else { return (.nan, .nan, s, sError) } // the last layer needs s only
        let lambda = ArcCosineKernelEvaluator.lambda
        let phiNext = 2 * Double.asin(s)
        // asin's slope at t ≥ ŝ + ε_s (fl(ŝ + ε_s) rounded up by 1 + 4u), 1 − t² = (1 − t)(1 + t):
        // no cancellation near t = 1, so the inflation covers the roundings.
        let top = (s + sLocal) * (1 + 4 * u)
        let local = top < 1 ? 2 * sLocal / ((1 - top) * (1 + top)).squareRoot() : Double.pi
        let eNext = RoundingModel.inflate(carried + local + lambda * phiNext, operations: 8)
        return (phiNext, Swift.min(eNext, Double.pi), s, sError)
    }

    /// One layer of step/sign: s = √(κφ/(2π)), carried through √ explicitly.
    @inline(__always)
    func stepStep(_ phi: Double, _ e: Double) -> (phi: Double, e: Double) {
        let u = ArcCosineKernelEvaluator.u, lambda = ArcCosineKernelEvaluator.lambda
        var s = (stepScale * phi).squareRoot()
        // κ/(2π) within 3u, × (u), √ (u); the carried error through √.
        let propagated = s > 0 ? Swift.min((stepScale * e).squareRoot(), stepScale * e / s) : (stepScale * e).squareRoot()
        s = Swift.min(s, 1)
        let sError = RoundingModel.inflate(3.01 * u * s + propagated, operations: 6)
        let phiNext = 2 * Double.asin(s)
        let top = (s + sError) * (1 + 4 * u) // as in `leakyStep`
        let asinError = top < 1 ? 2 * sError / ((1 - top) * (1 + top)).squareRoot() : Double.pi
        let eNext = RoundingModel.inflate(asinError + lambda * phiNext, operations: 8)
        return (phiNext, Swift.min(eNext, Double.pi))
    }

    /// K(cos θ) and a bound of its error, from θ̂ ∈ [0, π] known to within `angleError`.
    /// Error contract: see the type.
    public func value(angle theta: Double, angleError: Double) throws -> (value: Double, errorBound: Double) {
        guard theta.isFinite, angleError.isFinite, angleError >= 0, theta >= 0, theta <= Double.pi.nextUp else {
            throw PrismError.domain("angle θ = \(theta) (error \(angleError)) outside [0, π]")
        }
        return evaluate(Swift.min(theta, Double.pi), angleError)
    }

    /// K(ρ) and a bound of |K̂ − K(ρ)| for ρ ∈ [−1, 1] (θ = acos ρ, within λθ).
    /// - Throws: `PrismError.domain` for ρ outside [−1, 1] or not finite.
    public func value(at rho: Double) throws -> (value: Double, errorBound: Double) {
        guard rho.isFinite, Swift.abs(rho) <= 1 else { throw PrismError.domain("kernel argument ρ = \(rho) outside [−1, 1]") }
        let theta = Double.acos(rho)
        return evaluate(theta, RoundingModel.inflate(ArcCosineKernelEvaluator.lambda * theta, operations: 1))
    }

    /// The recursion (θ̂ ∈ [0, π], e₀ ≥ 0).
    @inline(__always)
    func evaluate(_ theta: Double, _ e0: Double) -> (value: Double, errorBound: Double) {
        let u = ArcCosineKernelEvaluator.u, lambda = ArcCosineKernelEvaluator.lambda
        var phi = theta, e = e0
        // Θ^(0) = cos θ = 1 − 2 sin²(θ/2): |error| ≤ e (1-Lipschitz) + rounding.
        var theta0 = 0.0, theta0Error = 0.0
        if output == .ntk {
            let h = Double.sin(theta / 2)
            theta0 = 1 - 2 * h * h
            theta0Error = RoundingModel.inflate(e + 4 * h * h * (lambda + 2 * u) + u * Swift.abs(theta0), operations: 4)
        }
        var sigma = 0.0, sigmaError = 0.0
        for layer in 0..<depth {
            let previousPhi = phi, previousE = e
            if stepScale != 0 {
                (phi, e) = stepStep(phi, e)
                // Σ = 1 − κφ/π = 1 − 2·stepScale·φ.
                sigma = 1 - 2 * stepScale * previousPhi
                sigmaError = RoundingModel.inflate(2 * stepScale * previousE + 3 * u * 2 * stepScale * previousPhi + u * Swift.abs(sigma), operations: 4)
                continue
            }
            let next = leakyStep(phi, e, needAngle: layer < depth - 1)
            phi = next.phi
            e = next.e
            // Σ = 1 − 2s², |ŝ − s| ≤ δ.
            let s = next.s, d = next.sError
            sigma = 1 - 2 * s * s
            sigmaError = RoundingModel.inflate(2 * (2 * s + d) * d + 4 * u * s * s + u * Swift.abs(sigma), operations: 4)
            if output == .ntk {
                // Σ̇ = 1 − (w/π)φ; Θ' = Σ + Σ̇ Θ.
                let sigmaDot = 1 - wOverPi * previousPhi
                let sigmaDotError = wOverPi * previousE + (5 * u * wOverPi * previousPhi + u * Swift.abs(sigmaDot))
                let product = sigmaDot * theta0
                let updated = sigma + product
                let updatedError = sigmaError + Swift.abs(sigmaDot) * theta0Error + (Swift.abs(theta0) + theta0Error) * sigmaDotError
                    + u * Swift.abs(product) + u * Swift.abs(updated)
                theta0 = updated
                theta0Error = RoundingModel.inflate(updatedError, operations: 8)
            }
        }
        return output == .ntk ? (theta0, theta0Error) : (sigma, sigmaError)
    }
}
