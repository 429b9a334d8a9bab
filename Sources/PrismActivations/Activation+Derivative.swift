import PrismNumbers

extension Activation {
    /// σ' as an activation (almost everywhere for the ReLU family): relu' = step, abs' = sign,
    /// leaky_relu(a)' = a + (1 − a) step, elu(a)' = step + a eˣ (1 − step), smooth ones symbolically.
    public func derivative() throws -> Activation {
        if case .expression(let e, _) = self { return .expression(try e.derivative(), text: "d/dx \(name)") }
        let record = try record.unwrapped(or: .domain("\(name) cannot be differentiated"))
        switch record.derivative {
        case .activation(let a): return a
        case .expression(let e, let text): return .expression(e, text: text)
        case .dirac: throw PrismError.domain("\(name)' is a Dirac delta: the derivative kernel is not defined")
        case .ofDefinition:
            guard let d = record.definition else { throw PrismError.domain("\(name) cannot be differentiated") }
            return .expression(try d.derivative(), text: "d/dx \(name)")
        }
    }

    /// σ² as an activation (for E[σ(z)²]); kinked activations as step(x)·R² + (1 − step(x))·L²
    /// from their branches, so the kink stays at 0.
    public func squared() throws -> Activation {
        if record?.kink != nil {
            let x = RealExpression.variable("x"), one = RealExpression.number(1)
            let left = try branch(positive: false), right = try branch(positive: true)
            let e = RealExpression.add(.multiply(.apply(ActivationRecord.step.function, x), .power(right, .number(2))),
                                       .multiply(.subtract(one, .apply(ActivationRecord.step.function, x)), .power(left, .number(2))))
            return .expression(e, text: "\(name)^2")
        }
        guard let d = definition else { throw PrismError.domain("\(name) cannot be squared") }
        return .expression(.power(d, .number(2)), text: "(\(name))^2")
    }
}

