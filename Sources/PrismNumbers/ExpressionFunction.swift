/// A named function of one argument whose meaning is given by expressions in x — a catalogue activation
/// used inside an expression (`x*tanh(softplus(x))`). The parser resolves such a name once, to this record
/// (`ExpressionParser.definitions`), so that series, derivatives, growth bounds and symmetry of an expression
/// never look a name up again. The activation layer builds one per catalogue activation (its
/// `ActivationRecord.function`).
public struct ExpressionFunction: Sendable {
    /// The name as written (`softplus`).
    public let name: String
    /// f as an expression in x built from analytic real functions; nil for a function with a kink at 0.
    public let definition: RealExpression?
    /// For a kink at 0: f on x < 0 and on x > 0, each analytic, and why f is not analytic at 0.
    public let kink: Kink?
    /// Its power series: from the definition, or the logistic function's own (sigmoid).
    public let series: Series
    /// f' for the chain rule.
    public let derivative: Derivative
    /// A proven bound |f(u)| ≤ A + B|u| (or A e^{B|u|}).
    public let growth: Growth
    /// |f(g)| in terms of g's growth; nil when no bound is known.
    public let growthOfComposition: CompositionGrowth?
    /// f ≥ 0 everywhere.
    public let isNonnegative: Bool
    /// f = polynomial + even or odd rest.
    public let symmetry: Symmetry

    /// f on x < 0 and on x > 0, and why f is not analytic at 0.
    public typealias Kink = (negative: RealExpression, positive: RealExpression, reason: String)

    public enum Series: Sendable { case definition, logistic }

    public enum Derivative: Sendable {
        /// f'(g) for an argument g (relu' = step, softplus' = sigmoid).
        case rule(@Sendable (RealExpression) throws -> RealExpression)
        /// The derivative of the definition, or of the branches joined by step(x) at a kink.
        case ofDefinition
        /// A Dirac delta at 0 (step, sign): no derivative function.
        case dirac
    }

    public enum CompositionGrowth: Sendable {
        /// |f(g)| ≤ c.
        case bounded(Rational)
        /// |f(g)| ≤ |g|.
        case argument
        /// |f(g)| ≤ 1 + |g|.
        case argumentPlusOne
    }

    public init(name: String, definition: RealExpression?, kink: Kink?, series: Series = .definition, derivative: Derivative = .ofDefinition,
                growth: Growth, growthOfComposition: CompositionGrowth?, isNonnegative: Bool, symmetry: Symmetry) {
        self.name = name
        self.definition = definition
        self.kink = kink
        self.series = series
        self.derivative = derivative
        self.growth = growth
        self.growthOfComposition = growthOfComposition
        self.isNonnegative = isNonnegative
        self.symmetry = symmetry
    }
}

extension ExpressionFunction: Equatable {
    /// Functions are their names (a parser resolves each name to one function).
    public static func == (a: ExpressionFunction, b: ExpressionFunction) -> Bool { a.name == b.name }
}

extension ExpressionFunction {
    /// f as an expression in x valid at an argument: the definition, or the branch on the argument's side of the
    /// kink (its sign from the enclosure `side()`), or nil when the enclosure contains 0.
    func expression(side: () throws -> Interval) throws -> RealExpression? {
        if let definition { return definition }
        guard let kink else { return nil }
        let x = try side()
        if x.lower.signum > 0 { return kink.positive }
        if x.upper.signum < 0 { return kink.negative }
        return nil
    }
}
