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

/// Everything Prism knows about one catalogue activation (Docs/conventions.md §7), in one record: the
/// definition or the two branches of a kink at 0, the proven growth bound, the symmetry, the derivative, the
/// closed form of the Hermite moments and the arc-cosine parts. Every module asks `Activation.record` (or, for
/// a name inside an expression, `ActivationRecord.named(_:)`); `Activation.record` below is the one switch
/// over the catalogue, so adding an activation is a case and its record in this file, plus its tests.
public struct ActivationRecord: Sendable {
    /// The name as written back (`leaky_relu(1/10)`).
    public let name: String
    /// σ as an expression in x built from analytic functions; nil for activations with a kink at 0.
    public var definition: RealExpression? { definitionText.map(ActivationRecord.parse) }
    let definitionText: String?
    /// For an activation with a kink at 0: σ on x < 0 and on x > 0, each analytic, and why σ is not
    /// analytic at 0.
    public let kink: Kink?
    /// A proven bound |σ(u)| ≤ A + B|u| (affine) or A e^{B|u|} (exponential): the Gaussian tail of the
    /// Hermite integrals.
    public let growth: Growth
    /// σ = polynomial + even or odd rest: Hermite coefficients proven to vanish.
    public let symmetry: Symmetry
    /// σ' as an activation (almost everywhere for the kinked ones).
    public let derivative: Derivative
    /// σ' as an expression in x for the chain rule inside expressions, where it is not the derivative of the
    /// definition or of the branches (relu' = step, softplus' = sigmoid).
    public var derivativeInExpressions: RealExpression? { derivativeText.map(ActivationRecord.parse) }
    let derivativeText: String?
    /// |σ(g)| in terms of g's growth, inside expressions; nil when no bound is known.
    public let growthOfComposition: CompositionGrowth?
    /// σ ≥ 0 everywhere (proves expressions non-negative).
    public let isNonnegative: Bool
    /// The closed form of E[σ(sz) Heₙ(z)], when one exists (`Activation.exactHermiteMoments`).
    public let hermiteClosedForm: HermiteClosedForm?
    /// relu-like (degree 1) and step-like (degree 0) activations: σ = α·h(x) + β·h(−x).
    public let arcCosineParts: ArcCosineParts?

    public struct Kink: Sendable {
        public let negative: RealExpression
        public let positive: RealExpression
        public let reason: String
    }

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

    public enum CompositionGrowth: Sendable {
        /// |σ(g)| ≤ c.
        case bounded(Rational)
        /// |σ(g)| ≤ |g|.
        case argument
        /// |σ(g)| ≤ 1 + |g|.
        case argumentPlusOne
    }

    init(_ name: String, definition: String? = nil, kink: Kink? = nil, growth: Growth, symmetry: Symmetry, derivative: Derivative = .ofDefinition,
         derivativeInExpressions: String? = nil, growthOfComposition: CompositionGrowth? = nil, isNonnegative: Bool = false,
         hermiteClosedForm: HermiteClosedForm? = nil, arcCosineParts: ArcCosineParts? = nil) {
        self.name = name
        definitionText = definition
        self.kink = kink
        self.growth = growth
        self.symmetry = symmetry
        self.derivative = derivative
        derivativeText = derivativeInExpressions
        self.growthOfComposition = growthOfComposition
        self.isNonnegative = isNonnegative
        self.hermiteClosedForm = hermiteClosedForm
        self.arcCosineParts = arcCosineParts
    }

    /// A constant text of `Activation.record` as an expression.
    static func parse(_ text: String) -> RealExpression {
        // Justified trap: `text` is one of the constant texts in `Activation.record`, in the parser's own grammar;
        // the Taylor golden tests parse every definition and the derivative tests every derivative text.
        try! Activation.parser.parse(text)
    }

    /// The record of a catalogue name used as a function inside an expression (parameters at their defaults).
    static func named(_ name: String) throws -> ActivationRecord {
        try Activation(parsing: name).record.unwrapped(or: .domain("\(name) is not a catalogue activation"))
    }
}

