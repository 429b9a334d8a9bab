import PrismNumbers

/// A C99 header: an include guard, `#define NAME_LENGTH`, and
/// `static const double name[NAME_LENGTH] = { 0x1.3623…p-1, … };` with each value's exact form or
/// certified decimal as a comment.
///
/// Contract: compiles with `gcc -std=c99 -Wall -Wextra -pedantic -Werror` when included, and also when
/// pasted into a `.c` file that does not use the array (the array is marked unused under GCC and
/// Clang, where `-Wunused-const-variable` would otherwise fire). Hex literals are C99 §6.4.4.2; they
/// denote the double exactly, so `name[i]` is the correctly rounded value. Infinite entries (values past
/// the binary64 range) are `HUGE_VAL`, and only then is `<math.h>` included.
enum CEmitter {
    static func emit(_ table: EmissionTable) -> String {
        let name = table.name
        let upper = name.uppercased()
        let guardName = "PRISM_EMIT_\(upper)_H"
        let length = "\(upper)_LENGTH"
        let rows = table.report.rows
        var out = "/*\n"
        for line in CodeEmitter.preamble(table, digits: CodeEmitter.digits(table)) { out += " * " + cComment(line) + "\n" }
        out += " */\n"
        out += "#ifndef \(guardName)\n#define \(guardName)\n\n"
        if rows.contains(where: { $0.value.double.isInfinite }) { out += "#include <math.h> /* HUGE_VAL */\n\n" }
        out += """
        #ifndef PRISM_EMIT_UNUSED
        #if defined(__GNUC__) || defined(__clang__)
        #define PRISM_EMIT_UNUSED __attribute__((unused))
        #else
        #define PRISM_EMIT_UNUSED
        #endif
        #endif

        /* The number of entries of \(name). */
        #define \(length) \(rows.count)

        /* \(cComment(table.title)). */
        static const double \(name)[\(length)] PRISM_EMIT_UNUSED = {

        """
        for (i, row) in rows.enumerated() {
            let literal = cLiteral(row.value)
            let comma = i + 1 < rows.count ? "," : ""
            out += "    \(literal)\(comma) /* \(table.indexName) = \(table.indexText(row)): \(cComment(CodeEmitter.note(row.value))) */\n"
        }
        out += "};\n\n#endif /* \(guardName) */\n"
        return out
    }

    /// The C99 literal of the value's double: its `%a` spelling (exact), or ±HUGE_VAL.
    static func cLiteral(_ v: CertifiedValue) -> String {
        if v.double.isInfinite { return v.double < 0 ? "-HUGE_VAL" : "HUGE_VAL" }
        return v.doubleHex
    }

    /// Comment text that cannot close the comment early.
    static func cComment(_ s: String) -> String {
        CodeEmitter.commentText(s).replacing("*/", with: "* /")
    }
}
