import ArgumentParser
import PrismNumbers
import PrismBases
import PrismTables

struct ConnectionCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "connection",
        abstract: "Connection coefficients β_l^m(d) of t^m = Σ_l β_l^m(d) P_l^(d)(t), 0 ≤ l ≤ m ≤ M.",
        discussion: "Exact rationals; zero unless l ≡ m (mod 2); each row sums to 1. Limit: M ≤ \(ConnectionCoefficients.maxDegree)."
    )

    @Option(name: .customLong("dim"), help: "Sphere dimension d ≥ 2.") var dimension: Int
    @Option(help: "The largest power M.") var maxDegree: Int
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        let table = try ConnectionCoefficients(dimension: dimension, maxDegree: maxDegree)
        var rows: [ReportRow] = []
        for m in 0...maxDegree {
            for l in 0...m {
                rows.append(ReportRow(index: .object([("m", .int(m)), ("l", .int(l))]),
                                      value: try CertifiedValue(exact: ExactReal(table[m, l]), digits: options.digits)))
            }
        }
        return options.render(Report(
            command: "connection",
            parameters: [("dim", .int(dimension)), ("max_degree", .int(maxDegree)), ("digits", .int(options.digits))],
            conventions: "connection-beta", rows: rows))
    }
}