extension Activation {
    /// The catalogue record of σ; nil for a user expression (whose facts are derived from its structure).
    public var record: ActivationRecord? {
        let x = RealExpression.variable("x")
        let (linearPlusEven, constantPlusOdd) = (Symmetry.linearPlusEven, Symmetry.constantPlusOdd)
        func polynomial(_ k: Int) -> Symmetry { .polynomial(degree: k) }
        switch self {
        case .identity, .leakyRelu(1):
            return ActivationRecord(name, definition: "x", growth: .affine(0, 1), symmetry: polynomial(1),
                                    derivative: .expression(.number(1), text: "1"), derivativeInExpressions: "1")
        case .relu:
            // relu = x/2 + |x|/2.
            return ActivationRecord(name, kink: .init(negative: .number(0), positive: x, reason: "relu is not differentiable at 0 (its one-sided derivatives are 0 and 1)"),
                                    growth: .affine(0, 1), symmetry: linearPlusEven, derivative: .activation(.step), derivativeInExpressions: "step(x)",
                                    growthOfComposition: .argument, isNonnegative: true, hermiteClosedForm: .relu,
                                    arcCosineParts: ArcCosineParts(degree: 1, positive: 1, negative: 0))
        case .leakyRelu(let a):
            // a x + (1 − a) relu(x) = (1 + a)/2 x + (1 − a)/2 |x|.
            let derivative = RealExpression.add(.number(a), .multiply(.number(1 - a), .call("step", [x])))
            return ActivationRecord(name, kink: .init(negative: .multiply(.number(a), x), positive: x,
                                                      reason: "leaky_relu(\(a)) is not differentiable at 0 (one-sided derivatives \(a) and 1)"),
                                    growth: .affine(0, Swift.max(1, a.magnitude)), symmetry: linearPlusEven,
                                    derivative: .expression(derivative, text: "\(a)+(1-\(a))*step(x)"), growthOfComposition: .argument,
                                    hermiteClosedForm: .reluCombination(linear: a, relu: 1 - a),
                                    arcCosineParts: ArcCosineParts(degree: 1, positive: 1, negative: -a))
        case .abs:
            return ActivationRecord(name, kink: .init(negative: .negate(x), positive: x, reason: "abs is not differentiable at 0 (one-sided derivatives −1 and 1)"),
                                    growth: .affine(0, 1), symmetry: .function(.even), derivative: .activation(.sign), derivativeInExpressions: "sign(x)",
                                    growthOfComposition: .argument, isNonnegative: true, hermiteClosedForm: .reluCombination(linear: -1, relu: 2),
                                    arcCosineParts: ArcCosineParts(degree: 1, positive: 1, negative: 1))
        case .step:
            return ActivationRecord(name, kink: .init(negative: .number(0), positive: .number(1), reason: "step is discontinuous at 0"),
                                    growth: .affine(1, 0), symmetry: constantPlusOdd, derivative: .dirac, growthOfComposition: .bounded(1),
                                    isNonnegative: true, hermiteClosedForm: .step(atZero: .fraction(1, 2), factor: 1),
                                    arcCosineParts: ArcCosineParts(degree: 0, positive: 1, negative: 0))
        case .sign:
            return ActivationRecord(name, kink: .init(negative: .number(-1), positive: .number(1), reason: "sign is discontinuous at 0"),
                                    growth: .affine(1, 0), symmetry: .function(.odd), derivative: .dirac, growthOfComposition: .bounded(1),
                                    hermiteClosedForm: .step(atZero: 0, factor: 2), arcCosineParts: ArcCosineParts(degree: 0, positive: 1, negative: -1))
        case .elu(let a):
            let derivative = RealExpression.add(.call("step", [x]), .multiply(.multiply(.number(a), .call("exp", [x])), .subtract(.number(1), .call("step", [x]))))
            return ActivationRecord(name, kink: .init(negative: .multiply(.number(a), .subtract(.call("exp", [x]), .number(1))), positive: x,
                                                      reason: "elu(\(a)) is not analytic at 0 (its one-sided second derivatives are \(a) and 0)"),
                                    growth: .affine(a.magnitude, 1), symmetry: .unknown,
                                    derivative: .expression(derivative, text: "step(x)+\(a)*exp(x)*(1-step(x))"), growthOfComposition: .argumentPlusOne)
        case .tanh:
            return ActivationRecord(name, definition: "tanh(x)", growth: .affine(1, 0), symmetry: .function(.odd), growthOfComposition: .bounded(1))
        case .sigmoid:
            return ActivationRecord(name, definition: "1/(1+exp(-x))", growth: .affine(1, 0), symmetry: constantPlusOdd,
                                    derivativeInExpressions: "sigmoid(x)*(1-sigmoid(x))", growthOfComposition: .bounded(1), isNonnegative: true)
        case .softplus:
            // softplus = x/2 + log(2 cosh(x/2)); log 2 < 0.7.
            return ActivationRecord(name, definition: "log(1+exp(x))", growth: .affine(.fraction(7, 10), 1), symmetry: linearPlusEven,
                                    derivativeInExpressions: "sigmoid(x)", growthOfComposition: .argumentPlusOne, isNonnegative: true)
        case .silu:
            return ActivationRecord(name, definition: "x/(1+exp(-x))", growth: .affine(0, 1), symmetry: linearPlusEven, growthOfComposition: .argument)
        case .gelu:
            return ActivationRecord(name, definition: "x*(1+erf(x/sqrt(2)))/2", growth: .affine(0, 1), symmetry: linearPlusEven,
                                    growthOfComposition: .argument, hermiteClosedForm: .gelu)
        case .geluTanh:
            return ActivationRecord(name, definition: "x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3)))/2", growth: .affine(0, 1), symmetry: linearPlusEven,
                                    growthOfComposition: .argument)
        case .erf:
            return ActivationRecord(name, definition: "erf(x)", growth: .affine(1, 0), symmetry: .function(.odd), growthOfComposition: .bounded(1),
                                    hermiteClosedForm: .erf)
        case .sin:
            return ActivationRecord(name, definition: "sin(x)", growth: .affine(1, 0), symmetry: .function(.odd), growthOfComposition: .bounded(1),
                                    hermiteClosedForm: .exponential(signs: [0, 1, 0, -1], exponent: .fraction(-1, 2)))
        case .cos:
            return ActivationRecord(name, definition: "cos(x)", growth: .affine(1, 0), symmetry: .function(.even), growthOfComposition: .bounded(1),
                                    hermiteClosedForm: .exponential(signs: [1, 0, -1, 0], exponent: .fraction(-1, 2)))
        case .exp:
            return ActivationRecord(name, definition: "exp(x)", growth: Growth(a: 1, b: 1, exponential: true), symmetry: .unknown,
                                    isNonnegative: true, hermiteClosedForm: .exponential(signs: [1, 1, 1, 1], exponent: .fraction(1, 2)))
        case .gaussian:
            return ActivationRecord(name, definition: "exp(-x^2/2)", growth: .affine(1, 0), symmetry: .function(.even),
                                    derivativeInExpressions: "-(x*gaussian(x))", growthOfComposition: .bounded(1), isNonnegative: true,
                                    hermiteClosedForm: .gaussian)
        case .monomial(let k):
            // |u|^k ≤ k! e^{|u|} (k outside 0…maxMonomialDegree, possible only by constructing the case directly: no record).
            guard k >= 0, k <= Activation.maxMonomialDegree, let factorial = try? BigInt.factorial(k) else { return nil }
            return ActivationRecord(name, definition: "x^\(k)", growth: Growth(a: Rational(factorial), b: 1, exponential: true), symmetry: polynomial(k))
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

