import Foundation
import PrismNumbers

/// Enclosures of the n-point Gauss–Legendre nodes ξ_i (the roots of P_n) and weights
/// w_i = 2/((1 − ξ_i²) P_n'(ξ_i)²) on [−1, 1]: Newton from cos(π(i − 1/4)/(n + 1/2)) at working
/// precision, then a sign change of P_n across ξ_i ± 2^{−p+8} proves a root in that interval (n sign
/// changes: all roots), and the weight is evaluated over it.
///
/// Error contract: enclosure.
public struct GaussLegendre: Sendable {
    public let nodes: [Interval]
    public let weights: [Interval]

    public init(nodes n: Int, precision wp: Int) throws {
        guard n >= 1, n <= 200 else { throw PrismError.limitExceeded("Gauss–Legendre nodes \(n) (range 1...200)") }
        // The interval recurrence loses about 2 bits per step: evaluate with that many more.
        let p = wp + 4 * n + 32
        /// (P_n(x), P_n'(x)) by the three-term recurrence; P_n' = n(x P_n − P_{n−1})/(x² − 1).
        func legendre(_ x: Interval) throws -> (Interval, Interval) {
            var p0 = Interval(1, precision: p), p1 = x
            if n == 1 { return (x, Interval(1, precision: p)) }
            for k in 1..<n {
                let next = try (Interval(2 * k + 1, precision: p) * x * p1 - Interval(k, precision: p) * p0).dividing(by: Interval(k + 1, precision: p))
                p0 = p1
                p1 = next
            }
            let d = try (Interval(n, precision: p) * (x * p1 - p0)).dividing(by: x * x - Interval(1, precision: p))
            return (p1, d)
        }
        var xs: [Interval] = [], ws: [Interval] = []
        let radius = BigFloat(1, precision: p).scaled(byPowerOfTwo: -(wp + 8))
        for i in 1...n {
            var x = BigFloat(Foundation.cos(Double.pi * (Double(i) - 0.25) / (Double(n) + 0.5)), precision: p)
            for _ in 0..<(8 + Int(Double(p).squareRoot())) {
                let (v, d) = try legendre(Interval(x))
                let step = try v.dividing(by: d)
                x = x.subtracting(step.midpoint, precision: p, rounding: .nearest)
            }
            let lo = x.subtracting(radius, precision: p, rounding: .down), hi = x.adding(radius, precision: p, rounding: .up)
            guard let a = try legendre(Interval(lo)).0.sign, let b = try legendre(Interval(hi)).0.sign, a * b < 0 else {
                throw PrismError.notCertified("Gauss–Legendre: the root \(i) of P_\(n) could not be enclosed")
            }
            let X = try Interval(lower: lo, upper: hi)
            let d = try legendre(X).1
            xs.append(X.rounded(toPrecision: wp))
            ws.append(try Interval(2, precision: p).dividing(by: (Interval(1, precision: p) - X * X) * d * d).rounded(toPrecision: wp))
        }
        nodes = xs
        weights = ws
    }
}
