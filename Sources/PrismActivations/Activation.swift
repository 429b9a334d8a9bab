import PrismNumbers

/// An activation function σ: a catalogue entry (Docs/conventions.md §7) or a user expression in x.
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

    /// The name as it would be written back (`leaky_relu(1/10)`, or the expression text).
    public var name: String {
        switch self {
        case .identity: return "identity"
        case .relu: return "relu"
        case .leakyRelu(let a): return "leaky_relu(\(a))"
        case .abs: return "abs"
        case .step: return "step"
        case .sign: return "sign"
        case .elu(let a): return "elu(\(a))"
        case .tanh: return "tanh"
        case .sigmoid: return "sigmoid"
        case .softplus: return "softplus"
        case .silu: return "silu"
        case .gelu: return "gelu"
        case .geluTanh: return "gelu_tanh"
        case .erf: return "erf"
        case .sin: return "sin"
        case .cos: return "cos"
        case .exp: return "exp"
        case .gaussian: return "gaussian"
        case .monomial(let k): return "monomial(\(k))"
        case .expression(_, let text): return text
        }
    }

    /// Why σ has no Taylor series at 0, or nil when it is analytic there.
    public var nonAnalyticReason: String? {
        switch self {
        case .relu: return "relu is not differentiable at 0 (its one-sided derivatives are 0 and 1)"
        case .leakyRelu(let a): return a == 1 ? nil : "leaky_relu(\(a)) is not differentiable at 0 (one-sided derivatives \(a) and 1)"
        case .abs: return "abs is not differentiable at 0 (one-sided derivatives −1 and 1)"
        case .step: return "step is discontinuous at 0"
        case .sign: return "sign is discontinuous at 0"
        case .elu(let a): return "elu(\(a)) is not analytic at 0 (its one-sided second derivatives are \(a) and 0)"
        default: return nil
        }
    }

    /// σ as an expression in x built from analytic functions, for analytic activations.
    public var definition: RealExpression? {
        let text: String
        switch self {
        case .identity: text = "x"
        case .leakyRelu(let a) where a == 1: text = "x"
        case .tanh: text = "tanh(x)"
        case .sigmoid: text = "1/(1+exp(-x))"
        case .softplus: text = "log(1+exp(x))"
        case .silu: text = "x/(1+exp(-x))"
        case .gelu: text = "x*(1+erf(x/sqrt(2)))/2"
        case .geluTanh: text = "x*(1+tanh(sqrt(2/pi)*(x+0.044715*x^3)))/2"
        case .erf: text = "erf(x)"
        case .sin: text = "sin(x)"
        case .cos: text = "cos(x)"
        case .exp: text = "exp(x)"
        case .gaussian: text = "exp(-x^2/2)"
        case .monomial(let k): text = "x^\(k)"
        case .expression(let e, _): return e
        default: return nil
        }
        // Justified trap: `text` is one of the constants above, in the parser's own grammar; the
        // Taylor golden tests parse every one of them.
        return try! Activation.parser.parse(text)
    }

    /// The parser for activation expressions: variable x; the real functions, abs, pow, and
    /// every catalogue activation without parameters as a function of one argument.
    public static let parser: ExpressionParser = {
        var functions = ExpressionParser.realFunctionArities
        for name in catalogueNames where name != "monomial" { functions[name] = 1 }
        return ExpressionParser(functions: functions, variables: ["x"])
    }()

    /// Parses an activation: a catalogue name, optionally with its parameter in parentheses
    /// (`leaky_relu(1/10)`, `elu(1)`, `monomial(3)`), or an expression in x
    /// (`x*tanh(softplus(x))`). Errors name the problem and its position.
    ///
    /// Names are case-insensitive (`ReLU`, `GELU`), and the usual aliases are accepted: `swish` is silu,
    /// `mish` is the expression x*tanh(softplus(x)); outputs name the activation they computed. A bare
    /// name that is not in the catalogue is an error listing the catalogue (and the closest name).
    /// Error contract: `PrismError.parse` for unknown names and malformed expressions, `.domain` for a
    /// parameter that is not a rational (`leaky_relu(pi)`) or invalid (`leaky_relu(1/0)`, `monomial(-1)`).
    public init(parsing text: String) throws {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw PrismError.parse(message: "empty activation", position: 1) }
        let lowered = trimmed.lowercased()
        if let simple = Activation.simple(lowered) { self = simple; return }
        if let alias = Activation.aliases[lowered] { self = try Activation(parsing: alias); return }
        for (name, make) in Activation.parametrised {
            guard lowered.hasPrefix(name + "("), trimmed.hasSuffix(")") else { continue }
            let inner = String(trimmed.dropFirst(name.count + 1).dropLast())
            // A parameter is a constant; `leaky_relu(x)` etc. are expressions in x instead.
            guard let constant = try? ExpressionParser().parse(inner) else { break }
            let value: ExactReal?
            do {
                value = try constant.exactValue()
            } catch let error as PrismError {
                throw PrismError.domain("\(name)(\(inner)): the parameter is invalid (\(error))")
            }
            guard let rational = value?.rational else { throw PrismError.domain("\(name)(a) needs a rational a, got '\(inner)'") }
            self = try make(rational)
            return
        }
        if Activation.isName(trimmed) && trimmed != "x" {
            if lowered == "monomial" { throw PrismError.parse(message: "monomial needs its degree: monomial(k)", position: 1) }
            let known = (Activation.catalogueNames + Activation.aliases.keys.sorted()).joined(separator: ", ")
            let guess = Activation.closestName(to: lowered).map { "; did you mean \($0)?" } ?? ""
            throw PrismError.parse(message: "unknown activation '\(trimmed)'; known: \(known), or an expression in x\(guess)", position: 1)
        }
        self = .expression(try Activation.parser.parse(trimmed), text: trimmed)
    }

    /// Other names of catalogue activations (lower case) and what they mean.
    public static let aliases = ["swish": "silu", "mish": "x*tanh(softplus(x))"]

    static func isName(_ s: String) -> Bool {
        guard let first = s.first, first.isLetter || first == "_" else { return false }
        return s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }

    /// The catalogue name or alias within edit distance 2 of `name` (or of which `name` is a prefix).
    static func closestName(to name: String) -> String? {
        let candidates = catalogueNames + aliases.keys.sorted()
        func distance(_ a: [Character], _ b: [Character]) -> Int {
            var row = Array(0...b.count)
            for i in 1...Swift.max(a.count, 1) where !a.isEmpty {
                var previous = row[0]
                row[0] = i
                for j in stride(from: 1, through: b.count, by: 1) {
                    let current = row[j]
                    row[j] = Swift.min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                    previous = current
                }
            }
            return row[b.count]
        }
        let scored = candidates.map { ($0, $0.hasPrefix(name) ? 0 : distance(Array(name), Array($0))) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= 2 else { return nil }
        return best.0
    }

    private static func simple(_ name: String) -> Activation? {
        switch name {
        case "identity": return .identity
        case "relu": return .relu
        case "leaky_relu": return .leakyRelu(.fraction(1, 100))
        case "abs": return .abs
        case "step": return .step
        case "sign": return .sign
        case "elu": return .elu(1)
        case "tanh": return .tanh
        case "sigmoid": return .sigmoid
        case "softplus": return .softplus
        case "silu": return .silu
        case "gelu": return .gelu
        case "gelu_tanh": return .geluTanh
        case "erf": return .erf
        case "sin": return .sin
        case "cos": return .cos
        case "exp": return .exp
        case "gaussian": return .gaussian
        default: return nil
        }
    }

    private static let parametrised: [(String, @Sendable (Rational) throws -> Activation)] = [
        ("leaky_relu", { .leakyRelu($0) }),
        ("elu", { .elu($0) }),
        ("monomial", { k in
            guard k.isInteger, let n = k.intValue, n >= 0 else { throw PrismError.domain("monomial(k) needs an integer k ≥ 0, got \(k)") }
            guard n <= maxMonomialDegree else { throw PrismError.limitExceeded("monomial degree \(n) (limit \(maxMonomialDegree))") }
            return .monomial(n)
        }),
    ]
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
