import PrismNumbers
import PrismClaims

/// The verdicts of `prism verify`: each claim checked from the definitions, with its evidence.
public struct VerificationReport: Sendable {
    public let results: [ClaimResult]

    /// Checks the claims named by `ids` (or every claim of `ClaimCatalogue` when `all`), in order;
    /// `progress(done, total)` is called after each claim.
    /// Error contract: `PrismError.domain` for an empty selection or an unknown id (the message lists
    /// the known ids); errors of a claim's computation propagate.
    public init(ids: [String], all: Bool, progress: ((Int, Int) -> Void)? = nil) throws {
        let known = ClaimCatalogue.all.map(\.id).joined(separator: ", ")
        let claims: [Claim]
        if all {
            claims = ClaimCatalogue.all
        } else {
            guard !ids.isEmpty else { throw PrismError.domain("name claim ids or --all (known: \(known))") }
            claims = try ids.map { id in
                guard let c = ClaimCatalogue.claim(id) else { throw PrismError.domain("unknown claim '\(id)' (known: \(known))") }
                return c
            }
        }
        var results: [ClaimResult] = []
        for claim in claims {
            results.append(try claim.verify())
            progress?(results.count, claims.count)
        }
        self.results = results
    }

    /// text: one aligned line per claim (id, verdict, evidence summary, `→ see ID` for a correction);
    /// csv: id, verdict, corrected_by, evidence; json: CONTRACT's `claims` array.
    public func rendered(_ format: OutputFormat) -> String {
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
                out += fields.map(PlainTable.csvField).joined(separator: ",") + "\n"
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
