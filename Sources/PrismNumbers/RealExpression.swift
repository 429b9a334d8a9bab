/// A real expression as written by users: rationals and decimals, `+ - * / ^`,
/// parentheses, named constants, function calls, and (where the caller allows)
/// variables such as `x`.
public indirect enum RealExpression: Sendable, Equatable {
    case number(Rational)
    case constant(MathConstant)
    case variable(String)
    case negate(RealExpression)
    case add(RealExpression, RealExpression)
    case subtract(RealExpression, RealExpression)
    case multiply(RealExpression, RealExpression)
    case divide(RealExpression, RealExpression)
    case power(RealExpression, RealExpression)
    /// A call of a named real function (`RealFunction`, `abs`, `pow`) with its arguments.
    case call(String, [RealExpression])
    /// A function resolved by the parser (a catalogue activation inside an expression) applied to its argument.
    case apply(ExpressionFunction, RealExpression)
}

extension RealExpression {
    /// Parses a constant expression with the default functions (see `ExpressionParser`).
    public static func parse(_ text: String) throws -> RealExpression { try ExpressionParser().parse(text) }
}

/// The grammar, precedence from loosest to tightest (`^` is right-associative
/// and binds tighter than unary minus, so `-2^2` = −4):
///
///     expression := term (('+' | '-') term)*
///     term       := unary (('*' | '/') unary)*
///     unary      := ('-' | '+') unary | power
///     power      := primary ('^' unary)?
///     primary    := number | name | name '(' expression (',' expression)* ')' | '(' expression ')'
///
/// Names are the constants `pi`, `e`, `log2`, `euler`, `sqrt2` (= 2^(1/2)), the
/// caller's variables, and the caller's functions (each with its arity).
public struct ExpressionParser: Sendable {
    /// Function names and their number of arguments.
    public var functions: [String: Int]
    /// Variable names allowed (none for constant expressions).
    public var variables: Set<String>
    /// Functions of one argument resolved at parse time (`.apply`): a name here wins over `functions`.
    public var definitions: [String: ExpressionFunction]

    /// The longest expression text accepted, and the deepest nesting.
    public static let maxLength = 10_000
    public static let maxDepth = 200

    /// The functions of constant expressions: every `RealFunction`, `abs`, and `pow(x, y)`.
    public static let realFunctionArities: [String: Int] = {
        var table = Dictionary(uniqueKeysWithValues: RealFunction.allCases.map { ($0.rawValue, 1) })
        table["abs"] = 1
        table["pow"] = 2
        return table
    }()

    public init(functions: [String: Int] = ExpressionParser.realFunctionArities, variables: Set<String> = [],
                definitions: [String: ExpressionFunction] = [:]) {
        self.functions = functions
        self.variables = variables
        self.definitions = definitions
        for name in definitions.keys { self.functions[name] = 1 }
    }

    /// Parses `text`; errors carry the 1-based position of the problem.
    public func parse(_ text: String) throws -> RealExpression {
        guard text.count <= ExpressionParser.maxLength else {
            throw PrismError.limitExceeded("expression longer than \(ExpressionParser.maxLength) characters")
        }
        var state = State(tokens: try tokenize(text), parser: self)
        guard state.peek.kind != .end else { throw PrismError.parse(message: "empty expression", position: 1) }
        let e = try state.expression(depth: 0)
        guard state.peek.kind == .end else { throw state.unexpected() }
        return e
    }

    // MARK: tokens

    enum Kind: Equatable { case number, name, symbol, end }

    struct Token {
        var kind: Kind
        var text: String
        var position: Int // 1-based
    }

    func tokenize(_ text: String) throws -> [Token] {
        let chars = Array(text)
        var tokens: [Token] = []
        var i = 0
        func isDigit(_ c: Character) -> Bool { c.isASCII && c.isNumber }
        while i < chars.count {
            let c = chars[i]
            if c == " " || c == "\t" || c == "\n" { i += 1; continue }
            let start = i
            if isDigit(c) || (c == "." && i + 1 < chars.count && isDigit(chars[i + 1])) {
                while i < chars.count, isDigit(chars[i]) || chars[i] == "." { i += 1 }
                // An exponent only when digits follow: `2e-3` is a number, `2*e` uses the constant.
                if i < chars.count, chars[i] == "e" || chars[i] == "E" {
                    var j = i + 1
                    if j < chars.count, chars[j] == "+" || chars[j] == "-" { j += 1 }
                    if j < chars.count, isDigit(chars[j]) {
                        i = j
                        while i < chars.count, isDigit(chars[i]) { i += 1 }
                    }
                }
                tokens.append(Token(kind: .number, text: String(chars[start..<i]), position: start + 1))
            } else if c.isLetter || c == "_" {
                while i < chars.count, chars[i].isLetter || isDigit(chars[i]) || chars[i] == "_" { i += 1 }
                tokens.append(Token(kind: .name, text: String(chars[start..<i]), position: start + 1))
            } else if "+-*/^(),".contains(c) {
                tokens.append(Token(kind: .symbol, text: String(c), position: start + 1))
                i += 1
            } else {
                throw PrismError.parse(message: "unexpected character '\(c)'", position: start + 1)
            }
        }
        tokens.append(Token(kind: .end, text: "", position: chars.count + 1))
        return tokens
    }

