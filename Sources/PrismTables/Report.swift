import PrismNumbers

/// The version printed in every JSON document.
public let prismVersion = "0.1.0"

/// One row of a certified table: an index and a certified value, plus
/// command-specific fields (e.g. `multiplicity`) that follow the value fields.
public struct ReportRow: Sendable {
    public var index: JSONValue
    public var value: CertifiedValue
    public var extra: [(String, JSONValue)]

    public init(index: JSONValue, value: CertifiedValue, extra: [(String, JSONValue)] = []) {
        self.index = index
        self.value = value
        self.extra = extra
    }

    /// The Docs/cli.md's row object.
    public var json: JSONValue {
        .object([
            ("index", index),
            ("exact", value.exact.map(JSONValue.string) ?? .null),
            ("value", .string(value.value)),
            ("lower", .string(value.lower)),
            ("upper", .string(value.upper)),
            ("double", .string(value.doubleHex)),
        ] + extra)
    }
}

/// A command's output: parameters, conventions and rows, renderable as the
/// Docs/cli.md's JSON, as CSV, or as an aligned text table.
public struct Report: Sendable {
    public var command: String
    public var parameters: [(String, JSONValue)]
    public var conventions: String
    public var rows: [ReportRow]

    public init(command: String, parameters: [(String, JSONValue)], conventions: String, rows: [ReportRow]) {
        self.command = command
        self.parameters = parameters
        self.conventions = conventions
        self.rows = rows
    }

    public var json: JSONValue {
        .object([
            ("prism", .string(prismVersion)),
            ("command", .string(command)),
            ("parameters", .object(parameters)),
            ("conventions", .string(conventions)),
            ("rows", .array(rows.map(\.json))),
        ])
    }

    var columnNames: [String] {
        let indexNames: [String]
        if case .object(let pairs)? = rows.first?.index { indexNames = pairs.map(\.0) } else { indexNames = ["index"] }
        return indexNames + ["exact", "value", "lower", "upper", "double"] + (rows.first?.extra.map(\.0) ?? [])
    }

    func cells(_ row: ReportRow, emptyExact: String) -> [String] {
        let indexCells: [String]
        if case .object(let pairs) = row.index { indexCells = pairs.map { Report.plain($0.1) } } else { indexCells = [Report.plain(row.index)] }
        return indexCells + [row.value.exact ?? emptyExact, row.value.value, row.value.lower, row.value.upper, row.value.doubleHex]
            + row.extra.map { Report.plain($0.1) }
    }

    static func plain(_ v: JSONValue) -> String {
        switch v {
        case .string(let s): return s
        case .null: return ""
        default: return v.compact
        }
    }

    /// RFC 4180 CSV with a header line.
    public var csv: String {
        func field(_ s: String) -> String {
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingAll("\"", "\"\"") + "\"" : s
        }
        var out = columnNames.map(field).joined(separator: ",") + "\n"
        for row in rows { out += cells(row, emptyExact: "").map(field).joined(separator: ",") + "\n" }
        return out
    }

    /// For people: one `name  value` line per field when there is one row, else an aligned table.
    public var text: String {
        let names = columnNames
        let table = rows.map { cells($0, emptyExact: "-") }
        if table.count == 1 {
            let width = names.map(\.count).max() ?? 0
            return zip(names, table[0]).map { $0.padding(width) + "  " + $1 }.joined(separator: "\n") + "\n"
        }
        var widths = names.map(\.count)
        for r in table { for (i, c) in r.enumerated() { widths[i] = Swift.max(widths[i], c.count) } }
        func line(_ cs: [String]) -> String {
            zip(cs, widths).map { $0.padding($1) }.joined(separator: "  ").trimmingTrailingSpaces() + "\n"
        }
        return line(names) + table.map(line).joined()
    }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: Swift.max(0, width - count)) }
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
    func replacingAll(_ target: String, _ replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
