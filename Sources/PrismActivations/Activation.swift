import PrismNumbers
import PrismIntegration

/// An activation function σ: a catalogue entry (Docs/conventions.md §7), whose facts are its `record` below,
/// or a user expression in x.
public enum Activation: Sendable, Equatable {
    case identity
    case relu
    /// max(x, a·x); default slope a = 1/100.
    case leakyRelu(Rational)
    case abs
    /// Heaviside: 0 for x < 0, 1 for x ≥ 0.
    case step
    case sign
    /// x for x > 0, a(eˣ − 1) for x ≤ 0; default a = 1.
    case elu(Rational)
    case tanh
    /// 1/(1 + e^{−x}).
    case sigmoid
    /// log(1 + eˣ).
    case softplus
    /// x·sigmoid(x).
    case silu
    /// x·Φ(x), the exact GELU.
    case gelu
    /// 0.5x(1 + tanh(√(2/π)(x + 0.044715x³))).
    case geluTanh
    case erf
    case sin
    case cos
    case exp
    /// e^{−x²/2}.
    case gaussian
    /// xᵏ.
    case monomial(Int)
    /// A user expression in x (its text as given).
    case expression(RealExpression, text: String)

    /// The catalogue names, as accepted on the command line.
    public static let catalogueNames = ["identity", "relu", "leaky_relu", "abs", "step", "sign", "elu", "tanh", "sigmoid",
                                        "softplus", "silu", "gelu", "gelu_tanh", "erf", "sin", "cos", "exp", "gaussian", "monomial"]

    /// The largest k of `monomial(k)`.
    public static let maxMonomialDegree = 10_000
}

/// Everything Prism knows about one catalogue activation (Docs/conventions.md §7), in one record: its
/// `function` — the definition or the two branches of a kink at 0, the proven growth bound, the symmetry,
/// the derivative rule, the growth of σ(g) and non-negativity, what expressions that use σ need, below the
/// activation layer (`ExpressionFunction`) — and the derivative as an activation, the kind of closed form of
/// the Hermite moments and the arc-cosine parts. Every module asks `Activation.record`, the one switch over the
/// catalogue (below); a name inside an expression is resolved by the parser to the record's function. Adding
/// an activation is a case and its record in this file, plus its tests.
public struct ActivationRecord: Sendable {
    /// What an expression using σ needs: definition or kink, growth, symmetry, derivative rule, non-negativity.
    public let function: ExpressionFunction
    /// σ' as an activation (almost everywhere for the kinked ones).
    public let derivative: Derivative
    /// The closed form of E[σ(sz) Heₙ(z)], when one exists (`Activation.exactHermiteMoments`).
    public let hermiteClosedForm: HermiteClosedForm?
    /// relu-like (degree 1) and step-like (degree 0) activations: σ = α·h(x) + β·h(−x).
    public let arcCosineParts: ArcCosineParts?

    public var name: String { function.name }
    public var definition: RealExpression? { function.definition }
    public var kink: ExpressionFunction.Kink? { function.kink }
    public var growth: Growth { function.growth }
    public var symmetry: Symmetry { function.symmetry }

    public enum Derivative: Sendable {
        /// Another activation (relu' = step, abs' = sign).
        case activation(Activation)
        /// An expression in x with its printed text.
        case expression(RealExpression, text: String)
        /// The derivative of the definition, symbolically.
        case ofDefinition
        /// A Dirac delta at 0 (step, sign): there is no derivative kernel.
        case dirac
    }

    init(_ name: String, definition: String? = nil, kink: ExpressionFunction.Kink? = nil, series: ExpressionFunction.Series = .definition,
         growth: Growth, symmetry: Symmetry, derivative: Derivative = .ofDefinition,
         derivativeInExpressions: ExpressionFunction.Derivative? = nil, growthOfComposition: ExpressionFunction.CompositionGrowth? = nil,
         isNonnegative: Bool = false, hermiteClosedForm: HermiteClosedForm? = nil, arcCosineParts: ArcCosineParts? = nil) {
        // Justified trap: `definition` is one of the constant texts of the records below, built from real functions in the
        // plain parser's grammar; the Taylor golden tests parse every one of them.
        let parsed = definition.map { try! ExpressionParser(variables: ["x"]).parse($0) }
        let rule = derivativeInExpressions ?? kink.map(ActivationRecord.joined) ?? .ofDefinition
        function = ExpressionFunction(name: name, definition: parsed, kink: kink, series: series, derivative: rule, growth: growth,
                                      growthOfComposition: growthOfComposition, isNonnegative: isNonnegative, symmetry: symmetry)
        self.derivative = derivative
        self.hermiteClosedForm = hermiteClosedForm
        self.arcCosineParts = arcCosineParts
    }

