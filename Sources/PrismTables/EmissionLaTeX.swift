import PrismNumbers

/// A LaTeX `table` with a booktabs `tabular` (`\toprule`, `\midrule`, `\bottomrule`; needs
/// `\usepackage{booktabs}`): one row per index with the exact value as math (`\frac{1}{2}\,\pi^{-1/2}\,\sqrt{2}`)
/// where Prism knows it, and the certified decimal (`1.5\times 10^{-7}` for exponent notation).
/// The exact column is left out when no row has an exact value.
enum LaTeXEmitter {
    static func emit(_ table: EmissionTable) -> String {
        let rows = table.report.rows
        let hasExact = rows.contains { $0.value.exact != nil }
        let digits = CodeEmitter.digits(table)
        var out = CodeEmitter.preamble(table, digits: digits).map { "% " + $0 + "\n" }.joined()
        out += "% Needs \\usepackage{booktabs}.\n"
        out += "\\begin{table}[htbp]\n  \\centering\n"
        out += "  \\caption{\(table.latexTitle).}\n  \\label{tab:\(table.name)}\n"
        out += "  \\begin{tabular}{r\(hasExact ? "l" : "")l}\n    \\toprule\n"
        out += "    $\(table.latexIndex)$\(hasExact ? " & exact" : "") & value (\(digits) digits) \\\\\n    \\midrule\n"
        for row in rows {
            var cells = [table.indexText(row)]
            if hasExact { cells.append(row.value.exact.map { "$" + (LaTeXMath.exact($0) ?? "\\texttt{\(LaTeXMath.escapeText($0))}") + "$" } ?? "") }
            cells.append("$" + LaTeXMath.decimal(row.value.value) + "$")
            out += "    " + cells.joined(separator: " & ") + " \\\\\n"
        }
        out += "    \\bottomrule\n  \\end{tabular}\n\\end{table}\n"
        return out
    }
}

/// Prism's exact and decimal syntax as LaTeX math.
public enum LaTeXMath {
    /// LaTeX math for Prism's exact syntax (Docs/cli.md "exact"): rationals `p/q` → `\frac{p}{q}`; terms
    /// `q*c^(a/b)*…` → `\frac{…}{…}\,\pi^{a/b}\,…`, with `pi` → `\pi`, `e` → `e`, `log2` → `\log 2`,
    /// `euler` → `\gamma`, `sqrt2` → `\sqrt{2}` and a prime p to the power 1/2 → `\sqrt{p}`.
    /// Nil when the text is not in that syntax.
    public static func exact(_ text: String) -> String? {
        guard !text.isEmpty else { return nil }
        var out = ""
        for (i, (negative, term)) in (splitTerms(text) ?? []).enumerated() {
            guard let t = self.term(term) else { return nil }
            out += i == 0 ? (negative ? "-" : "") : (negative ? " - " : " + ")
            out += t
        }
        return out.isEmpty ? nil : out
    }

    /// A decimal in Prism's format (`-0.25`, `1.5e-7`) as math: `1.5\times 10^{-7}`.
    public static func decimal(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        var exponent = String(text[text.index(after: e)...])
        if exponent.hasPrefix("+") { exponent.removeFirst() }
        return "\(text[..<e])\\times 10^{\(exponent)}"
    }

    /// Text-mode escaping of LaTeX's special characters.
    public static func escapeText(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\textbackslash{}"
            case "{", "}", "$", "&", "#", "_", "%": out += "\\" + String(c)
            case "^": out += "\\textasciicircum{}"
            case "~": out += "\\textasciitilde{}"
            default: out.append(c)
            }
        }
        return out
    }

    /// The signed terms of a sum, split at `+`/`-` outside parentheses.
    static func splitTerms(_ text: String) -> [(Bool, String)]? {
        var terms: [(Bool, String)] = []
        var depth = 0, current = "", negative = false
        for c in text {
            switch c {
            case "(": depth += 1; current.append(c)
            case ")": depth -= 1; current.append(c); if depth < 0 { return nil }
            case "+" where depth == 0, "-" where depth == 0:
                if current.isEmpty && terms.isEmpty && c == "-" && !negative { negative = true; continue }
                if current.isEmpty { return nil }
                terms.append((negative, current))
                current = ""
                negative = c == "-"
            default: current.append(c)
            }
        }
        guard depth == 0, !current.isEmpty else { return nil }
        terms.append((negative, current))
        return terms
    }

    /// One unsigned term: an optional rational coefficient, then factors joined by `*`.
    static func term(_ text: String) -> String? {
        var parts = text.split(separator: "*", omittingEmptySubsequences: false).map(String.init)
        var pieces: [String] = []
        if let first = parts.first, CodeEmitter.isRationalSyntax(first) {
            parts.removeFirst()
            if !(first == "1" && !parts.isEmpty) { pieces.append(rational(first)) }
        }
        for p in parts {
            guard let f = factor(p) else { return nil }
            pieces.append(f)
        }
        return pieces.isEmpty ? nil : pieces.joined(separator: "\\,")
    }

    static func rational(_ text: String) -> String {
        let pq = text.split(separator: "/")
        return pq.count == 2 ? "\\frac{\(pq[0])}{\(pq[1])}" : text
    }

    /// `base`, `base^n` or `base^(a/b)`.
    static func factor(_ text: String) -> String? {
        let pieces = text.split(separator: "^", maxSplits: 1, omittingEmptySubsequences: false)
        let base = String(pieces[0])
        guard !base.isEmpty, base.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let isNumber = base.allSatisfy(\.isASCIIDigit)
        let latexBase: String
        switch base {
        case "pi": latexBase = "\\pi"
        case "e": latexBase = "e"
        case "log2": latexBase = "(\\log 2)"
        case "euler": latexBase = "\\gamma"
        case "sqrt2": latexBase = "\\sqrt{2}"
        default: latexBase = isNumber ? base : "\\mathrm{\(base)}"
        }
        guard pieces.count == 2 else { return latexBase == "(\\log 2)" ? "\\log 2" : latexBase }
        var exponent = String(pieces[1])
        if exponent.hasPrefix("(") && exponent.hasSuffix(")") { exponent = String(exponent.dropFirst().dropLast()) }
        var body = Substring(exponent)
        if body.hasPrefix("-") { body = body.dropFirst() }
        guard CodeEmitter.isRationalSyntax(String(body)) else { return nil }
        if exponent == "1/2" && isNumber { return "\\sqrt{\(base)}" }
        return "\(latexBase)^{\(exponent)}"
    }
}
