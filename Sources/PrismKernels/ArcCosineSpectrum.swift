import PrismNumbers
import PrismBases
import PrismActivations

/// Exact eigenvalues of the depth-1 ReLU kernels on S^{d−1} (the arc-cosine kernel of order 1).
///
/// In θ = arccos t the normalized kernels are trigonometric: the NNGP is
/// (sin θ + (π − θ) cos θ)/π and the NTK (ρk̇ + k, k̇ = (π − θ)/π) is (sin θ + 2(π − θ) cos θ)/π.
/// With Q(θ) = P_k(cos θ) sin^{d−2}θ an exact trigonometric polynomial (`Gegenbauer.angularWeights`), every integral is
/// elementary over [0, π]: ∫cos jθ = π[j=0], ∫sin jθ = (1−(−1)^j)/j, ∫θ cos jθ = ((−1)^j−1)/j²
/// (π²/2 at j = 0), ∫θ sin jθ = π(−1)^{j+1}/j. So μ_k = c_d/π·∫(A sin θ + B(π−θ)cos θ) Q dθ is an
/// exact real in π.  Error contract: exact.
public enum ArcCosineSpectrum {
    /// The normalized depth-1 kernel as f(θ) = c₀ + c₁θ + (c₂ + c₃θ) cos θ + c₄ sin θ, for the
    /// arc-cosine family (ρ = cos θ; E over (x, y) standard normal with correlation ρ):
    /// relu: (sin θ + (π−θ)cos θ)/π, k̇ = (π−θ)/π; step: (π−θ)/π; sign: 1 − 2θ/π;
    /// abs: (2/π)(sin θ + (π/2−θ)cos θ), k̇ = 1 − 2θ/π; leaky_relu(a):
    /// [aρ + (1−a)²(sin θ + (π−θ)cos θ)/(2π)] / ((1+a²)/2), k̇ = [a + (1−a)²(π−θ)/(2π)] / ((1+a²)/2).
    /// The NTK at depth 1 is ρk̇ + k. Returns nil for other activations.
    static func components(_ a: Activation, kind: KernelKind) throws -> [ExactReal]? {
        let invPi = try ExactReal(.pi).power(-1)
        func r(_ q: Rational) -> ExactReal { ExactReal(q) }
        // From the arc-cosine parts (Activation+ArcCosine.swift): degree 1, k = cos θ + (λ/π)(sin θ − θ cos θ) and
        // k̇ = 1 − λθ/π; degree 0, k = 1 − νθ/π.
        guard let parts = a.arcCosineParts else { return nil }
        var k: [ExactReal]          // c0…c4 of k
        var kDot: [ExactReal]?      // d0 + d1 θ of k̇
        if parts.degree == 1 {
            let lambdaOverPi = try ExactReal(parts.lambda) * invPi
            k = [.zero, .zero, r(1), -lambdaOverPi, lambdaOverPi]
            kDot = [r(1), -lambdaOverPi]
        } else {
            k = [r(1), try -(ExactReal(parts.nu) * invPi), .zero, .zero, .zero]
        }
        guard kind == .ntk else { return k }
        guard let dot = kDot else { throw PrismError.domain("\(a.name)' is a Dirac delta: the NTK is not defined") }
        // ρk̇ = cos θ (d0 + d1 θ)
        k[2] = try k[2] + dot[0]
        k[3] = try k[3] + dot[1]
        return k
    }

    static func sign(_ j: Int) -> Rational { j % 2 == 0 ? 1 : -1 }

    /// ∫₀^π T dθ for a trigonometric polynomial T, as an exact real.
    static func integral(_ t: TrigonometricPolynomial) throws -> ExactReal {
        var r0 = Rational(0)
        for (j, b) in t.sine.enumerated() where !b.isZero { r0 += b * (1 - sign(j)) / Rational(j) }
        return try ExactReal(r0) + ExactReal(t.cosine[0]) * ExactReal(.pi)
    }

    /// ∫₀^π θ T dθ.
    static func thetaIntegral(_ t: TrigonometricPolynomial) throws -> ExactReal {
        let pi = ExactReal(.pi)
        var r0 = Rational(0), r1 = Rational(0)
        for (j, a) in t.cosine.enumerated() where j > 0 && !a.isZero { r0 += a * (sign(j) - 1) / Rational(j * j) }
        for (j, b) in t.sine.enumerated() where !b.isZero { r1 += b * (-sign(j)) / Rational(j) }
        return try ExactReal(r0) + ExactReal(r1) * pi + ExactReal(t.cosine[0] / 2) * pi * pi
    }

    /// Exact μ_0…μ_K of the normalized depth-1 NNGP or NTK of an arc-cosine-family activation on
    /// S^{d−1}, or nil when the activation is not in the family.
    public static func eigenvalues(activation a: Activation = .relu, kind: KernelKind, dimension d: Int, maxDegree K: Int) throws -> [ExactReal]? {
        guard d >= 2 else { throw PrismError.domain("dimension d must be ≥ 2, got \(d)") }
        guard d <= 2000, K <= KernelSpectrum.maxSpectrumDegree else { throw PrismError.limitExceeded("dimension ≤ 2000 and degree ≤ \(KernelSpectrum.maxSpectrumDegree) for exact arc-cosine eigenvalues") }
        guard let c = try components(a, kind: kind) else { return nil }
        let cd = try Sphere.densityConstant(dimension: d)
        let weights = try Gegenbauer.angularWeights(dimension: d, maxDegree: K)
        return try (0...K).map { k in
            let q = weights[k]
            let cosQ = q.timesCos(), sinQ = q.timesSin()
            var total = ExactReal.zero
            if !c[0].isZero { total = try total + c[0] * integral(q) }
            if !c[1].isZero { total = try total + c[1] * thetaIntegral(q) }
            if !c[2].isZero { total = try total + c[2] * integral(cosQ) }
            if !c[3].isZero { total = try total + c[3] * thetaIntegral(cosQ) }
            if !c[4].isZero { total = try total + c[4] * integral(sinQ) }
            return try cd * total
        }
    }
}
