import PrismNumbers

/// An activation of the arc-cosine family, written through its two half-lines:
///
///     σ(x) = α·relu(x) + β·relu(−x)   (homogeneous of degree 1: relu, leaky_relu(a), abs),
///     σ(x) = α·step(x) + β·step(−x)   (degree 0: step, sign).
///
/// With S = α² + β² and P = 2αβ, for (x, y) standard normal with correlation ρ = cos φ
/// (E[relu(x)relu(y)] = (sin φ + (π − φ) cos φ)/(2π), E[relu(x)relu(−y)] = (sin φ − φ cos φ)/(2π),
/// P(x > 0, y > 0) = (π − φ)/(2π)):
///
///     degree 1:  E[σ(x)σ(y)] = [(S + P) sin φ + (S(π − φ) − Pφ) cos φ]/(2π),  E[σ²] = S/2,
///                E[σ'(x)σ'(y)] = [S(π − φ) − Pφ]/(2π),                          E[σ'²] = S/2;
///     degree 0:  E[σ(x)σ(y)] = [S(π − φ) + Pφ]/(2π),                             E[σ²] = S/2.
///
/// The kernel layer builds every arc-cosine kernel (exact depth-1 moments, the θ route at any
/// depth, with or without weight and bias variances) from these three numbers alone.
public struct ArcCosineParts: Sendable, Equatable {
    /// The degree of homogeneity: 1 (relu-like) or 0 (step-like).
    public let degree: Int
    /// α, the coefficient on the positive half-line.
    public let positive: Rational
    /// β, the coefficient on the negative half-line.
    public let negative: Rational

    /// S = α² + β² (= 2 E[σ²]).
    public var squareSum: Rational { positive * positive + negative * negative }
    /// P = 2αβ.
    public var crossTerm: Rational { 2 * positive * negative }
    /// λ = (α + β)²/(α² + β²) ∈ [0, 2]: the normalized dual is 1 − k(cos φ) = φ²(C(φ) − λF(φ)) with
    /// C = (1 − cos φ)/φ², F = (sin φ − φ cos φ)/(πφ²) (degree 1), and k̇ = 1 − λφ/π.
    public var lambda: Rational { (squareSum + crossTerm) / squareSum }
    /// ν = 1 − P/S ∈ [0, 2]: for degree 0, 1 − k(cos φ) = νφ/π.
    public var nu: Rational { 1 - crossTerm / squareSum }
    /// E[σ(z)²] = S/2 (and E[σ'(z)²] for degree 1).
    public var secondMoment: Rational { squareSum / 2 }
}

extension Activation {
    /// The arc-cosine parts (α, β, degree) of relu, leaky_relu(a), abs, step and sign; nil otherwise.
    public var arcCosineParts: ArcCosineParts? {
        switch self {
        case .relu: return ArcCosineParts(degree: 1, positive: 1, negative: 0)
        case .leakyRelu(let a): return a == 1 ? nil : ArcCosineParts(degree: 1, positive: 1, negative: -a)
        case .abs: return ArcCosineParts(degree: 1, positive: 1, negative: 1)
        case .step: return ArcCosineParts(degree: 0, positive: 1, negative: 0)
        case .sign: return ArcCosineParts(degree: 0, positive: 1, negative: -1)
        default: return nil
        }
    }
}
