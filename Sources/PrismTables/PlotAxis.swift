import Foundation
import PrismNumbers

/// One axis of a plot: a label, a linear or base-10 logarithmic scale, the data range it shows,
/// and its ticks.
///
/// Log axes run between whole decades 10^a ≤ data ≤ 10^b and put a labelled tick every `step`
/// decades, `step` the smallest of 1, 2, 5, 10, 20, 50, … giving at most `maxLabels` labels
/// (with unlabelled ticks at the other decades, and at 2…9 × 10^e on axes of at most
/// `maxMinorDecades` decades). Linear axes use steps 1, 2 or 5 × 10^k (at least 1 for integer data).
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
            var a = Int(Foundation.floor(log10(lo))), b = Int(Foundation.ceil(log10(hi)))
            // log10 of an exact power of ten is exact in IEEE arithmetic, but guard the ends anyway.
            if pow(10, Double(a)) > lo { a -= 1 }
            if pow(10, Double(b)) < hi { b += 1 }
            if a == b { b += 1 }
            lower = pow(10, Double(a))
            upper = pow(10, Double(b))
            let step = PlotAxis.step(span: b - a)
            for e in a...b {
                let labelled = e % step == 0
                ticks.append(Tick(value: pow(10, Double(e)), label: labelled ? PlotAxis.decadeLabel(e) : []))
                // Short axes also get ticks at 2…9 × 10^e (labelled at 2 and 5 when the axis spans one decade).
                guard b - a <= PlotAxis.maxMinorDecades, e < b else { continue }
                for m in 2...9 {
                    let label = b - a == 1 && (m == 2 || m == 5) ? PlotAxis.multipleLabel(m, e) : []
                    ticks.append(Tick(value: Double(m) * pow(10, Double(e)), label: label))
                }
            }
        case .linear:
            var a = lo, b = hi
            if a == b { a -= 1; b += 1 }
            let raw = (b - a) / Double(PlotAxis.maxLabels - 2)
            let magnitude = pow(10, Foundation.floor(log10(raw)))
            var unit = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
            // Integer data (degrees) get integer ticks.
            if values.allSatisfy({ $0 == $0.rounded() }) { unit = Swift.max(unit, 1) }
            lower = Foundation.floor(a / unit) * unit
            upper = Foundation.ceil(b / unit) * unit
            var k = 0
            while lower + Double(k) * unit <= upper + unit * 1e-9 {
                let v = lower + Double(k) * unit
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
