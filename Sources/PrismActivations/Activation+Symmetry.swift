import PrismNumbers

/// What symmetry proves about σ: σ = P + h with P a polynomial of degree `polynomialDegree`
/// (−1 for none) and h even or odd. Then E[σ(sz) He_n(z)] = 0 for every n > deg P whose
/// parity differs from h's — exact zeros by proven symmetry, never by a small number.
public struct Symmetry: Sendable, Equatable {
    public enum Parity: Sendable, Equatable { case even, odd }

    /// Degree of the polynomial part P (−1 when P = 0).
    public var polynomialDegree: Int
    /// The parity of P, nil when P mixes parities (any parity when P = 0).
    public var polynomialParity: Parity?
    /// The parity of the rest h; nil when unknown; `.even` with `restIsZero` for a pure polynomial.
    public var restParity: Parity?
    public var restIsZero: Bool

    static let zero = Symmetry(polynomialDegree: -1, polynomialParity: .even, restParity: .even, restIsZero: true)
    static func function(_ p: Parity?) -> Symmetry { Symmetry(polynomialDegree: -1, polynomialParity: .even, restParity: p, restIsZero: false) }
    static let unknown = function(nil)
    /// 1/2 + odd (sigmoid, step).
    static let constantPlusOdd = Symmetry(polynomialDegree: 0, polynomialParity: .even, restParity: .odd, restIsZero: false)
    /// x/2 + even (relu, leaky_relu, softplus, silu, gelu, gelu_tanh).
    static let linearPlusEven = Symmetry(polynomialDegree: 1, polynomialParity: .odd, restParity: .even, restIsZero: false)
    static func polynomial(degree k: Int) -> Symmetry {
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

    static func combine(_ a: Parity?, _ b: Parity?) -> Parity? { a == b ? a : nil }
    static func product(_ a: Parity?, _ b: Parity?) -> Parity? {
        guard let a, let b else { return nil }
        return a == b ? .even : .odd
    }
}

extension Activation {
    /// The symmetry of σ: the catalogue's record (e.g. silu = x/2 + even, sigmoid = 1/2 + odd), or by
    /// structural analysis of a user expression.
    public var symmetry: Symmetry {
        if case .expression(let e, _) = self { return e.symmetry }
        return record?.symmetry ?? .unknown
    }
}

extension RealExpression {
    /// Structural symmetry of an expression in x.
    var symmetry: Symmetry {
        switch self {
        case .number, .constant: return Symmetry(polynomialDegree: 0, polynomialParity: .even, restParity: .even, restIsZero: true)
        case .variable: return Symmetry(polynomialDegree: 1, polynomialParity: .odd, restParity: .even, restIsZero: true)
        case .negate(let a): return a.symmetry
        case .add(let a, let b), .subtract(let a, let b): return RealExpression.sum(a.symmetry, b.symmetry)
        case .multiply(let a, let b): return RealExpression.product(a.symmetry, b.symmetry)
        case .divide(let a, let b):
            // Division by a constant keeps the structure; otherwise only overall parities survive.
            let sb = b.symmetry
            if sb.restIsZero && sb.polynomialDegree <= 0 { return a.symmetry }
            return .function(Symmetry.product(a.symmetry.overall, sb.overall))
        case .power(let a, let b):
            guard let r = try? b.exactValue()?.rational, r.isInteger, let n = r.intValue, n >= 0, n <= 64 else {
                return .unknown
            }
            var result = Symmetry(polynomialDegree: 0, polynomialParity: .even, restParity: .even, restIsZero: true)
            for _ in 0..<n { result = RealExpression.product(result, a.symmetry) }
            return result
        case .call(let name, let args):
            let inner = args[0].symmetry
            if name == "pow" { return RealExpression.power(args[0], args[1]).symmetry }
            // f(g) for g of overall parity p: an odd f keeps p, an even f and any f of an even g are even; an activation
            // by its record's symmetry (1/2 + odd for sigmoid and step; x/2 + even for relu-like σ of a linear g).
            let oddFunctions: Set = ["atan", "asin", "sinh", "tan"], evenFunctions: Set = ["cosh"]
            let outer = (try? ActivationRecord.named(name))?.symmetry
            guard let p = inner.overall else { return .unknown }
            if evenFunctions.contains(name) || outer == .function(.even) { return .function(.even) }
            if oddFunctions.contains(name) || outer == .function(.odd) { return .function(p) }
            if p == .even { return .function(.even) } // any function of an even argument is even
            if outer == Symmetry.constantPlusOdd { return Symmetry.constantPlusOdd }
            if outer == Symmetry.linearPlusEven, inner.restIsZero, inner.polynomialDegree == 1 { return Symmetry.linearPlusEven }
            return .unknown
        }
    }

    static func sum(_ a: Symmetry, _ b: Symmetry) -> Symmetry {
        let degree = Swift.max(a.polynomialDegree, b.polynomialDegree)
        let polyParity: Symmetry.Parity? = a.polynomialDegree < 0 ? b.polynomialParity
            : (b.polynomialDegree < 0 ? a.polynomialParity : Symmetry.combine(a.polynomialParity, b.polynomialParity))
        if a.restIsZero && b.restIsZero { return Symmetry(polynomialDegree: degree, polynomialParity: polyParity, restParity: .even, restIsZero: true) }
        let rest: Symmetry.Parity? = a.restIsZero ? b.restParity : (b.restIsZero ? a.restParity : Symmetry.combine(a.restParity, b.restParity))
        return Symmetry(polynomialDegree: degree, polynomialParity: polyParity, restParity: rest, restIsZero: false)
    }

    static func product(_ a: Symmetry, _ b: Symmetry) -> Symmetry {
        // (P + h)(Q + g) = PQ + (Pg + hQ + hg)
        let polyDegree = (a.polynomialDegree < 0 || b.polynomialDegree < 0) ? -1 : a.polynomialDegree + b.polynomialDegree
        let polyParity = Symmetry.product(a.polynomialParity, b.polynomialParity)
        if a.restIsZero && b.restIsZero { return Symmetry(polynomialDegree: polyDegree, polynomialParity: polyParity, restParity: .even, restIsZero: true) }
        var parts: [Symmetry.Parity?] = []
        if !b.restIsZero && a.polynomialDegree >= 0 { parts.append(Symmetry.product(a.polynomialParity, b.restParity)) }
        if !a.restIsZero && b.polynomialDegree >= 0 { parts.append(Symmetry.product(a.restParity, b.polynomialParity)) }
        if !a.restIsZero && !b.restIsZero { parts.append(Symmetry.product(a.restParity, b.restParity)) }
        let rest = parts.dropFirst().reduce(parts.first ?? .even) { Symmetry.combine($0, $1) }
        return Symmetry(polynomialDegree: polyDegree, polynomialParity: polyParity, restParity: rest, restIsZero: false)
    }
}
