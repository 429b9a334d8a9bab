/// How a report prints: `text` (an aligned table for people), `json` (CONTRACT rows) or `csv`.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, csv
}

extension Report {
    /// The report in `format` (`text`, `json` pretty-printed, or `csv`).
    public func rendered(_ format: OutputFormat) -> String {
        switch format {
        case .text: return text
        case .json: return json.pretty
        case .csv: return csv
        }
    }
}

/// Plain-table helpers shared by the reports that are not `Report`s (verify, audit).
enum PlainTable {
    /// A CSV field, quoted when it holds a comma, a quote or a newline (quotes doubled).
    static func csvField(_ s: String) -> String {
        s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : s
    }
}
