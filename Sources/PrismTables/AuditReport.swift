import PrismNumbers
import PrismKernels
import PrismEvaluation

/// `prism audit`: PrismEvaluation's Double evaluators against MPFR, one row per basis and two kernel rows.
public struct AuditReport: Sendable {
    public let rows: [(kind: String, result: AuditResult)]
    public let points: Int, degree: Int, seed: UInt64

    public static let pointsRange = 1...10_000_000
    public static let degreeRange = 0...300

    /// For each basis of `EvaluationAudit.standardCases` a random series of degree `degree` at `points`
    /// random points (seeded), and for degree ≥ 1 the normalized depth-1 ReLU NNGP and NTK truncated at
    /// `degree` against their closed forms. `progress(done, total)` is called after each row.
    /// Error contract: `PrismError.domain` for points or degree outside `pointsRange`, `degreeRange`.
    public init(points: Int, degree: Int, seed: UInt64, progress: ((Int, Int) -> Void)? = nil) throws {
        guard Self.pointsRange.contains(points) else { throw PrismError.domain("--points must be in 1...10000000, got \(points)") }
        guard Self.degreeRange.contains(degree) else { throw PrismError.domain("--degree must be in 0...300, got \(degree)") }
        let cases = EvaluationAudit.standardCases(degree: degree)
        let total = cases.count + (degree >= 1 ? 2 : 0)
        var rows: [(kind: String, result: AuditResult)] = []
        for (i, auditCase) in cases.enumerated() {
            rows.append(("series", try EvaluationAudit.run(auditCase, points: points, seed: seed &+ UInt64(i))))
            progress?(rows.count, total)
        }
        if degree >= 1 {
            for kind in [KernelKind.nngp, .ntk] {
                rows.append(("kernel", try AuditReport.reluKernelAudit(kind: kind, order: degree, points: points,
                                                                       seed: seed &+ 100 &+ (kind == .ntk ? 1 : 0))))
                progress?(rows.count, total)
            }
        }
        self.rows = rows
        self.points = points
        self.degree = degree
        self.seed = seed
    }

    /// The normalized depth-1 ReLU NNGP k(ρ) = (√(1−ρ²) + ρ(π − arccos ρ))/π, or NTK
    /// Θ(ρ) = k(ρ) + ρ(π − arccos ρ)/π, evaluated by `KernelEvaluators.dotProduct` (truncated at
    /// `order`, bound = tail + running rounding bound) against the closed form in MPFR at 192 bits.
    static func reluKernelAudit(kind: KernelKind, order: Int, points: Int, seed: UInt64) throws -> AuditResult {
        let evaluator = try KernelEvaluators.dotProduct(activation: .relu, kind: kind, depth: 1, order: order)
        var rng = SplitMix64(seed: seed)
        let rhos = (0..<points).map { _ in rng.uniform(-1, 1) }
        let evaluated = try rhos.map { try evaluator.valueWithErrorBound(at: $0) }
        let p = 192
        let pi = BigFloat.pi(precision: p)
        let inversePi = try BigFloat(1, precision: p).divided(by: pi, precision: p, rounding: .nearest)
        var result = EvaluationAudit.compare(values: evaluated.map(\.value), bounds: evaluated.map(\.errorBound)) { i in
            let rho = BigFloat(rhos[i], precision: 53)
            let angle = pi.subtracting(rho.applying(.acos, precision: p, rounding: .nearest), precision: p, rounding: .nearest)
            let one = BigFloat(1, precision: p)
            let root = one.subtracting(rho.multiplied(by: rho, precision: p, rounding: .nearest), precision: p, rounding: .nearest)
                .sqrt(precision: p)
            let rhoAngle = rho.multiplied(by: angle, precision: p, rounding: .nearest)
            var numerator = root.adding(rhoAngle, precision: p, rounding: .nearest)
            if kind == .ntk { numerator = numerator.adding(rhoAngle, precision: p, rounding: .nearest) }
            return numerator.multiplied(by: inversePi, precision: p, rounding: .nearest)
        }
        result.name = "relu \(kind.rawValue) depth 1, N=\(order) (+ tail \(shortDecimal(evaluator.tailBound)))"
        return result
    }

    /// Three significant digits, scientific (d.dde±X), rounded to nearest by MPFR; "inf", "nan" as such.
    static func shortDecimal(_ x: Double) -> String {
        guard x.isFinite else { return x > 0 ? "inf" : (x < 0 ? "-inf" : "nan") }
        if x == 0 { return "0" }
        let d = BigFloat(x, precision: 53).decimal(significantDigits: 3, rounding: .nearest)
        var digits = d.digits.map { String($0) }
        while digits.count < 3 { digits.append("0") }
        return (d.negative ? "-" : "") + digits[0] + "." + digits[1...2].joined() + "e" + (d.exponent < 0 ? "-" : "+") + String(abs(d.exponent))
    }

    /// Columns: function, kind, points, max and RMS error in ulps, max error/bound, violations,
    /// max absolute error, max bound; json: an object with `parameters` and `rows`.
    public func rendered(_ format: OutputFormat) -> String {
        let names = ["function", "kind", "points", "max_ulp", "rms_ulp", "max_error_over_bound", "violations", "max_abs_error", "max_bound"]
        let sd = AuditReport.shortDecimal
        let cells: [[String]] = rows.map { kind, r in
            [r.name, kind, String(r.points), sd(r.maxErrorULP), sd(r.rmsErrorULP), sd(r.maxErrorOverBound),
             String(r.violations), sd(r.maxAbsoluteError), sd(r.maxBound)]
        }
        switch format {
        case .json:
            let items: [JSONValue] = zip(rows, cells).map { row, c in
                .object([("function", .string(c[0])), ("kind", .string(c[1])), ("points", .int(row.result.points)),
                         ("max_ulp", .string(c[3])), ("rms_ulp", .string(c[4])), ("max_error_over_bound", .string(c[5])),
                         ("violations", .int(row.result.violations)), ("max_abs_error", .string(c[7])), ("max_bound", .string(c[8]))])
            }
            let parameters: [(String, JSONValue)] = [("points", .int(points)), ("degree", .int(degree)), ("seed", .string(String(seed)))]
            return JSONValue.object([("prism", .string(prismVersion)), ("command", .string("audit")), ("parameters", .object(parameters)),
                                     ("rows", .array(items))]).pretty
        case .csv:
            return ([names] + cells).map { $0.map(PlainTable.csvField).joined(separator: ",") }.joined(separator: "\n") + "\n"
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
