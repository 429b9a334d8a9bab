import PrismNumbers
import PrismIntegration

extension Activation {
    /// σ restricted to x > 0 or x < 0 as an expression built from analytic functions: the whole
    /// definition for smooth activations, a branch for the ReLU family and ELU. Non-smooth
    /// functions inside a user expression must be applied to x itself (their kink is then at 0).
    public func branch(positive: Bool) throws -> RealExpression {
        if let kink = record?.kink { return positive ? kink.positive : kink.negative }
        guard let e = definition else { throw PrismError.domain("\(name) has no analytic branches") }
        return try e.replacingNonSmooth(positive: positive)
    }
}

extension RealExpression {
    /// Replaces relu(x), abs(x), … by their branch on one side of 0.
    func replacingNonSmooth(positive: Bool) throws -> RealExpression {
        switch self {
        case .number, .constant, .variable: return self
        case .negate(let a): return .negate(try a.replacingNonSmooth(positive: positive))
        case .add(let a, let b): return .add(try a.replacingNonSmooth(positive: positive), try b.replacingNonSmooth(positive: positive))
        case .subtract(let a, let b): return .subtract(try a.replacingNonSmooth(positive: positive), try b.replacingNonSmooth(positive: positive))
        case .multiply(let a, let b): return .multiply(try a.replacingNonSmooth(positive: positive), try b.replacingNonSmooth(positive: positive))
        case .divide(let a, let b): return .divide(try a.replacingNonSmooth(positive: positive), try b.replacingNonSmooth(positive: positive))
        case .power(let a, let b): return .power(try a.replacingNonSmooth(positive: positive), try b.replacingNonSmooth(positive: positive))
        case .call(let name, let args):
            return .call(name, try args.map { try $0.replacingNonSmooth(positive: positive) })
        case .apply(let f, let a):
            guard let kink = f.kink else { return .apply(f, try a.replacingNonSmooth(positive: positive)) }
            guard case .variable = a else {
                throw PrismError.domain("\(f.name) must be applied to x itself in an expression to integrate (its kink must be at 0)")
            }
            return positive ? kink.positive : kink.negative
        }
    }
}

extension Activation {
    /// A proven growth bound for σ (the catalogue's record, or derived structurally from an expression).
    public func growth() throws -> Growth {
        if case .expression(let e, _) = self { return try e.growth() }
        return try record.unwrapped(or: .domain("\(name) has no growth bound")).growth
    }
}
