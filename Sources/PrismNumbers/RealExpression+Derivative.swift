extension RealExpression {
    /// d/dx of an expression in x, symbolically (chain rule; a resolved function by its own rule:
    /// relu' = step, softplus' = sigmoid, …). Non-smooth functions differentiate almost everywhere
    /// (relu' = step, abs' = sign); step and sign have no derivative function.
    public func derivative() throws -> RealExpression {
        switch self {
        case .number, .constant: return .number(0)
        case .variable: return .number(1)
        case .negate(let a): return .negate(try a.derivative())
        case .add(let a, let b): return .add(try a.derivative(), try b.derivative())
        case .subtract(let a, let b): return .subtract(try a.derivative(), try b.derivative())
        case .multiply(let a, let b): return .add(.multiply(try a.derivative(), b), .multiply(a, try b.derivative()))
        case .divide(let a, let b):
            return .divide(.subtract(.multiply(try a.derivative(), b), .multiply(a, try b.derivative())), .power(b, .number(2)))
        case .power(let a, let b):
            if let r = try b.constantValue()?.rational {
                return .multiply(.multiply(.number(r), .power(a, .number(r - 1))), try a.derivative())
            }
            // a^b = exp(b log a)
            return try RealExpression.call("exp", [.multiply(b, .call("log", [a]))]).derivative()
        case .call(let name, let args):
            if name == "pow" { return try RealExpression.power(args[0], args[1]).derivative() }
            let g = args[0]
            return .multiply(try RealExpression.outerDerivative(name, g), try g.derivative())
        case .apply(let f, let g):
            return .multiply(try f.derivative(at: g), try g.derivative())
        }
    }

    /// F'(g) for a named function F.
    static func outerDerivative(_ name: String, _ g: RealExpression) throws -> RealExpression {
        func call(_ f: String, _ x: RealExpression) -> RealExpression { .call(f, [x]) }
        let one = RealExpression.number(1)
        let twoOverRootPi = RealExpression.divide(.number(2), call("sqrt", .constant(.pi)))
        switch name {
        case "exp", "expm1": return call("exp", g)
        case "log": return .divide(one, g)
        case "log1p": return .divide(one, .add(one, g))
        case "sqrt": return .divide(one, .multiply(.number(2), call("sqrt", g)))
        case "sin": return call("cos", g)
        case "cos": return .negate(call("sin", g))
        case "tan": return .add(one, .power(call("tan", g), .number(2)))
        case "atan": return .divide(one, .add(one, .power(g, .number(2))))
        case "asin": return .divide(one, call("sqrt", .subtract(one, .power(g, .number(2)))))
        case "acos": return .negate(.divide(one, call("sqrt", .subtract(one, .power(g, .number(2))))))
        case "sinh": return call("cosh", g)
        case "cosh": return call("sinh", g)
        case "tanh": return .subtract(one, .power(call("tanh", g), .number(2)))
        case "erf": return .multiply(twoOverRootPi, call("exp", .negate(.power(g, .number(2)))))
        case "erfc": return .negate(.multiply(twoOverRootPi, call("exp", .negate(.power(g, .number(2))))))
        case "gamma", "lgamma":
            throw PrismError.domain("\(name) is not differentiated symbolically")
        default:
            throw PrismError.domain("\(name) cannot be differentiated")
        }
    }

    /// The expression with x replaced by g.
    public func substituting(_ g: RealExpression) -> RealExpression {
        switch self {
        case .number, .constant: return self
        case .variable: return g
        case .negate(let a): return .negate(a.substituting(g))
        case .add(let a, let b): return .add(a.substituting(g), b.substituting(g))
        case .subtract(let a, let b): return .subtract(a.substituting(g), b.substituting(g))
        case .multiply(let a, let b): return .multiply(a.substituting(g), b.substituting(g))
        case .divide(let a, let b): return .divide(a.substituting(g), b.substituting(g))
        case .power(let a, let b): return .power(a.substituting(g), b.substituting(g))
        case .call(let name, let args): return .call(name, args.map { $0.substituting(g) })
        case .apply(let f, let a): return .apply(f, a.substituting(g))
        }
    }
}


extension ExpressionFunction {
    /// f'(g): the function's own rule (which a function with a kink must have), or the derivative of its definition.
    /// Error contract: `PrismError.domain` for a Dirac derivative (step, sign) or a kink without a rule.
    func derivative(at g: RealExpression) throws -> RealExpression {
        switch derivative {
        case .dirac: throw PrismError.domain("\(name) has no derivative function (its derivative is a Dirac delta)")
        case .rule(let rule): return try rule(g)
        case .ofDefinition:
            guard let definition else { throw PrismError.domain("\(name) cannot be differentiated") }
            return try definition.derivative().substituting(g)
        }
    }
}
