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

    @Option(name: .customLong("dim"), parsing: .unconditional, help: "Sphere dimension d ≥ 2.") var dimension: Int
    @Option(parsing: .unconditional, help: "The largest power M.") var maxDegree: Int
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        try options.render(try CertifiedReports.connection(dimension: dimension, maxDegree: maxDegree, digits: options.digits))
    }
}