    /// The derivative of a kinked function inside expressions: its branches' derivatives joined by step,
    /// step(x)·right' + (1 − step(x))·left', at the argument.
    static func joined(_ kink: ExpressionFunction.Kink) -> ExpressionFunction.Derivative {
        .rule { g in
            let x = RealExpression.variable("x"), one = RealExpression.number(1), step = ActivationRecord.step.function
            let left = try kink.negative.derivative(), right = try kink.positive.derivative()
            return RealExpression.add(.multiply(.apply(step, x), right), .multiply(.subtract(one, .apply(step, x)), left)).substituting(g)
        }
    }

    private static var x: RealExpression { .variable("x") }

    static var identity: ActivationRecord { ActivationRecord("identity", definition: "x", growth: .affine(0, 1), symmetry: .polynomial(degree: 1),
                                           derivative: .expression(.number(1), text: "1"), derivativeInExpressions: .rule { _ in .number(1) }) }
    /// relu = x/2 + |x|/2.
    static var relu: ActivationRecord { ActivationRecord("relu", kink: (negative: .number(0), positive: x, reason: "relu is not differentiable at 0 (its one-sided derivatives are 0 and 1)"),
                                       growth: .affine(0, 1), symmetry: .linearPlusEven, derivative: .activation(.step),
                                       derivativeInExpressions: .rule { .apply(ActivationRecord.step.function, $0) }, growthOfComposition: .argument,
                                       isNonnegative: true, hermiteClosedForm: .relu, arcCosineParts: ArcCosineParts(degree: 1, positive: 1, negative: 0)) }
    /// a x + (1 − a) relu(x) = (1 + a)/2 x + (1 − a)/2 |x|.
    static func leakyRelu(_ a: Rational) -> ActivationRecord {
        if a == 1 {
            return ActivationRecord("leaky_relu(1)", definition: "x", growth: .affine(0, 1), symmetry: .polynomial(degree: 1),
                                    derivative: .expression(.number(1), text: "1"), derivativeInExpressions: .rule { _ in .number(1) })
        }
        let derivative = RealExpression.add(.number(a), .multiply(.number(1 - a), .apply(ActivationRecord.step.function, x)))
        return ActivationRecord("leaky_relu(\(a))", kink: (negative: .multiply(.number(a), x), positive: x,
                                                                reason: "leaky_relu(\(a)) is not differentiable at 0 (one-sided derivatives \(a) and 1)"),
                                growth: .affine(0, Swift.max(1, a.magnitude)), symmetry: .linearPlusEven,
                                derivative: .expression(derivative, text: "\(a)+(1-\(a))*step(x)"), growthOfComposition: .argument,
                                hermiteClosedForm: .reluCombination(linear: a, relu: 1 - a), arcCosineParts: ArcCosineParts(degree: 1, positive: 1, negative: -a))
    }
    static var abs: ActivationRecord { ActivationRecord("abs", kink: (negative: .negate(x), positive: x, reason: "abs is not differentiable at 0 (one-sided derivatives −1 and 1)"),
                                      growth: .affine(0, 1), symmetry: .function(.even), derivative: .activation(.sign),
                                      derivativeInExpressions: .rule { .apply(ActivationRecord.sign.function, $0) }, growthOfComposition: .argument,
                                      isNonnegative: true, hermiteClosedForm: .reluCombination(linear: -1, relu: 2),
                                      arcCosineParts: ArcCosineParts(degree: 1, positive: 1, negative: 1)) }
    static var step: ActivationRecord { ActivationRecord("step", kink: (negative: .number(0), positive: .number(1), reason: "step is discontinuous at 0"),
                                       growth: .affine(1, 0), symmetry: .constantPlusOdd, derivative: .dirac, derivativeInExpressions: .dirac,
                                       growthOfComposition: .bounded(1), isNonnegative: true, hermiteClosedForm: .step(atZero: .fraction(1, 2), factor: 1),
                                       arcCosineParts: ArcCosineParts(degree: 0, positive: 1, negative: 0)) }
    static var sign: ActivationRecord { ActivationRecord("sign", kink: (negative: .number(-1), positive: .number(1), reason: "sign is discontinuous at 0"),
                                       growth: .affine(1, 0), symmetry: .function(.odd), derivative: .dirac, derivativeInExpressions: .dirac,
                                       growthOfComposition: .bounded(1), hermiteClosedForm: .step(atZero: 0, factor: 2),
                                       arcCosineParts: ArcCosineParts(degree: 0, positive: 1, negative: -1)) }
    static func elu(_ a: Rational) -> ActivationRecord {
        let step = RealExpression.apply(ActivationRecord.step.function, x)
        let derivative = RealExpression.add(step, .multiply(.multiply(.number(a), .call("exp", [x])), .subtract(.number(1), step)))
        return ActivationRecord("elu(\(a))", kink: (negative: .multiply(.number(a), .subtract(.call("exp", [x]), .number(1))), positive: x,
                                                         reason: "elu(\(a)) is not analytic at 0 (its one-sided second derivatives are \(a) and 0)"),
                                growth: .affine(a.magnitude, 1), symmetry: .unknown,
                                derivative: .expression(derivative, text: "step(x)+\(a)*exp(x)*(1-step(x))"), growthOfComposition: .argumentPlusOne)
    }
    static var tanh: ActivationRecord { ActivationRecord("tanh", definition: "tanh(x)", growth: .affine(1, 0), symmetry: .function(.odd), growthOfComposition: .bounded(1)) }
    static var sigmoid: ActivationRecord { ActivationRecord("sigmoid", definition: "1/(1+exp(-x))", series: .logistic, growth: .affine(1, 0), symmetry: .constantPlusOdd,
                                          derivativeInExpressions: .rule { g in
                                              let s = RealExpression.apply(ActivationRecord.sigmoid.function, g)
                                              return .multiply(s, .subtract(.number(1), s))
                                          },
                                          growthOfComposition: .bounded(1), isNonnegative: true) }
    /// softplus = x/2 + log(2 cosh(x/2)); log 2 < 0.7.
    static var softplus: ActivationRecord { ActivationRecord("softplus", definition: "log(1+exp(x))", growth: .affine(.fraction(7, 10), 1), symmetry: .linearPlusEven,
                                           derivativeInExpressions: .rule { .apply(ActivationRecord.sigmoid.function, $0) },
                                           growthOfComposition: .argumentPlusOne, isNonnegative: true) }
    static var silu: ActivationRecord { ActivationRecord("silu", definition: "x/(1+exp(-x))", growth: .affine(0, 1), symmetry: .linearPlusEven, growthOfComposition: .argument) }
    static var gelu: ActivationRecord { ActivationRecord("gelu", definition: "x*(1+erf(x/sqrt(2)))/2", growth: .affine(0, 1), symmetry: .linearPlusEven,
                                       growthOfComposition: .argument, hermiteClosedForm: .gelu) }
    static var geluTanh: ActivationRecord { ActivationRecord("gelu_tanh", definition: "x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3)))/2", growth: .affine(0, 1),
                                           symmetry: .linearPlusEven, growthOfComposition: .argument) }
    static var erf: ActivationRecord { ActivationRecord("erf", definition: "erf(x)", growth: .affine(1, 0), symmetry: .function(.odd), growthOfComposition: .bounded(1),
                                      hermiteClosedForm: .erf) }
    static var sin: ActivationRecord { ActivationRecord("sin", definition: "sin(x)", growth: .affine(1, 0), symmetry: .function(.odd), growthOfComposition: .bounded(1),
                                      hermiteClosedForm: .exponential(signs: [0, 1, 0, -1], exponent: .fraction(-1, 2))) }
    static var cos: ActivationRecord { ActivationRecord("cos", definition: "cos(x)", growth: .affine(1, 0), symmetry: .function(.even), growthOfComposition: .bounded(1),
                                      hermiteClosedForm: .exponential(signs: [1, 0, -1, 0], exponent: .fraction(-1, 2))) }
    static var exp: ActivationRecord { ActivationRecord("exp", definition: "exp(x)", growth: Growth(a: 1, b: 1, exponential: true), symmetry: .unknown,
                                      isNonnegative: true, hermiteClosedForm: .exponential(signs: [1, 1, 1, 1], exponent: .fraction(1, 2))) }
    static var gaussian: ActivationRecord { ActivationRecord("gaussian", definition: "exp(-x^2/2)", growth: .affine(1, 0), symmetry: .function(.even),
                                           derivativeInExpressions: .rule { g in .negate(.multiply(g, .apply(ActivationRecord.gaussian.function, g))) },
                                           growthOfComposition: .bounded(1), isNonnegative: true, hermiteClosedForm: .gaussian) }
    /// |u|^k ≤ k! e^{|u|}.
    static func monomial(_ k: Int, factorial: BigInt) -> ActivationRecord {
        ActivationRecord("monomial(\(k))", definition: "x^\(k)", growth: Growth(a: Rational(factorial), b: 1, exponential: true),
                         symmetry: .polynomial(degree: k))
    }
}

