import Foundation
import PrismNumbers

/// One axis of a plot: a label, a linear or base-10 logarithmic scale, the data range it shows,
/// and its ticks. The axis ends at the data: it runs from the smallest to the largest value
/// (a single value gets a range around it).
///
/// Log axes put a labelled tick at every `step`-th decade inside the range, `step` the smallest of
/// 1, 2, 5, 10, 20, 50, … giving at most `maxLabels` labels (with unlabelled ticks at the other
/// decades, and at 2…9 × 10^e on axes of at most `maxMinorDecades` decades; those at 2 and 5 are
/// labelled when at most two decades fall inside). Linear axes use steps 1, 2 or 5 × 10^k (at
/// least 1 for integer data) at the multiples inside the range.
public struct PlotAxis: Sendable {
    public enum Scale: Sendable { case linear, log }

    public struct Tick: Sendable {
        /// The tick's position in data units.
        public var value: Double
        /// Its label; empty for a minor (unlabelled) tick.
        public var label: [SVGDocument.TextRun]
    }

    public var label: String
    public var scale: Scale
    /// The shown range in data units (for log axes: powers of ten).
    public private(set) var lower: Double
    public private(set) var upper: Double
    public private(set) var ticks: [Tick] = []

    /// The most labelled ticks an axis draws.
    public static let maxLabels = 10

    /// An axis covering `values` (finite and non-empty; positive for a log axis; else `PrismError.domain`).
    public init(label: String, scale: Scale, covering values: [Double]) throws {
        self.label = label
        self.scale = scale
        guard let lo = values.min(), let hi = values.max(), values.allSatisfy(\.isFinite) else {
            throw PrismError.domain("nothing to plot: no finite values for the axis \"\(label)\"")
        }
        switch scale {
        case .log:
            guard lo > 0 else { throw PrismError.domain("a value ≤ 0 cannot be drawn on the logarithmic axis \"\(label)\"") }
            lower = lo == hi ? lo / 2 : lo
            upper = lo == hi ? hi * 2 : hi
            // Decades 10^e with lower ≤ 10^e ≤ upper (the ends guarded against log10 rounding).
            var a = Int(Foundation.floor(log10(lower))), b = Int(Foundation.ceil(log10(upper)))
            if pow(10, Double(a)) < lower { a += 1 }
            if pow(10, Double(b)) > upper { b -= 1 }
            let span = Swift.max(b - a, 0)
            let step = PlotAxis.step(span: span)
            let fewDecades = b - a <= 1
            // Every decade ticked; minor ticks 2…9 × 10^e on short axes, in the decades overlapping the range.
            let minor = Int(Foundation.ceil(log10(upper))) - Int(Foundation.floor(log10(lower))) <= PlotAxis.maxMinorDecades
            for e in (a - 1)...(b + 1) {
                let decade = pow(10, Double(e))
                if decade >= lower && decade <= upper {
                    // Short axes label 1, 2, 5, 10, 20 … alike: plain numbers for 10^−3 … 10^3.
                    let label = fewDecades && Swift.abs(e) <= 3 ? PlotAxis.multipleLabel(1, e) : PlotAxis.decadeLabel(e)
                    ticks.append(Tick(value: decade, label: e % step == 0 || fewDecades ? label : []))
                }
                guard minor else { continue }
                for m in 2...9 {
                    let v = Double(m) * decade
                    guard v >= lower && v <= upper else { continue }
                    ticks.append(Tick(value: v, label: fewDecades && (m == 2 || m == 5) ? PlotAxis.multipleLabel(m, e) : []))
                }
            }
            ticks.sort { $0.value < $1.value }
            // A range inside one decade without a 2 or 5 in it: label every minor tick, or, with none
            // inside either, the two ends.
            if !ticks.contains(where: { !$0.label.isEmpty }) {
                ticks = ticks.map { t in
                    let e = Int(Foundation.floor(log10(t.value) + 1e-9))
                    return Tick(value: t.value, label: PlotAxis.multipleLabel(Int((t.value / pow(10, Double(e))).rounded()), e))
                }
                if ticks.isEmpty {
                    ticks = [lower, upper].map { Tick(value: $0, label: [SVGDocument.TextRun(String(format: "%.3g", $0))]) }
                }
            }
        case .linear:
            var a = lo, b = hi
            if a == b { a -= 1; b += 1 }
            lower = a
            upper = b
            let raw = (b - a) / Double(PlotAxis.maxLabels - 2)
            let magnitude = pow(10, Foundation.floor(log10(raw)))
            var unit = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
            // Integer data (degrees) get integer ticks.
            if values.allSatisfy({ $0 == $0.rounded() }) { unit = Swift.max(unit, 1) }
            var k = Foundation.ceil(a / unit - 1e-9)
            while k * unit <= b + unit * 1e-9 {
                let v = k * unit
                ticks.append(Tick(value: v, label: [SVGDocument.TextRun(PlotAxis.linearLabel(v, unit: unit))]))
                k += 1
            }
        }
    }

    /// The position of `v` in [0, 1] along the axis.
    public func fraction(_ v: Double) -> Double {
        switch scale {
        case .linear: return (v - lower) / (upper - lower)
        case .log: return (log10(v) - log10(lower)) / (log10(upper) - log10(lower))
        }
    }

    /// Log axes spanning at most this many decades get ticks at 2…9 × 10^e.
    public static let maxMinorDecades = 4

    /// m × 10^e as a tick label: a plain number for −3 ≤ e ≤ 3 (`0.02`, `500`), else `2×10⁻⁵`.
    static func multipleLabel(_ m: Int, _ e: Int) -> [SVGDocument.TextRun] {
        if e >= 0 && e <= 3 { return [SVGDocument.TextRun(String(m) + String(repeating: "0", count: e))] }
        if e < 0 && e >= -3 { return [SVGDocument.TextRun("0." + String(repeating: "0", count: -e - 1) + String(m))] }
        return [SVGDocument.TextRun("\(m)×10")] + [SVGDocument.TextRun((e < 0 ? "\u{2212}" : "") + String(Swift.abs(e)), superscript: true)]
    }

    /// The labelling step in decades for a span of `span` decades.
    static func step(span: Int) -> Int {
        var base = 1
        while true {
            for m in [1, 2, 5] where (span + m * base - 1) / (m * base) + 1 <= maxLabels { return m * base }
            base *= 10
        }
    }

    /// `10` with the exponent as a superscript (U+2212 minus for negative exponents).
    static func decadeLabel(_ e: Int) -> [SVGDocument.TextRun] {
        [SVGDocument.TextRun("10"), SVGDocument.TextRun((e < 0 ? "\u{2212}" : "") + String(Swift.abs(e)), superscript: true)]
    }

    /// A linear tick label with as many decimals as the step needs (none for integer steps).
    static func linearLabel(_ v: Double, unit: Double) -> String {
        let decimals = unit >= 1 ? 0 : Int(Foundation.ceil(-log10(unit) - 1e-9))
        let scaled = (v * pow(10, Double(decimals))).rounded()
        let sign = scaled < 0 ? "\u{2212}" : ""
        var digits = String(Int(Swift.abs(scaled)))
        guard decimals > 0 else { return sign + digits }
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals - digits.count + 1) + digits }
        return sign + digits.dropLast(decimals) + "." + digits.suffix(decimals)
    }
}
