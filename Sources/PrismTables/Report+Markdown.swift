extension Report {
    /// A GitHub-flavoured Markdown document: a heading, the command that reproduces the table,
    /// its parameters and conventions, and the rows (the same fields as CSV; empty `exact` shows as —).
    public func markdown(title: String, command reproducing: String) -> String {
        func cell(_ s: String) -> String { s.isEmpty ? "—" : "`" + s.replacingAll("|", "\\|") + "`" }
        var out = "# \(title)\n\n"
        out += "Reproduce: `\(reproducing)`  \n"
        out += "Conventions: `\(conventions)` (Docs/conventions.md).  \n"
        out += "Parameters: " + parameters.map { "\($0.0) = `\(Report.plain($0.1))`" }.joined(separator: ", ") + ".\n\n"
        out += "Every `value` is correctly rounded; `lower` ≤ true value ≤ `upper`; `double` is the correctly rounded binary64.\n\n"
        let names = columnNames
        out += "| " + names.joined(separator: " | ") + " |\n"
        out += "|" + names.map { _ in " --- |" }.joined() + "\n"
        for row in rows {
            out += "| " + cells(row, emptyExact: "").map(cell).joined(separator: " | ") + " |\n"
        }
        return out
    }
}
