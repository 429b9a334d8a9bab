import PrismNumbers

extension RealExpression {
    /// The power series of this expression in x, with x replaced by the series `x`
    /// (the identity series gives the Taylor series at 0).
    ///
    /// Error contract: that of the scalar type. Throws `domain` for non-analytic parts
    /// (relu, abs, …) and for what the scalar type cannot represent.
    public func powerSeries<R: AlgebraScalar>(at x: PowerSeries<R>) throws -> PowerSeries<R> {
        let like = x[0]
        let order = x.order
        switch self {
        case .number(let q): return PowerSeries(constant: like.converting(q), order: order)
        case .constant(let c): return PowerSeries(constant: try like.converting(c), order: order)
        case .variable: return x
        case .negate(let a): return try a.powerSeries(at: x).negated()
        case .add(let a, let b): return try a.powerSeries(at: x).adding(b.powerSeries(at: x))
        case .subtract(let a, let b): return try a.powerSeries(at: x).subtracting(b.powerSeries(at: x))
        case .multiply(let a, let b): return try a.powerSeries(at: x).multiplied(by: b.powerSeries(at: x))
        case .divide(let a, let b): return try a.powerSeries(at: x).dividing(by: b.powerSeries(at: x))
        case .power(let a, let b):
            guard let r = try b.constantValue()?.rational else {
                // a^b = exp(b·log a)
                return try b.powerSeries(at: x).multiplied(by: a.powerSeries(at: x).log()).exp()
            }
            return try a.powerSeries(at: x).power(r)
        case .call(let name, let args):
            if name == "pow" { return try RealExpression.power(args[0], args[1]).powerSeries(at: x) }
            let inner = try args[0].powerSeries(at: x)
            guard let f = RealFunction(rawValue: name) else { throw PrismError.domain("no Taylor series at 0: \(name) is not analytic at 0") }
            if f == .gamma || f == .lgamma { throw PrismError.domain("\(name) is not supported in series") }
            return try inner.applying(f)
        case .apply(let f, let a):
            let inner = try a.powerSeries(at: x)
            if case .logistic = f.series { return try inner.sigmoid() }
            if let kink = f.kink { throw PrismError.domain("no Taylor series at 0: \(kink.reason)") }
            guard let definition = f.definition else { throw PrismError.domain("\(f.name) has no series") }
            return try definition.powerSeries(at: inner)
        }
    }
}
