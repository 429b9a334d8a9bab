import PrismNumbers
import PrismBases
import PrismActivations

extension ArcCosineSpectrum {
    /// ∫₀^π θ² T dθ: ∫θ² cos jθ = 2π(−1)^j/j² (π³/3 at j = 0), ∫θ² sin jθ = (−1)^{j+1}π²/j + 2((−1)^j − 1)/j³.
    static func thetaSquaredIntegral(_ t: TrigonometricPolynomial) throws -> ExactReal {
        let pi = ExactReal(.pi)
        var r0 = Rational(0), r1 = Rational(0), r2 = Rational(0)
        let r3 = t.cosine[0] / 3
        for (j, a) in t.cosine.enumerated() where j > 0 && !a.isZero { r1 += 2 * a * sign(j) / Rational(j * j) }
        for (j, b) in t.sine.enumerated() where !b.isZero {
            r2 -= b * sign(j) / Rational(j)
            r0 += 2 * b * (sign(j) - 1) / Rational(j * j * j)
        }
        return try ExactReal(r0) + ExactReal(r1) * pi + ExactReal(r2) * pi * pi + ExactReal(r3) * pi * pi * pi
    }

    /// The sum rules of the normalized depth-1 NNGP or NTK f of an arc-cosine-family activation on S^{d−1}
    /// (CONVENTIONS §3, §14), exactly:
    ///
    ///     Σ_k N(d,k) μ_k = f(1) = c₀ + c₂,   Σ_k N(d,k) μ_k² = E_t[f(t)²] = c_d ∫₀^π f(θ)² sin^{d−2}θ dθ,
    ///
    /// with f(θ) = c₀ + c₁θ + (c₂ + c₃θ) cos θ + c₄ sin θ (`components`): f² is a sum of θ^a (a ≤ 2) times
    /// trigonometric polynomials with rational coefficients, integrated term by term. nil for other activations.
    /// Error contract: exact.
    public static func sumRules(activation a: Activation, kind: KernelKind, dimension d: Int) throws -> (first: ExactReal, second: ExactReal)? {
        guard d >= 2 else { throw PrismError.domain("dimension d must be ≥ 2, got \(d)") }
        guard d <= 2000 else { throw PrismError.limitExceeded("dimension ≤ 2000 for exact arc-cosine sum rules") }
        guard let c = try components(a, kind: kind) else { return nil }
        // g_i: 1, θ, cos θ, θ cos θ, sin θ as (power of θ, trigonometric polynomial), each times sin^{d−2}θ.
        let weight = try Gegenbauer.angularWeights(dimension: d, maxDegree: 0)[0] // sin^{d−2}θ
        let basis: [(Int, TrigonometricPolynomial)] = [(0, weight), (1, weight), (0, weight.timesCos()), (1, weight.timesCos()), (0, weight.timesSin())]
        let trigonometric: [(TrigonometricPolynomial) -> TrigonometricPolynomial] = [{ $0 }, { $0 }, { $0.timesCos() }, { $0.timesCos() }, { $0.timesSin() }]
        var second = ExactReal.zero
        for i in 0..<5 where !c[i].isZero {
            for j in i..<5 where !c[j].isZero {
                let product = trigonometric[j](basis[i].1) // g_i g_j sin^{d−2}θ without its θ powers
                let power = basis[i].0 + (j == 1 || j == 3 ? 1 : 0)
                let value: ExactReal
                switch power {
                case 0: value = try integral(product)
                case 1: value = try thetaIntegral(product)
                default: value = try thetaSquaredIntegral(product)
                }
                second = try second + (i == j ? c[i] * c[i] : ExactReal(2) * c[i] * c[j]) * value
            }
        }
        return (try c[0] + c[2], try Sphere.densityConstant(dimension: d) * second)
    }
}
