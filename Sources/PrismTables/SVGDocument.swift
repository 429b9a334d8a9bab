/// A minimal SVG 1.1 writer with deterministic output: every coordinate is written with
/// `SVGDocument.number` (fixed point, at most two decimals, no exponent, no `-0`), elements in the
/// order they were added, attributes in a fixed order. The same drawing calls give the same bytes.
public struct SVGDocument: Sendable {
    public let width: Double
    public let height: Double
    private var elements: [String] = []

    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// A piece of text, drawn on the baseline or shifted as a superscript or subscript.
    public struct TextRun: Sendable, Equatable {
        public enum Shift: Sendable, Equatable { case none, superscript, `subscript` }
        public var text: String
        public var shift: Shift
        public init(_ text: String, shift: Shift = .none) {
            self.text = text
            self.shift = shift
        }
        public init(_ text: String, superscript: Bool) { self.init(text, shift: superscript ? .superscript : .none) }
        public var superscript: Bool { shift == .superscript }
    }

    /// Runs from a small math markup: `_{…}` is a subscript and `^{…}` a superscript (braces required,
    /// so names such as `leaky_relu` stay as written); everything else is plain text. `μ_{k}(κ_{ℓ})`,
    /// `S^{9}`, `k^{−2.51}`. An unmatched brace leaves the rest as plain text.
    public static func math(_ s: String) -> [TextRun] {
        var runs: [TextRun] = [], plain = ""
        var i = s.startIndex
        while i < s.endIndex {
            let c = s[i], next = s.index(after: i)
            if (c == "_" || c == "^"), next < s.endIndex, s[next] == "{", let close = s[next...].firstIndex(of: "}") {
                if !plain.isEmpty { runs.append(TextRun(plain)); plain = "" }
                runs.append(TextRun(String(s[s.index(after: next)..<close]), shift: c == "^" ? .superscript : .subscript))
                i = s.index(after: close)
            } else {
                plain.append(c)
                i = next
            }
        }
        if !plain.isEmpty || runs.isEmpty { runs.append(TextRun(plain)) }
        return runs
    }

    public enum Anchor: String, Sendable { case start, middle, end }

    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double,
                              stroke: String = "#000000", width: Double = 1, dash: String? = nil) {
        var e = "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\""
        if let dash { e += " stroke-dasharray=\"\(dash)\"" }
        elements.append(e + "/>")
    }

    public mutating func rect(x: Double, y: Double, width w: Double, height h: Double, fill: String, stroke: String? = nil) {
        var e = "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"\(fill)\""
        if let stroke { e += " stroke=\"\(stroke)\"" }
        elements.append(e + "/>")
    }

    public mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5, dash: String? = nil) {
        let coordinates = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        var e = "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\""
        if let dash { e += " stroke-dasharray=\"\(dash)\"" }
        elements.append(e + "/>")
    }

    public mutating func circle(cx: Double, cy: Double, r: Double, fill: String) {
        elements.append("<circle cx=\"\(n(cx))\" cy=\"\(n(cy))\" r=\"\(n(r))\" fill=\"\(fill)\"/>")
    }

    /// Text at (x, y) (the baseline), optionally rotated by `rotation` degrees about that point.
    public mutating func text(_ runs: [TextRun], x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                              rotation: Double? = nil, bold: Bool = false) {
        var e = "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(anchor.rawValue)\""
        if bold { e += " font-weight=\"bold\"" }
        if let rotation { e += " transform=\"rotate(\(n(rotation)) \(n(x)) \(n(y)))\"" }
        e += ">"
        for run in runs {
            // Shifted runs are self-contained tspans (baseline-shift does not carry over to the next run).
            switch run.shift {
            case .none: e += SVGDocument.escape(run.text)
            case .superscript: e += "<tspan baseline-shift=\"super\" font-size=\"\(n(0.7 * size))\">\(SVGDocument.escape(run.text))</tspan>"
            case .subscript: e += "<tspan baseline-shift=\"sub\" font-size=\"\(n(0.7 * size))\">\(SVGDocument.escape(run.text))</tspan>"
            }
        }
        elements.append(e + "</text>")
    }

    /// Text in the `math` markup (`μ_{k}`, `S^{9}`).
    public mutating func text(_ s: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start,
                              rotation: Double? = nil, bold: Bool = false) {
        text(SVGDocument.math(s), x: x, y: y, size: size, anchor: anchor, rotation: rotation, bold: bold)
    }

    /// The document: an XML declaration, the `<svg>` root with a viewBox, and the elements one per line.
    public var rendered: String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(n(width))\" height=\"\(n(height))\" "
        out += "viewBox=\"0 0 \(n(width)) \(n(height))\" font-family=\"Helvetica, Arial, sans-serif\">\n"
        for e in elements { out += e + "\n" }
        return out + "</svg>\n"
    }

    private func n(_ x: Double) -> String { SVGDocument.number(x) }

    /// x in hundredths, `(x·100)` rounded to an integer (ties away from zero) and written with trailing zeros
    /// dropped: `12`, `12.5`, `-3.25`.
    /// Non-finite values (never produced by the plots) print as 0.
    public static func number(_ x: Double) -> String {
        guard x.isFinite, Swift.abs(x) < 1e12 else { return "0" }
        let hundredths = Int((x * 100).rounded(.toNearestOrAwayFromZero))
        if hundredths == 0 { return "0" }
        let sign = hundredths < 0 ? "-" : ""
        let m = Swift.abs(hundredths)
        var out = sign + String(m / 100)
        let frac = m % 100
        if frac != 0 { out += "." + (frac < 10 ? "0" : "") + String(frac % 10 == 0 ? frac / 10 : frac) }
        return out
    }

    /// XML character escaping for text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: if c.value < 0x20 && c != "\t" && c != "\n" { out += " " } else { out.unicodeScalars.append(c) }
            }
        }
        return out
    }
}
