import PrismNumbers

extension Activation {
    /// The parser for activation expressions: variable x; the real functions, pow, and every catalogue
    /// activation that is not a real function (abs, relu, softplus, …; leaky_relu and elu with their default
    /// parameters) as a function of one argument, resolved here, once, to its record's `function`.
    public static let parser: ExpressionParser = {
        var definitions: [String: ExpressionFunction] = [:]
        for name in catalogueNames where name != "monomial" && RealFunction(rawValue: name) == nil {
            if let record = (try? Activation(parsing: name))?.record { definitions[name] = record.function }
        }
        return ExpressionParser(functions: ExpressionParser.realFunctionArities, variables: ["x"], definitions: definitions)
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
        if let simple = Activation.simpleNames.first(where: { $0.0 == lowered })?.1 { self = simple; return }
        if let entry = Activation.parametrised.first(where: { $0.0 == lowered }), let parameter = entry.1 { self = try entry.2(parameter); return }
        if let alias = Activation.aliases[lowered] { self = try Activation(parsing: alias); return }
        for (name, _, make) in Activation.parametrised {
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
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
