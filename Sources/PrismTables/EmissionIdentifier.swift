import PrismNumbers

/// Names of emitted arrays: one identifier that is valid, unreserved and not a keyword in
/// C99, Swift and Python 3 at once, so that the same `--name` works in every language.
///
/// Accepted: `[A-Za-z_][A-Za-z0-9_]*`, at most `maxLength` characters, not `_` alone, not
/// starting with `__` or `_` + capital (reserved in C, C99 §7.1.3), and not a keyword of
/// C99 (§6.4.1), Swift (The Swift Programming Language, "Lexical Structure: Keywords")
/// or Python 3 (`keyword.kwlist`).
public enum EmissionIdentifier {
    /// The longest accepted name.
    public static let maxLength = 200

    static let cKeywords: Set<String> = [
        "auto", "break", "case", "char", "const", "continue", "default", "do", "double", "else", "enum", "extern",
        "float", "for", "goto", "if", "inline", "int", "long", "register", "restrict", "return", "short", "signed",
        "sizeof", "static", "struct", "switch", "typedef", "union", "unsigned", "void", "volatile", "while",
        "bool", "true", "false", "alignas", "alignof", "static_assert", "thread_local", "typeof", "nullptr", "constexpr",
    ]
    /// The reserved words Swift rejects as a global constant's name (contextual keywords such as
    /// `open`, `Type`, `borrowing` are valid names there, and `swiftc -typecheck` accepts them).
    static let swiftKeywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "operator", "private", "precedencegroup", "protocol", "public", "rethrows", "static",
        "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default", "defer", "do",
        "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while",
        "Any", "as", "false", "is", "nil", "self", "Self", "super", "throws", "true", "try",
    ]
    static let pythonKeywords: Set<String> = [
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
        "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda",
        "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
    ]

    /// Throws `PrismError.domain` saying why `name` is not accepted.
    public static func validate(_ name: String) throws {
        let rule = "names must match [A-Za-z_][A-Za-z0-9_]* (at most \(maxLength) characters) and not be a C, Swift or Python keyword"
        func isHead(_ c: Character) -> Bool { c == "_" || (c.isASCII && c.isLetter) }
        func isTail(_ c: Character) -> Bool { isHead(c) || c.isASCIIDigit }
        guard let first = name.first, isHead(first), name.dropFirst().allSatisfy(isTail) else {
            throw PrismError.domain("\"\(CodeEmitter.commentText(name))\" is not an identifier; \(rule)")
        }
        guard name.count <= maxLength else { throw PrismError.domain("the name has \(name.count) characters; \(rule)") }
        if name == "_" { throw PrismError.domain("\"_\" is not a name in Swift; \(rule)") }
        if name.hasPrefix("__") || (name.hasPrefix("_") && name.dropFirst().first?.isUppercase == true) {
            throw PrismError.domain("\"\(name)\" is reserved in C (a leading __ or _ and a capital); \(rule)")
        }
        let languages = [("C", cKeywords), ("Swift", swiftKeywords), ("Python", pythonKeywords)]
        let clashes = languages.filter { $0.1.contains(name) }.map(\.0)
        if !clashes.isEmpty {
            throw PrismError.domain("\"\(name)\" is a keyword in \(clashes.joined(separator: ", ")); \(rule)")
        }
    }

    /// A valid name made from an activation's text and what is emitted: every run of characters
    /// outside `[A-Za-z0-9]` becomes one `_`, `_` is trimmed at both ends, a leading digit gets
    /// `act_` before it, and `_` + `what` follows: `leaky_relu(1/10)`, `taylor` → `leaky_relu_1_10_taylor`.
    /// Names past `maxLength` are cut (the suffix is kept).
    public static func defaultName(activation: String, what: String) -> String {
        var stem = ""
        for c in activation {
            if c.isASCII && (c.isLetter || c.isNumber) { stem.append(c) } else if !stem.hasSuffix("_") { stem.append("_") }
        }
        while stem.hasSuffix("_") { stem.removeLast() }
        while stem.hasPrefix("_") { stem.removeFirst() }
        if stem.isEmpty { stem = "activation" }
        if stem.first?.isASCIIDigit == true { stem = "act_" + stem }
        let suffix = "_" + what
        if stem.count + suffix.count > maxLength { stem = String(stem.prefix(maxLength - suffix.count)) }
        return stem + suffix
    }
}
