import ArgumentParser
import PrismNumbers
import PrismTables

/// How a command prints its rows.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json, csv
}

/// Options every command shares (CONTRACT: `--format`, `--digits`).
struct OutputOptions: ParsableArguments {
    @Option(help: "Output format: text (an aligned table), json (CONTRACT rows) or csv.")
    var format: OutputFormat = .text

    @Option(help: "Significant decimal digits of non-exact values (1...\(CertifiedValue.digitsRange.upperBound)).")
    var digits: Int = 30

    func validate() throws {
        guard CertifiedValue.digitsRange.contains(digits) else {
            throw ValidationError("--digits must be in \(CertifiedValue.digitsRange.lowerBound)...\(CertifiedValue.digitsRange.upperBound), got \(digits)")
        }
    }

    func render(_ report: Report) -> String {
        switch format {
        case .text: return report.text
        case .json: return report.json.pretty
        case .csv: return report.csv
        }
    }
}

/// A subcommand that computes its output as text (so the CLI is testable in-process).
protocol PrismSubcommand: ParsableCommand {
    func output() throws -> String
}
