import PrismNumbers

/// Swift source: `let name: [Double] = [0x1.3623…p-1, …]` (hexadecimal floating literals denote the
/// double exactly), a companion `let name_EXACT: [String?]` with the exact values in Docs/cli.md's
/// syntax (nil where only enclosures are known), and `let name_DECIMAL: [String]` with the certified
/// decimals. Infinite entries (past the binary64 range) are `Double.infinity`.
///
/// Contract: the file type-checks on its own (`swiftc -parse`, `swiftc -typecheck`).
enum SwiftEmitter {
    static func emit(_ table: EmissionTable) -> String {
        let name = table.name
        let rows = table.report.rows
        var out = CodeEmitter.preamble(table, digits: CodeEmitter.digits(table)).map { "// " + $0 + "\n" }.joined()
        out += "\n/// \(CodeEmitter.commentText(table.title)): correctly rounded binary64 values.\n"
        out += "let \(name): [Double] = [\n"
        for row in rows {
            out += "    \(swiftLiteral(row.value.double, hex: row.value.doubleHex)), // \(table.indexName) = \(table.indexText(row)): \(CodeEmitter.commentText(CodeEmitter.note(row.value)))\n"
        }
        out += "]\n\n/// The exact values of `\(name)` (Prism's exact syntax: `p/q`, or sums of `q*const^(a/b)*…`); nil where unknown.\n"
        out += "let \(name)_EXACT: [String?] = [\n"
        for row in rows { out += "    \(row.value.exact.map(CodeEmitter.quoted) ?? "nil"),\n" }
        out += "]\n\n/// The values of `\(name)` as certified decimals, correctly rounded to \(CodeEmitter.digits(table)) significant digits.\n"
        out += "let \(name)_DECIMAL: [String] = [\n"
        for row in rows { out += "    \(CodeEmitter.quoted(row.value.value)),\n" }
        return out + "]\n"
    }

    static func swiftLiteral(_ x: Double, hex: String) -> String {
        x.isInfinite ? (x < 0 ? "-Double.infinity" : "Double.infinity") : hex
    }
}
