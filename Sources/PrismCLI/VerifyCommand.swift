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
    @Option(help: "Output format: text, json or csv.") var format: OutputFormat = .text

    func output() throws -> String {
        let claims: [Claim]
        if all {
            claims = ClaimCatalogue.all
        } else {
            guard !ids.isEmpty else {
                throw PrismError.domain("name claim ids or --all (known: \(ClaimCatalogue.all.map(\.id).joined(separator: ", ")))")
            }
            claims = try ids.map { id in
                guard let c = ClaimCatalogue.claim(id) else {
                    throw PrismError.domain("unknown claim '\(id)' (known: \(ClaimCatalogue.all.map(\.id).joined(separator: ", ")))")
                }
                return c
            }
        }
        let results = try claims.map { try $0.verify() }
        switch format {
        case .json:
            let items: [JSONValue] = results.map { r in
                var fields: [(String, JSONValue)] = [
                    ("id", .string(r.claim.id)), ("source", .string(r.claim.source)), ("statement", .string(r.claim.statement)),
                    ("verdict", .string(r.verdict.rawValue)),
                    ("evidence", .array(r.evidence.map { e in
                        .object([("case", .string(e.label)), ("lhs", .string(e.lhs)), ("rhs", .string(e.rhs)), ("detail", .string(e.detail))])
                    })),
                ]
                if let c = r.claim.correctedBy, r.verdict == .refuted { fields.append(("corrected_by", .string(c))) }
                return .object(fields)
            }
            return JSONValue.object([("prism", .string(prismVersion)), ("command", .string("verify")), ("claims", .array(items))]).pretty
        case .csv:
            var out = "id,verdict,corrected_by,evidence\n"
            for r in results {
                let fields = [r.claim.id, r.verdict.rawValue, r.verdict == .refuted ? (r.claim.correctedBy ?? "") : "", r.summary]
                out += fields.map { $0.contains(where: { ",\"\n".contains($0) }) ? "\"" + $0.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : $0 }
                    .joined(separator: ",") + "\n"
            }
            return out
        case .text:
            let width = results.map(\.claim.id.count).max() ?? 0
            return results.map { r in
                let corrected = r.verdict == .refuted ? (r.claim.correctedBy.map { " → see \($0)" } ?? "") : ""
                return r.claim.id + String(repeating: " ", count: width - r.claim.id.count) + "  " + r.verdict.rawValue
                    + String(repeating: " ", count: 13 - r.verdict.rawValue.count) + r.summary + corrected
            }.joined(separator: "\n") + "\n"
        }
    }
}
