import _CPrismGMP

/// A certified enclosure [lower, upper] of a real number, with MPFR endpoints.
///
/// Every operation rounds its lower endpoint down and its upper endpoint up
/// (MPFR's directed rounding), so the exact result of the operation applied
/// to any points of the operands lies in the result. This is the inclusion
/// principle, and it holds for every function of this type.
///
/// Error contract: enclosure — the true value lies in the result.
/// Endpoints are always finite: an operation that would overflow throws
/// `PrismError.overflow`; one whose operand is not separated from a domain
/// boundary or a pole throws `PrismError.notCertified` (more precision may
/// separate it); one whose operand lies wholly outside the domain throws
/// `PrismError.domain`.
public struct Interval: Sendable {
    public let lower: BigFloat
    public let upper: BigFloat

    /// Unchecked: callers guarantee lower ≤ upper and finite endpoints.
    init(uncheckedLower lower: BigFloat, upper: BigFloat) {
        self.lower = lower
        self.upper = upper
    }

    /// [lower, upper]; throws unless both are finite and lower ≤ upper.
    public init(lower: BigFloat, upper: BigFloat) throws {
        guard lower.isFinite, upper.isFinite else { throw PrismError.overflow("interval endpoint is not finite") }
        guard !(upper < lower) else { throw PrismError.domain("interval with lower > upper") }
        self.init(uncheckedLower: lower, upper: upper)
    }

    /// The point interval [x, x].
    public init(_ x: BigFloat) {
        precondition(x.isFinite, "a point interval needs a finite number")
        self.init(uncheckedLower: x, upper: x)
    }

    /// The tightest enclosure of q at precision p (a point when q is representable).
    public init(_ q: Rational, precision p: Int) {
        self.init(uncheckedLower: BigFloat(q, precision: p, rounding: .down), upper: BigFloat(q, precision: p, rounding: .up))
    }

    public init(_ n: Int, precision p: Int) { self.init(Rational(n), precision: p) }

    /// An enclosure of a constant at precision p.
    public static func constant(_ c: MathConstant, precision p: Int) -> Interval {
        Interval(uncheckedLower: .constant(c, precision: p, rounding: .down), upper: .constant(c, precision: p, rounding: .up))
    }

    /// Builds [f(↓), f(↑)] after checking that both endpoints are finite.
    static func checked(_ lower: BigFloat, _ upper: BigFloat, _ what: @autoclosure () -> String) throws -> Interval {
        guard lower.isFinite, upper.isFinite else {
            if lower.isNaN || upper.isNaN { throw PrismError.domain(what()) }
            throw PrismError.overflow(what())
        }
        return Interval(uncheckedLower: lower, upper: upper)
    }

    /// The working precision: the larger endpoint precision.
    public var precision: Int { Swift.max(lower.precision, upper.precision) }

    public var isPoint: Bool { lower == upper }
    public var containsZero: Bool { lower.signum <= 0 && upper.signum >= 0 }
    /// True when the interval is exactly [0, 0]: then the value is proven to be 0.
    public var isExactZero: Bool { lower.isZero && upper.isZero }
    /// 1 if every point is positive, −1 if every point is negative, nil otherwise.
    public var sign: Int? { lower.signum > 0 ? 1 : (upper.signum < 0 ? -1 : (isExactZero ? 0 : nil)) }

    public func contains(_ x: BigFloat) -> Bool { !(x < lower) && !(upper < x) }
    public func contains(_ q: Rational) -> Bool { lower.compare(q) <= 0 && upper.compare(q) >= 0 }
    /// Whether `other` lies inside `self`.
    public func contains(_ other: Interval) -> Bool { !(other.lower < lower) && !(upper < other.upper) }
    /// Whether the two intervals share a point.
    public func overlaps(_ other: Interval) -> Bool { !(upper < other.lower) && !(other.upper < lower) }

    /// upper − lower, rounded up.
    public var width: BigFloat { upper.subtracting(lower, precision: precision, rounding: .up) }

    /// The midpoint, rounded to nearest (a representative, not a bound).
    public var midpoint: BigFloat { lower.adding(upper, precision: precision + 1, rounding: .nearest).scaled(byPowerOfTwo: -1) }

    /// max |x| over the interval (exact: an endpoint's magnitude).
    public var magnitude: BigFloat { Swift.max(lower.magnitude, upper.magnitude) }

    /// Accurate bits: −log2(width / magnitude), roughly; `Int.max` for a point.
    public var accurateBits: Int {
        if isPoint { return Int.max }
        let w = width
        if magnitude.isZero { return -w.exponent }
        return Swift.max(0, magnitude.exponent - w.exponent)
    }

    /// The smallest interval containing both.
    public func hull(_ other: Interval) -> Interval {
        Interval(uncheckedLower: Swift.min(lower, other.lower), upper: Swift.max(upper, other.upper))
    }
}

extension Interval: Equatable {
    /// Equal endpoints (as sets).
    public static func == (a: Interval, b: Interval) -> Bool { a.lower == b.lower && a.upper == b.upper }
}

