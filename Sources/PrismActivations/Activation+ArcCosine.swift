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
    /// The arc-cosine parts (α, β, degree) of relu, leaky_relu(a), abs, step and sign (their records); nil otherwise.
    public var arcCosineParts: ArcCosineParts? { record?.arcCosineParts }
}

/// An elementary function of ρ ∈ [−1, 1] of the arc-cosine family's form
///
///     f(ρ) = (1/π) [ r(ρ) √(1 − ρ²) + π p(ρ) − a(ρ) arccos ρ ],   r, p, a ∈ ℚ[ρ],
///
/// closed under sums and products with polynomials: the normalized dual activations of
/// `ArcCosineParts` and their one-level NTK combination k(ρ) + ρ k̇(ρ) are of this form.
/// Coefficient arrays are in ascending powers of ρ.
///
/// Error contract: exact.
public struct ArcCosineElementary: Sendable, Equatable {
    /// r, the coefficient polynomial of √(1 − ρ²)/π.
    public var root: [Rational]
    /// p, the polynomial part.
    public var polynomial: [Rational]
    /// a, the coefficient polynomial of −arccos ρ/π.
    public var arccos: [Rational]

    public init(root: [Rational] = [], polynomial: [Rational] = [], arccos: [Rational] = []) {
        self.root = root
        self.polynomial = polynomial
        self.arccos = arccos
    }

    /// f + g.
    public func adding(_ g: ArcCosineElementary) -> ArcCosineElementary {
        func sum(_ a: [Rational], _ b: [Rational]) -> [Rational] {
            (0..<Swift.max(a.count, b.count)).map { i in (i < a.count ? a[i] : 0) + (i < b.count ? b[i] : 0) }
        }
        return ArcCosineElementary(root: sum(root, g.root), polynomial: sum(polynomial, g.polynomial), arccos: sum(arccos, g.arccos))
    }

    /// ρ·f.
    public func timesRho() -> ArcCosineElementary {
        func shift(_ a: [Rational]) -> [Rational] { a.isEmpty ? [] : [0] + a }
        return ArcCosineElementary(root: shift(root), polynomial: shift(polynomial), arccos: shift(arccos))
    }
}

extension ArcCosineParts {
    /// The normalized dual activation k(ρ) = E[σ(x)σ(y)]/E[σ²] (CONVENTIONS §5) in elementary form
    /// (ρ = cos φ, from the moments above):
    ///
    ///     degree 1:  k(ρ) = (1/π)[λ√(1−ρ²) + πρ − λρ arccos ρ],   degree 0:  k(ρ) = 1 − ν arccos ρ/π.
    ///
    /// Error contract: exact.
    public var normalizedDual: ArcCosineElementary {
        degree == 1 ? ArcCosineElementary(root: [lambda], polynomial: [0, 1], arccos: [0, lambda])
                    : ArcCosineElementary(polynomial: [1], arccos: [nu])
    }

    /// The normalized derivative dual k̇(ρ) = E[σ'(x)σ'(y)]/E[σ²] = 1 − λ arccos ρ/π (degree 1), or nil
    /// for degree 0 (σ' is a Dirac delta).
    ///
    /// Error contract: exact.
    public var normalizedDerivativeDual: ArcCosineElementary? {
        degree == 1 ? ArcCosineElementary(polynomial: [1], arccos: [lambda]) : nil
    }
}
