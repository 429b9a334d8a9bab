import ArgumentParser
import PrismNumbers
import PrismTables

struct EvalCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Certified value of a constant expression, e.g. erf(1/2)*pi.",
        discussion: """
        Numbers are exact rationals (3, 22/7, 1.25, 1e-30); operators + - * / ^ (^ binds tighter \
        than unary minus); constants pi, e, log2, euler, sqrt2; functions \
        \(RealFunction.allCases.map(\.rawValue).joined(separator: ", ")), abs, pow(x, y). \
        lgamma is log|Γ|. Exact results (1/3+1/6, sqrt(8), sin(pi/6), gamma(1/2)) print their exact \
        form; every printed digit is correct (value is correctly rounded, lower ≤ true ≤ upper, \
        double is the correctly rounded binary64).
        """
    )

    /// The expression: every word the parser does not recognise as an option, so that `prism eval -2^2`
    /// and `prism eval -pi --digits 5` read `-2^2` and `-pi` as expressions; `validate()` allows one.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The expression (quote it for the shell).", valueName: "expression"))
    var words: [String] = []

    @OptionGroup var options: OutputOptions

    /// The words before a `--` terminator, which must not look like options, and those after it.
    var expressionWords: [String] {
        guard let end = words.firstIndex(of: "--") else { return words }
        return Array(words[..<end]) + words[(end + 1)...]
    }

    func validate() throws {
        if let option = words.prefix(while: { $0 != "--" }).first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option '\(option.prefix { $0 != "=" })'")
        }
        guard expressionWords.count == 1 else {
            throw ValidationError(expressionWords.isEmpty ? "missing the expression (e.g. prism eval 'erf(1/2)*pi')"
                                                          : "one expression expected, got \(expressionWords.count) words (quote the expression)")
        }
    }

    func output() throws -> String {
        try options.render(try CertifiedReports.eval(expressionWords[0], digits: options.digits))
    }
}
