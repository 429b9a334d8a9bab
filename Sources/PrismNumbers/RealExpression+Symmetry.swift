extension RealExpression {
    /// Structural symmetry of an expression in x.
    public var symmetry: Symmetry {
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
            if name == "pow" { return RealExpression.power(args[0], args[1]).symmetry }
            // f(g) for g of overall parity p: an odd f keeps p; an even f, and any f of an even g, is even.
            let oddFunctions: Set = ["tanh", "erf", "sin", "atan", "asin", "sinh", "tan"], evenFunctions: Set = ["cos", "cosh"]
            guard let p = args[0].symmetry.overall else { return .unknown }
            if evenFunctions.contains(name) { return .function(.even) }
            if oddFunctions.contains(name) { return .function(p) }
            return p == .even ? .function(.even) : .unknown
        case .apply(let f, let a):
            // By the function's own symmetry: odd f keeps g's parity p, even f (or an even g) gives even, and
            // f = 1/2 + odd (sigmoid, step) of an odd g, or f = x/2 + even (relu-like) of a linear g, keep their form.
            let inner = a.symmetry
            guard let p = inner.overall else { return .unknown }
            if f.symmetry == .function(.even) { return .function(.even) }
            if f.symmetry == .function(.odd) { return .function(p) }
            if p == .even { return .function(.even) }
            if f.symmetry == .constantPlusOdd { return .constantPlusOdd }
            if f.symmetry == .linearPlusEven, inner.restIsZero, inner.polynomialDegree == 1 { return .linearPlusEven }
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
