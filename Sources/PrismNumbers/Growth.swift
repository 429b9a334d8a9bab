

/// A rigorous growth bound |σ(u)| ≤ A + B|u| (affine) or |σ(u)| ≤ A·e^{B|u|} (exponential),
/// with rational A, B ≥ 0: what the tail bound of the Hermite integrals needs.
public struct Growth: Sendable, Equatable {
    public init(a: Rational, b: Rational, exponential: Bool) {
        self.a = a
        self.b = b
        self.exponential = exponential
    }

    public var a: Rational
    public var b: Rational
    public var exponential: Bool

    public static func affine(_ a: Rational, _ b: Rational) -> Growth { Growth(a: a, b: b, exponential: false) }

    /// The same bound in exponential form: A + B|u| ≤ (A + B) e^{|u|}.
    public var asExponential: Growth { exponential ? self : (b.isZero ? self : Growth(a: a + b, b: 1, exponential: true)) }
}