extension Interval: CustomStringConvertible {
    public var description: String { "[\(lower), \(upper)]" }
}

// MARK: - Arithmetic

extension Interval {
    public static func + (a: Interval, b: Interval) -> Interval {
        let p = Swift.max(a.precision, b.precision)
        return Interval(uncheckedLower: a.lower.adding(b.lower, precision: p, rounding: .down),
                        upper: a.upper.adding(b.upper, precision: p, rounding: .up))
    }

    public static func - (a: Interval, b: Interval) -> Interval {
        let p = Swift.max(a.precision, b.precision)
        return Interval(uncheckedLower: a.lower.subtracting(b.upper, precision: p, rounding: .down),
                        upper: a.upper.subtracting(b.lower, precision: p, rounding: .up))
    }

    public static prefix func - (a: Interval) -> Interval {
        Interval(uncheckedLower: a.upper.negated(), upper: a.lower.negated())
    }

    /// The product, with the usual case analysis on signs so that two MPFR multiplications
    /// suffice unless both factors contain 0 (then the four products are compared).
    public static func * (a: Interval, b: Interval) -> Interval {
        let p = Swift.max(a.precision, b.precision)
        func mul(_ x: BigFloat, _ y: BigFloat, _ r: RoundingDirection) -> BigFloat { x.multiplied(by: y, precision: p, rounding: r) }
        let (al, au, bl, bu) = (a.lower.signum, a.upper.signum, b.lower.signum, b.upper.signum)
        if al >= 0 {
            if bl >= 0 { return Interval(uncheckedLower: mul(a.lower, b.lower, .down), upper: mul(a.upper, b.upper, .up)) }
            if bu <= 0 { return Interval(uncheckedLower: mul(a.upper, b.lower, .down), upper: mul(a.lower, b.upper, .up)) }
            return Interval(uncheckedLower: mul(a.upper, b.lower, .down), upper: mul(a.upper, b.upper, .up))
        }
        if au <= 0 {
            if bl >= 0 { return Interval(uncheckedLower: mul(a.lower, b.upper, .down), upper: mul(a.upper, b.lower, .up)) }
            if bu <= 0 { return Interval(uncheckedLower: mul(a.upper, b.upper, .down), upper: mul(a.lower, b.lower, .up)) }
            return Interval(uncheckedLower: mul(a.lower, b.upper, .down), upper: mul(a.lower, b.lower, .up))
        }
        // a contains 0 in its interior.
        if bl >= 0 { return Interval(uncheckedLower: mul(a.lower, b.upper, .down), upper: mul(a.upper, b.upper, .up)) }
        if bu <= 0 { return Interval(uncheckedLower: mul(a.upper, b.lower, .down), upper: mul(a.lower, b.lower, .up)) }
        let low = Swift.min(mul(a.lower, b.upper, .down), mul(a.upper, b.lower, .down))
        let high = Swift.max(mul(a.lower, b.lower, .up), mul(a.upper, b.upper, .up))
        return Interval(uncheckedLower: low, upper: high)
    }

    /// a / b. Throws `divisionByZero` when b is exactly 0, and `notCertified`
    /// when b contains 0 without being 0 (the quotient is then unbounded).
    public func dividing(by b: Interval) throws -> Interval {
        if b.isExactZero { throw PrismError.divisionByZero }
        if b.containsZero { throw PrismError.notCertified("divisor not separated from 0") }
        let p = Swift.max(precision, b.precision)
        let pairs = [(lower, b.lower), (lower, b.upper), (upper, b.lower), (upper, b.upper)]
        let lows = try pairs.map { try $0.0.divided(by: $0.1, precision: p, rounding: .down) }
        let highs = try pairs.map { try $0.0.divided(by: $0.1, precision: p, rounding: .up) }
        return try Interval.checked(lows.min()!, highs.max()!, "quotient")
    }

    public static func / (a: Interval, b: Interval) throws -> Interval { try a.dividing(by: b) }

    /// x^n for an integer n (x^0 = 1; negative n needs x separated from 0).
    public func power(_ n: Int) throws -> Interval {
        let p = precision
        if n == 0 { return Interval(1, precision: p) }
        if n < 0 { return try Interval(1, precision: p).dividing(by: power(-n)) }
        let lowPow = lower.raised(to: n, precision: p, rounding: .down)
        let highPow = upper.raised(to: n, precision: p, rounding: .up)
        if n % 2 == 1 || lower.signum >= 0 { return try Interval.checked(lowPow, highPow, "power") }
        let absLow = lower.magnitude.raised(to: n, precision: p, rounding: .up)
        if upper.signum <= 0 {
            return try Interval.checked(upper.magnitude.raised(to: n, precision: p, rounding: .down), absLow, "power")
        }
        return try Interval.checked(BigFloat(precision: p), Swift.max(absLow, highPow), "power")
    }

    /// An enclosure of x at another precision (widened outward when shortened).
    public func rounded(toPrecision p: Int) -> Interval {
        Interval(uncheckedLower: lower.rounded(toPrecision: p, rounding: .down), upper: upper.rounded(toPrecision: p, rounding: .up))
    }
}
