import ArgumentParser
import PrismNumbers
import PrismClaims
import PrismTables

struct VerifyCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the sources' claims from the definitions: one row per claim with its verdict and evidence.",
        discussion: """
        Verdicts: holds, refuted (with the evidence that refutes it and, where Prism found one, the id of the \
        corrected statement that holds), inconclusive (the enclosures could not decide). Exact where possible, \
        certified enclosures otherwise. Claims: \(ClaimCatalogue.all.map(\.id).joined(separator: ", ")).
        """
    )

    @Argument(help: "Claim ids.") var ids: [String] = []
    @Flag(help: "Check every claim in the catalogue.") var all = false
    @Option(parsing: .unconditional, help: "Output format: text, json or csv.") var format: OutputFormat = .text

    func validate() throws {
        if let unknown = ids.first(where: { ClaimCatalogue.claim($0) == nil }) {
            throw ValidationError("unknown claim '\(unknown)'; known: \(ClaimCatalogue.all.map(\.id).joined(separator: ", "))")
        }
        if all && !ids.isEmpty { throw ValidationError("name claim ids or --all, not both") }
    }

    func output() throws -> String {
        let progress = Progress.current
        return try VerificationReport(ids: ids, all: all) { progress.update($0, of: $1) }.rendered(format)
    }
}
