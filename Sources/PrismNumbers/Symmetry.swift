/// What symmetry proves about σ: σ = P + h with P a polynomial of degree `polynomialDegree`
/// (−1 for none) and h even or odd. Then E[σ(sz) He_n(z)] = 0 for every n > deg P whose
/// parity differs from h's — exact zeros by proven symmetry, never by a small number.
public struct Symmetry: Sendable, Equatable {
    public init(polynomialDegree: Int, polynomialParity: Parity?, restParity: Parity?, restIsZero: Bool) {
        self.polynomialDegree = polynomialDegree
        self.polynomialParity = polynomialParity
        self.restParity = restParity
        self.restIsZero = restIsZero
    }

    public enum Parity: Sendable, Equatable { case even, odd }

    /// Degree of the polynomial part P (−1 when P = 0).
    public var polynomialDegree: Int
    /// The parity of P, nil when P mixes parities (any parity when P = 0).
    public var polynomialParity: Parity?
    /// The parity of the rest h; nil when unknown; `.even` with `restIsZero` for a pure polynomial.
    public var restParity: Parity?
    public var restIsZero: Bool

    package static let zero = Symmetry(polynomialDegree: -1, polynomialParity: .even, restParity: .even, restIsZero: true)
    public static func function(_ p: Parity?) -> Symmetry { Symmetry(polynomialDegree: -1, polynomialParity: .even, restParity: p, restIsZero: false) }
    public static let unknown = function(nil)
    /// 1/2 + odd (sigmoid, step).
    public static let constantPlusOdd = Symmetry(polynomialDegree: 0, polynomialParity: .even, restParity: .odd, restIsZero: false)
    /// x/2 + even (relu, leaky_relu, softplus, silu, gelu, gelu_tanh).
    public static let linearPlusEven = Symmetry(polynomialDegree: 1, polynomialParity: .odd, restParity: .even, restIsZero: false)
    public static func polynomial(degree k: Int) -> Symmetry {
        Symmetry(polynomialDegree: k, polynomialParity: k % 2 == 0 ? .even : .odd, restParity: .even, restIsZero: true)
    }

    /// Whether symmetry proves E[σ(sz) He_n(z)] = 0.
    public func provesZero(degree n: Int) -> Bool {
        guard n > polynomialDegree, let p = restParity else { return false }
        if restIsZero { return true }
        return (n % 2 == 0) != (p == .even)
    }

    /// σ's overall parity, when P and h share one (odd σ: every even-degree Hermite coefficient is 0).
    public var overall: Parity? {
        if restIsZero { return polynomialDegree < 0 ? .even : polynomialParity }
        if polynomialDegree < 0 { return restParity }
        return polynomialParity == restParity ? restParity : nil
    }

    package static func combine(_ a: Parity?, _ b: Parity?) -> Parity? { a == b ? a : nil }
    package static func product(_ a: Parity?, _ b: Parity?) -> Parity? {
        guard let a, let b else { return nil }
        return a == b ? .even : .odd
    }
}
