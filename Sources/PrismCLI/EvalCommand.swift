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

    @Argument(help: "The expression (quote it for the shell).")
    var expression: String

    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        let parsed = try ExpressionParser().parse(expression)
        let value: CertifiedValue
        if let exact = try parsed.exactValue() {
            value = try CertifiedValue(exact: exact, digits: options.digits)
        } else {
            value = try CertifiedValue(digits: options.digits) { try parsed.enclosure(precision: $0) }
        }
        let report = Report(
            command: "eval",
            parameters: [("expression", .string(expression)), ("digits", .int(options.digits))],
            conventions: "certified-decimal",
            rows: [ReportRow(index: .int(0), value: value)]
        )
        return options.render(report)
    }
}
