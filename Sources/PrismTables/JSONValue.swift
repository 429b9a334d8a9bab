import PrismNumbers
/// A JSON document with a fixed key order, so that Prism's output is
/// byte-for-byte reproducible (Foundation's encoder does not promise an order).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// An integer of any size, written as a JSON number (e.g. a sphere multiplicity N(d, k)).
    case integer(BigInt)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.compact == b.compact }

    /// One line, no spaces.
    public var compact: String {
        var out = ""
        write(into: &out, indent: nil, level: 0)
        return out
    }

    /// Objects and arrays spread over lines with two-space indentation, except that arrays of
    /// objects put each element on one line (one table row per line).
    public var pretty: String {
        var out = ""
        write(into: &out, indent: "  ", level: 0)
        return out + "\n"
    }

    private func write(into out: inout String, indent: String?, level: Int) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let n): out += String(n)
        case .integer(let n): out += n.description
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            guard let indent else {
                out += "["
                for (i, v) in items.enumerated() { if i > 0 { out += "," }; v.write(into: &out, indent: nil, level: 0) }
                out += "]"
                return
            }
            let pad = String(repeating: indent, count: level + 1)
            out += "[\n"
            for (i, v) in items.enumerated() {
                out += pad
                // Rows of a table stay on one line each.
                if case .object = v { v.write(into: &out, indent: nil, level: 0) } else { v.write(into: &out, indent: indent, level: level + 1) }
                out += i + 1 < items.count ? ",\n" : "\n"
            }
            out += String(repeating: indent, count: level) + "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            guard let indent else {
                out += "{"
                for (i, (k, v)) in pairs.enumerated() {
                    if i > 0 { out += ", " }
                    JSONValue.quote(k, into: &out)
                    out += ": "
                    v.write(into: &out, indent: nil, level: 0)
                }
                out += "}"
                return
            }
            let pad = String(repeating: indent, count: level + 1)
            out += "{\n"
            for (i, (k, v)) in pairs.enumerated() {
                out += pad
                JSONValue.quote(k, into: &out)
                out += ": "
                v.write(into: &out, indent: indent, level: level + 1)
                out += i + 1 < pairs.count ? ",\n" : "\n"
            }
            out += String(repeating: indent, count: level) + "}"
        }
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
