import ArgumentParser
import PrismNumbers
import PrismTables
import PrismActivations

extension OutputFormat: ExpressibleByArgument {}

/// Options every command shares (CONTRACT: `--format`, `--digits`).
struct OutputOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Output format: text (an aligned table), json (the rows of Docs/cli.md) or csv.")
    var format: OutputFormat = .text

    @Option(parsing: .unconditional, help: "Significant decimal digits of non-exact values (1...\(CertifiedValue.digitsRange.upperBound)).")
    var digits: Int = 30

    @Option(parsing: .unconditional,
            help: "Only these columns, comma-separated, in this order (e.g. index,value,double); default: all of the table's.")
    var columns: String?

    /// The requested columns (nil: all).
    var columnList: [String]? { columns.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } }

    func validate() throws {
        guard CertifiedValue.digitsRange.contains(digits) else {
            throw ValidationError("--digits must be in \(CertifiedValue.digitsRange.lowerBound)...\(CertifiedValue.digitsRange.upperBound), got \(digits)")
        }
        if let list = columnList {
            for c in list where !Report.knownColumns.contains(c) {
                throw ValidationError("--columns: unknown column '\(c)' (columns: \(Report.knownColumns.joined(separator: ",")))")
            }
            guard Set(list).count == list.count else { throw ValidationError("--columns names a column twice") }
        }
    }

    func render(_ report: Report) throws -> String {
        try (columnList.map { try report.selectingColumns($0) } ?? report).rendered(format)
    }
}

/// A subcommand that computes its output as text (so the CLI is testable in-process).
protocol PrismSubcommand: ParsableCommand {
    func output() throws -> String
    /// Options that may be given more than once (every other repeated option is an error).
    static var repeatableOptions: Set<String> { get }
}

extension PrismSubcommand {
    static var repeatableOptions: Set<String> { [] }
}

/// The help of every command's activation argument: the catalogue, the parameters' defaults, the aliases.
enum ActivationArgument {
    static let help = ArgumentHelp(
        "The activation: a catalogue name or a quoted expression in x.",
        discussion: """
        Catalogue: \(Activation.catalogueNames.joined(separator: ", ")). Parameters in parentheses, with defaults: \
        leaky_relu = leaky_relu(1/100), elu = elu(1); monomial(k) needs k. Names are case-insensitive; \
        swish means silu, mish means x*tanh(softplus(x)).
        """,
        valueName: "activation")
}