extension Activation {
    /// The catalogue record of σ; nil for a user expression (whose facts are derived from its structure).
    public var record: ActivationRecord? {
        switch self {
        case .identity: return .identity
        case .relu: return .relu
        case .leakyRelu(let a): return .leakyRelu(a)
        case .abs: return .abs
        case .step: return .step
        case .sign: return .sign
        case .elu(let a): return .elu(a)
        case .tanh: return .tanh
        case .sigmoid: return .sigmoid
        case .softplus: return .softplus
        case .silu: return .silu
        case .gelu: return .gelu
        case .geluTanh: return .geluTanh
        case .erf: return .erf
        case .sin: return .sin
        case .cos: return .cos
        case .exp: return .exp
        case .gaussian: return .gaussian
        case .monomial(let k):
            // k outside 0…maxMonomialDegree (possible only by constructing the case directly) has no record.
            guard k >= 0, k <= Activation.maxMonomialDegree, let factorial = try? BigInt.factorial(k) else { return nil }
            return .monomial(k, factorial: factorial)
        case .expression:
            return nil
        }
    }

    /// The name as it would be written back (`leaky_relu(1/10)`, or the expression text).
    public var name: String {
        switch self {
        case .leakyRelu(let a): return "leaky_relu(\(a))"
        case .elu(let a): return "elu(\(a))"
        case .monomial(let k): return "monomial(\(k))"
        case .expression(_, let text): return text
        default: return Activation.simpleNames.first { $0.1 == self }?.0 ?? "?"
        }
    }