    // MARK: recursive descent

    struct State {
        var tokens: [Token]
        var index = 0
        let parser: ExpressionParser

        init(tokens: [Token], parser: ExpressionParser) {
            self.tokens = tokens
            self.parser = parser
        }

        var peek: Token { tokens[index] }
        mutating func next() -> Token { defer { index += 1 }; return tokens[index] }
        func isSymbol(_ s: String) -> Bool { peek.kind == .symbol && peek.text == s }

        func unexpected() -> PrismError {
            let t = peek
            if t.kind == .end { return .parse(message: "unexpected end of expression", position: t.position) }
            return .parse(message: "unexpected '\(t.text)'", position: t.position)
        }

        func checkDepth(_ depth: Int) throws {
            if depth > ExpressionParser.maxDepth {
                throw PrismError.limitExceeded("expression nested deeper than \(ExpressionParser.maxDepth) levels")
            }
        }

        mutating func expression(depth: Int) throws -> RealExpression {
            try checkDepth(depth)
            var e = try term(depth: depth + 1)
            while isSymbol("+") || isSymbol("-") {
                let op = next().text
                let rhs = try term(depth: depth + 1)
                e = op == "+" ? .add(e, rhs) : .subtract(e, rhs)
            }
            return e
        }

        mutating func term(depth: Int) throws -> RealExpression {
            var e = try unary(depth: depth + 1)
            while isSymbol("*") || isSymbol("/") {
                let op = next().text
                let rhs = try unary(depth: depth + 1)
                e = op == "*" ? .multiply(e, rhs) : .divide(e, rhs)
            }
            return e
        }

        mutating func unary(depth: Int) throws -> RealExpression {
            try checkDepth(depth)
            if isSymbol("-") { _ = next(); return .negate(try unary(depth: depth + 1)) }
            if isSymbol("+") { _ = next(); return try unary(depth: depth + 1) }
            return try power(depth: depth + 1)
        }

        mutating func power(depth: Int) throws -> RealExpression {
            let base = try primary(depth: depth + 1)
            if isSymbol("^") {
                _ = next()
                return .power(base, try unary(depth: depth + 1))
            }
            return base
        }

        mutating func primary(depth: Int) throws -> RealExpression {
            try checkDepth(depth)
            let t = peek
            switch t.kind {
            case .number:
                _ = next()
                do { return .number(try Rational(parsing: t.text)) } catch PrismError.parse(let m, let p) {
                    throw PrismError.parse(message: m, position: t.position + p - 1)
                }
            case .name:
                _ = next()
                if isSymbol("(") {
                    guard let arity = parser.functions[t.text] else {
                        throw PrismError.parse(message: "unknown function '\(t.text)' (known: \(parser.functions.keys.sorted().joined(separator: ", ")))", position: t.position)
                    }
                    _ = next()
                    var args = [try expression(depth: depth + 1)]
                    while isSymbol(",") { _ = next(); args.append(try expression(depth: depth + 1)) }
                    guard isSymbol(")") else {
                        throw peek.kind == .end ? PrismError.parse(message: "missing ')'", position: peek.position) : unexpected()
                    }
                    _ = next()
                    guard args.count == arity else {
                        throw PrismError.parse(message: "\(t.text) takes \(arity) argument\(arity == 1 ? "" : "s"), got \(args.count)", position: t.position)
                    }
                    if let f = parser.definitions[t.text] { return .apply(f, args[0]) }
                    return .call(t.text, args)
                }
                if let c = MathConstant(rawValue: t.text) { return .constant(c) }
                if t.text == "sqrt2" { return .power(.number(2), .number(.fraction(1, 2))) }
                if parser.variables.contains(t.text) { return .variable(t.text) }
                if parser.functions[t.text] != nil {
                    throw PrismError.parse(message: "function '\(t.text)' needs parentheses", position: t.position)
                }
                let known = (["pi", "e", "log2", "euler", "sqrt2"] + parser.variables.sorted()).joined(separator: ", ")
                throw PrismError.parse(message: "unknown name '\(t.text)' (known: \(known))", position: t.position)
            case .symbol where t.text == "(":
                _ = next()
                let e = try expression(depth: depth + 1)
                guard isSymbol(")") else {
                    throw peek.kind == .end ? PrismError.parse(message: "missing ')'", position: peek.position) : unexpected()
                }
                _ = next()
                return e
            default:
                throw unexpected()
            }
        }
    }
}
