import PrismNumbers

/// The one adaptive driver of Prism's certified integrals (Docs/design.md "Certified integration").
///
/// Every integrator cuts its domain into pieces, builds a model of the integrand on a piece (a Taylor
/// model: the series engine at the piece's centre, and over the whole piece for the remainder), and either
/// accepts the piece — its contribution enclosed, its error within its share of the tolerance, a share
/// proportional to the piece's measure (`Segment.share`) — or splits it. What differs between them is
/// only the weight the model is integrated against and what "accept" computes:
///
/// * `FourierMoments`: ∫ g(θ) cos jθ, sin jθ dθ on [0, π] (sphere spectra by the θ route; a plain
///   integral is the moment j = 0),
/// * `HermiteIntegrator`: ∫ σ(sz) He_n(z) φ(z) dz on ℝ (Hermite coefficients),
/// * the convolutional field quadrature: tensor Gauss–Legendre rules on boxes of [0, π]².
///
/// The driver visits pieces depth first: the initial pieces in the order given, and the children of a
/// split piece, in the order given, before the piece after it. The order is part of the result (interval
/// sums round outward in the order they are formed), so each integrator states its order and keeps it.
public enum Bisection {
    /// What a visit decided about a piece.
    public enum Step<Piece> {
        /// The piece's contribution is accounted for.
        case accept
        /// Replace the piece by these children (visited next, in this order).
        case split([Piece])
    }

    /// Visits `initial` and every piece split from it, depth first. The caller's `visit` throws
    /// (typically `PrismError.notCertified`) to stop — when a piece misses its share at the deepest level
    /// it allows (`Segment.bisected(maxLevel:_:)`), or when too many pieces were visited.
    public static func run<Piece>(_ initial: [Piece], _ visit: (Piece) throws -> Step<Piece>) rethrows {
        var stack = Array(initial.reversed())
        while let piece = stack.popLast() {
            if case .split(let children) = try visit(piece) { stack.append(contentsOf: children.reversed()) }
        }
    }
}

/// A piece [lower, upper] of a line with rational (in practice dyadic) ends, and the number of times it
/// was bisected from an initial piece.
public struct Segment: Sendable, Equatable {
    public let lower: Rational
    public let upper: Rational
    public let level: Int

    public init(_ lower: Rational, _ upper: Rational, level: Int = 0) {
        self.lower = lower
        self.upper = upper
        self.level = level
    }

    public var width: Rational { upper - lower }
    public var midpoint: Rational { (lower + upper) / 2 }
    public var radius: Rational { (upper - lower) / 2 }

    /// [a, b] cut into `count` equal segments, from a to b.
    public static func uniform(from a: Rational, to b: Rational, count: Int) -> [Segment] {
        (0..<Swift.max(count, 1)).map { i in
            Segment(a + (b - a) * Rational(i) / Rational(count), a + (b - a) * Rational(i + 1) / Rational(count))
        }
    }

    /// The two halves at the next level, lower first (or upper first).
    public func halves(upperFirst: Bool = false) -> [Segment] {
        let m = midpoint
        let halves = [Segment(lower, m, level: level + 1), Segment(m, upper, level: level + 1)]
        return upperFirst ? halves.reversed() : halves
    }

    /// The halves of a piece that misses its share, or `PrismError.notCertified(reason())` when it already
    /// is at `maxLevel`.
    public func bisected(maxLevel: Int, upperFirst: Bool = false, _ reason: () -> String) throws -> [Segment] {
        guard level < maxLevel else { throw PrismError.notCertified(reason()) }
        return halves(upperFirst: upperFirst)
    }

    /// The halves of a piece at an endpoint singularity of the integrand (x = `end`, one of its ends),
    /// lower first: the half touching the end keeps this level (bisecting toward a singularity must not
    /// spend the levels the interior is allowed), the other starts again at level 0.
    public func halves(towardSingularityAt end: Rational) -> [Segment] {
        let m = midpoint
        return end == lower ? [Segment(lower, m, level: level), Segment(m, upper, level: 0)]
                            : [Segment(lower, m, level: 0), Segment(m, upper, level: level)]
    }

    /// This piece's share of an absolute tolerance spread over a domain of measure `total`:
    /// tolerance × width/total, rounded down.
    public func share(of tolerance: BigFloat, over total: Rational, precision p: Int) -> BigFloat {
        tolerance.multiplied(by: BigFloat(width / total, precision: p, rounding: .down), precision: p, rounding: .down)
    }

    /// An enclosure of {scale·x : x ∈ [lower, upper]} (the piece in θ = π·u when its ends are in units of π).
    public func enclosure(scaledBy scale: Interval) throws -> Interval {
        let p = scale.precision
        return try Interval(lower: (scale * Interval(lower, precision: p)).lower, upper: (scale * Interval(upper, precision: p)).upper)
    }
}