    /// Why σ has no Taylor series at 0, or nil when it is analytic there.
    public var nonAnalyticReason: String? { record?.kink?.reason }

    /// σ as an expression in x built from analytic functions, for analytic activations.
    public var definition: RealExpression? {
        if case .expression(let e, _) = self { return e }
        return record?.definition
    }

    /// The catalogue entries without a parameter, by name (their parsing, and their names written back).
    static let simpleNames: [(String, Activation)] = [
        ("identity", .identity), ("relu", .relu), ("abs", .abs), ("step", .step), ("sign", .sign), ("tanh", .tanh),
        ("sigmoid", .sigmoid), ("softplus", .softplus), ("silu", .silu), ("gelu", .gelu), ("gelu_tanh", .geluTanh), ("erf", .erf),
        ("sin", .sin), ("cos", .cos), ("exp", .exp), ("gaussian", .gaussian),
    ]

    /// The catalogue entries with a parameter: name, value of the bare name (nil: the parameter is required),
    /// and the constructor.
    static let parametrised: [(String, Rational?, @Sendable (Rational) throws -> Activation)] = [
        ("leaky_relu", .fraction(1, 100), { .leakyRelu($0) }),
        ("elu", 1, { .elu($0) }),
        ("monomial", nil, { k in
            guard k.isInteger, let n = k.intValue, n >= 0 else { throw PrismError.domain("monomial(k) needs an integer k ≥ 0, got \(k)") }
            guard n <= maxMonomialDegree else { throw PrismError.limitExceeded("monomial degree \(n) (limit \(maxMonomialDegree))") }
            return .monomial(n)
        }),
    ]
}

