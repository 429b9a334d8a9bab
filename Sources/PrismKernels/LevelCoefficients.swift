import PrismNumbers
import PrismActivations

/// Level coefficients of the random-feature (NNGP) kernel K(x, x') = E_w[σ(⟨w,x⟩) σ(⟨w,x'⟩)],
/// w ~ N(0, (α/d) I_d), written K = Σ_ℓ (c_ℓ/ℓ!) ⟨x,x'⟩^ℓ (CONVENTIONS §4).
public enum LevelExpansion: String, CaseIterable, Sendable {
    /// On the sphere ‖x‖ = ‖x'‖ = r: c_ℓ = ℓ! r^{−2ℓ} b_ℓ(σ; r√(α/d))² (exact, by Mehler's formula).
    case sphere
    /// Small norms: c_ℓ = (α/d)^ℓ σ^{(ℓ)}(0)², the q = q' = 0 part of the expansion at the origin.
    case smallNorm = "small-norm"
}

/// The level coefficients c_ℓ, ℓ = 0…N, exact where σ's Hermite coefficients (sphere) or Taylor
/// derivatives (small norm) are exact, certified enclosures otherwise.
public struct LevelCoefficients: Sendable {
    public let activation: Activation
    public let alpha: Rational
    public let dimension: Int
    public let radius: Rational
    public let expansion: LevelExpansion
    public let degree: Int
    /// Exact values when known.
    public let exact: [ExactReal]?
    let hermite: HermiteCoefficients?

    /// The Hermite coefficients behind a non-exact sphere expansion (set whenever `exact` is nil).
    func hermiteRoute() throws -> HermiteCoefficients {
        try hermite.unwrapped(or: .domain("\(activation.name): no Hermite route for the \(expansion) expansion"))
    }

    public init(activation: Activation, degree N: Int, alpha: Rational = 1, dimension d: Int = 1, radius r: Rational = 1,
                expansion: LevelExpansion = .sphere) throws {
        guard alpha.signum > 0 else { throw PrismError.domain("alpha must be > 0, got \(alpha)") }
        guard d >= 1 else { throw PrismError.domain("dimension must be ≥ 1, got \(d)") }
        guard r.signum > 0 else { throw PrismError.domain("radius must be > 0, got \(r)") }
        guard N >= 0 else { throw PrismError.domain("degree must be ≥ 0, got \(N)") }
        self.activation = activation
        self.alpha = alpha
        dimension = d
        radius = r
        self.expansion = expansion
        degree = N
        let s = alpha / Rational(d) // the weight variance α/d
        switch expansion {
        case .smallNorm:
            let derivatives = try activation.taylorDerivatives(order: N)
            var sPower = Rational(1)
            exact = try derivatives.enumerated().map { l, v in
                if l > 0 { sPower *= s }
                return try ExactReal(sPower) * v * v
            }
            hermite = nil
        case .sphere:
            // c_ℓ = ℓ! r^{−2ℓ} b_ℓ(σ; r√s)²
            let scale = try ExactReal(r) * ExactReal(s).power(.fraction(1, 2))
            let h = try HermiteCoefficients(activation: activation, exactScale: scale, degree: N)
            hermite = h
            if let b = try h.exact {
                var factor = Rational(1)
                let r2 = r * r
                exact = try b.enumerated().map { l, v in
                    if l > 0 { factor = factor * Rational(l) / r2 }
                    return try ExactReal(factor) * v * v
                }
            } else {
                exact = nil
            }
        }
    }

    /// Enclosures at working precision about p.
    public func enclosures(precision p: Int) throws -> [Interval] {
        if let exact { return try exact.map { try $0.enclosure(precision: p) } }
        let b = try hermiteRoute().enclosures(precision: p)
        let wp = b.first?.precision ?? p
        var factor = Rational(1)
        let r2 = radius * radius
        return b.enumerated().map { l, v in
            if l > 0 { factor = factor * Rational(l) / r2 }
            return Interval(factor, precision: wp) * v * v
        }
    }

    /// Every coefficient certified to D digits (exact zeros from the Hermite layer's proofs).
    public func certified(digits D: Int) throws -> [CertifiedValue] {
        if let exact { return try exact.map { try CertifiedValue(exact: $0, digits: D) } }
        var values = try CertifiedValue.certifyAll(count: degree + 1, digits: D, startPrecision: CertifiedValue.bits(forDigits: D) + 24) {
            try enclosures(precision: $0)
        }
        let provenZero = try hermiteRoute().provenZero
        for l in 0...degree where provenZero[l] { values[l] = try CertifiedValue(exact: .zero, digits: D) }
        return values
    }
}
