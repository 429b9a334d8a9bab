import ArgumentParser
import PrismNumbers
import PrismKernels
import PrismActivations
import PrismEvaluation
import PrismTables

/// `prism audit`: PrismEvaluation's accuracy audit against MPFR.
struct AuditCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Accuracy audit of the Double evaluators against MPFR: ULP statistics and error/bound ratios.",
        discussion: """
        For each basis (monomial, hermite-he, hermite-normalized, legendre d = 3 and 10, chebyshev) a random \
        series of degree --degree is evaluated at --points random points (fixed --seed) by the Double \
        evaluator with its running error bound, and by the same recurrence in MPFR at 256 bits. Two kernel \
        rows (the normalized depth-1 ReLU NNGP and NTK truncated at --degree, with their certified tail \
        bounds) are compared against their closed forms (CONVENTIONS §8) in MPFR. Columns: max and RMS error \
        in ulps of the reference, max error/bound (≤ 1 means every error is within its bound), violations \
        (errors over their bound; always 0 unless a bound is wrong).
        """
    )

    @Option(help: "Random points per function (1...10000000).") var points: Int = 20_000
    @Option(help: "Degree of each series (0...300; kernels: 1...400).") var degree: Int = 64
    @Option(help: "Seed of the deterministic generator.") var seed: UInt64 = 2024
    @Option(help: "Output format: text, json or csv.") var format: OutputFormat = .text

    func output() throws -> String {
        guard (1...10_000_000).contains(points) else { throw PrismError.domain("--points must be in 1...10000000, got \(points)") }
        guard (0...300).contains(degree) else { throw PrismError.domain("--degree must be in 0...300, got \(degree)") }
        var rows: [(kind: String, result: AuditResult)] = []
        for (i, auditCase) in EvaluationAudit.standardCases(degree: degree).enumerated() {
            rows.append(("series", try EvaluationAudit.run(auditCase, points: points, seed: seed &+ UInt64(i))))
        }
        if degree >= 1 {
            for kind in [KernelKind.nngp, .ntk] {
                rows.append(("kernel", try AuditCommand.reluKernelAudit(kind: kind, order: degree, points: points, seed: seed &+ 100 &+ (kind == .ntk ? 1 : 0))))
            }
        }
        return AuditCommand.render(rows, parameters: [("points", .int(points)), ("degree", .int(degree)), ("seed", .string(String(seed)))], format: format)
    }

    /// The normalized depth-1 ReLU NNGP k(ρ) = (√(1−ρ²) + ρ(π − arccos ρ))/π, or NTK
    /// Θ(ρ) = k(ρ) + ρ(π − arccos ρ)/π, evaluated by `KernelEvaluators.dotProduct` (truncated at
    /// `order`, bound = tail + running rounding bound) against the closed form in MPFR.
    static func reluKernelAudit(kind: KernelKind, order: Int, points: Int, seed: UInt64) throws -> AuditResult {
        let evaluator = try KernelEvaluators.dotProduct(activation: .relu, kind: kind, depth: 1, order: order)
        var rng = SplitMix64(seed: seed)
        let rhos = (0..<points).map { _ in rng.uniform(-1, 1) }
        let evaluated = try rhos.map { try evaluator.valueWithErrorBound(at: $0) }
        var result = EvaluationAudit.compare(values: evaluated.map(\.value), bounds: evaluated.map(\.errorBound)) { i in
            let p = 192
            let rho = BigFloat(rhos[i], precision: 53)
            let pi = BigFloat.pi(precision: p)
            let angle = pi.subtracting(rho.applying(.acos, precision: p, rounding: .nearest), precision: p, rounding: .nearest)
            let one = BigFloat(1, precision: p)
            let root = one.subtracting(rho.multiplied(by: rho, precision: p, rounding: .nearest), precision: p, rounding: .nearest)
                .sqrt(precision: p)
            let rhoAngle = rho.multiplied(by: angle, precision: p, rounding: .nearest)
            var numerator = root.adding(rhoAngle, precision: p, rounding: .nearest)
            if kind == .ntk { numerator = numerator.adding(rhoAngle, precision: p, rounding: .nearest) }
            return try! numerator.divided(by: pi, precision: p, rounding: .nearest)
        }
        result.name = "relu \(kind.rawValue) depth 1, N=\(order) (+ tail \(shortDecimal(evaluator.tailBound)))"
        return result
    }

    static func shortDecimal(_ x: Double) -> String {
        guard x.isFinite else { return x > 0 ? "inf" : (x < 0 ? "-inf" : "nan") }
        if x == 0 { return "0" }
        // Three significant digits, scientific: d.dde±X (rounded to nearest by MPFR).
        let d = BigFloat(x, precision: 53).decimal(significantDigits: 3, rounding: .nearest)
        var digits = d.digits.map { String($0) }
        while digits.count < 3 { digits.append("0") }
        return (d.negative ? "-" : "") + digits[0] + "." + digits[1...2].joined() + "e" + (d.exponent < 0 ? "-" : "+") + String(abs(d.exponent))
    }

    static func render(_ rows: [(kind: String, result: AuditResult)], parameters: [(String, JSONValue)], format: OutputFormat) -> String {
        let names = ["function", "kind", "points", "max_ulp", "rms_ulp", "max_error_over_bound", "violations", "max_abs_error", "max_bound"]
        let cells: [[String]] = rows.map { kind, r in
            [r.name, kind, String(r.points), shortDecimal(r.maxErrorULP), shortDecimal(r.rmsErrorULP), shortDecimal(r.maxErrorOverBound),
             String(r.violations), shortDecimal(r.maxAbsoluteError), shortDecimal(r.maxBound)]
        }
        switch format {
        case .json:
            let items: [JSONValue] = zip(rows, cells).map { row, c in
                .object([("function", .string(c[0])), ("kind", .string(c[1])), ("points", .int(row.result.points)),
                         ("max_ulp", .string(c[3])), ("rms_ulp", .string(c[4])), ("max_error_over_bound", .string(c[5])),
                         ("violations", .int(row.result.violations)), ("max_abs_error", .string(c[7])), ("max_bound", .string(c[8]))])
            }
            return JSONValue.object([("prism", .string(prismVersion)), ("command", .string("audit")), ("parameters", .object(parameters)),
                                     ("rows", .array(items))]).pretty
        case .csv:
            func field(_ s: String) -> String { s.contains(where: { ",\"\n".contains($0) }) ? "\"" + s.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" : s }
            return ([names] + cells).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
        case .text:
            var widths = names.map(\.count)
            for r in cells { for (i, c) in r.enumerated() { widths[i] = Swift.max(widths[i], c.count) } }
            func line(_ cs: [String]) -> String {
                var s = zip(cs, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }.joined(separator: "  ")
                while s.last == " " { s.removeLast() }
                return s + "\n"
            }
            return line(names) + cells.map(line).joined()
        }
    }
}
