import _CPrismGMP

extension Interval {
    /// f over the interval: an enclosure of { f(x) : x ∈ self }.
    ///
    /// Monotone functions take their endpoints with outward rounding; cosh,
    /// sin, cos, tan and Γ locate their extrema and poles rigorously (the
    /// critical points π/2 + kπ, kπ and the minimum of Γ are located with
    /// interval arithmetic, and a doubtful extremum is included, which only
    /// widens the result). Negative arguments of Γ and log|Γ| go through the
    /// reflection formula Γ(x)Γ(1−x) = π / sin(πx) (DLMF 5.5.3).
    ///
    /// Error contract: enclosure. Throws `domain` when the interval lies
    /// outside f's domain, `notCertified` when it is not separated from a
    /// domain boundary or a pole, `overflow` when f overflows.
    public func applying(_ f: RealFunction) throws -> Interval {
        switch f {
        case .exp, .expm1, .atan, .sinh, .tanh, .erf:
            return try increasing(f)
        case .log:
            try requireAbove(0, strictly: true, f)
            return try increasing(f)
        case .log1p:
            try requireAbove(-1, strictly: true, f)
            return try increasing(f)
        case .sqrt:
            try requireAbove(0, strictly: false, f)
            return try increasing(f)
        case .asin, .acos:
            try requireAbove(-1, strictly: false, f)
            try requireBelow(1, f)
            return f == .asin ? try increasing(f) : try decreasing(f)
        case .erfc:
            return try decreasing(f)
        case .cosh:
            if lower.signum >= 0 { return try increasing(f) }
            if upper.signum <= 0 { return try decreasing(f) }
            let p = precision
            return try Interval.checked(BigFloat(1, precision: p),
                                        Swift.max(lower.applying(f, precision: p, rounding: .up), upper.applying(f, precision: p, rounding: .up)),
                                        "cosh")
        case .sin, .cos:
            return try sineOrCosine(f)
        case .tan:
            if try criticalIntegers(offsetByHalfPi: true) != nil { throw PrismError.notCertified("tan argument not separated from a pole π/2 + kπ") }
            return try increasing(f)
        case .gamma, .lgamma:
            return try gammaFunction(logarithmic: f == .lgamma)
        }
    }

    /// x^y for intervals: exp(y·log x) when x > 0; 0 when x = 0 and y > 0.
    public func raised(to y: Interval) throws -> Interval {
        if isExactZero {
            if y.lower.signum > 0 { return self }
            if y.isExactZero { return Interval(1, precision: precision) }
            throw y.upper.signum < 0 ? PrismError.divisionByZero : PrismError.notCertified("0 raised to a power not separated from 0")
        }
        try requireAbove(0, strictly: true, nil)
        return try (y * applying(.log)).applying(.exp)
    }

    // MARK: helpers

    private func increasing(_ f: RealFunction) throws -> Interval {
        let p = precision
        return try Interval.checked(lower.applying(f, precision: p, rounding: .down),
                                    upper.applying(f, precision: p, rounding: .up), "\(f.rawValue) of \(self)")
    }

    private func decreasing(_ f: RealFunction) throws -> Interval {
        let p = precision
        return try Interval.checked(upper.applying(f, precision: p, rounding: .down),
                                    lower.applying(f, precision: p, rounding: .up), "\(f.rawValue) of \(self)")
    }

    /// Requires every point > bound (strictly) or ≥ bound.
    private func requireAbove(_ bound: Int, strictly: Bool, _ f: RealFunction?) throws {
        let b = BigFloat(bound)
        let name = f?.rawValue ?? "a real power"
        let outside = strictly ? !(b < upper) : upper < b
        if outside { throw PrismError.domain("\(name) needs an argument \(strictly ? ">" : "≥") \(bound)") }
        let straddles = strictly ? !(b < lower) : lower < b
        if straddles { throw PrismError.notCertified("\(name) argument not separated from \(bound)") }
    }

    private func requireBelow(_ bound: Int, _ f: RealFunction) throws {
        let b = BigFloat(bound)
        if b < lower { throw PrismError.domain("\(f.rawValue) needs an argument ≤ \(bound)") }
        if b < upper { throw PrismError.notCertified("\(f.rawValue) argument not separated from \(bound)") }
    }

    /// The integers k with (x − c)/π ∋ k for c = π/2 (or 0): the critical points of sin
    /// (or cos) and the poles of tan that may lie in x. Returns nil when there is none,
    /// or the range when there are at most 4; throws nothing but returns `.some(nil-range)`
    /// through `tooMany` when the interval is wider than that.
    private func criticalIntegers(offsetByHalfPi: Bool) throws -> (first: BigInt, count: Int)? {
        // Enough precision that (x − c)/π is resolved to about the working precision.
        let extra = Swift.max(0, Swift.max(lower.exponent, upper.exponent)) + 16
        let p = precision + (lower.isZero && upper.isZero ? 0 : extra)
        let pi = Interval.constant(.pi, precision: p)
        var t = rounded(toPrecision: p)
        if offsetByHalfPi { t = t - Interval(uncheckedLower: pi.lower.scaled(byPowerOfTwo: -1), upper: pi.upper.scaled(byPowerOfTwo: -1)) }
        t = try t.dividing(by: pi)
        let first = t.lower.integer(rounding: .up)
        let last = t.upper.integer(rounding: .down)
        if last < first { return nil }
        let count = last - first + 1
        return (first, count > 4 ? Int.max : count.intValue!)
    }

    private func sineOrCosine(_ f: RealFunction) throws -> Interval {
        let p = precision
        let one = BigFloat(1, precision: p)
        guard let (first, count) = try criticalIntegers(offsetByHalfPi: f == .sin) else {
            // No extremum inside: monotone between the endpoints.
            let a = lower.applying(f, precision: p, rounding: .down), b = upper.applying(f, precision: p, rounding: .down)
            let c = lower.applying(f, precision: p, rounding: .up), d = upper.applying(f, precision: p, rounding: .up)
            return Interval(uncheckedLower: Swift.min(a, b), upper: Swift.max(c, d))
        }
        if count >= 2 { return Interval(uncheckedLower: one.negated(), upper: one) }
        // One critical point: a maximum (+1) for even k, a minimum (−1) for odd k.
        let isMaximum = !first.isOdd
        if isMaximum {
            let low = Swift.min(lower.applying(f, precision: p, rounding: .down), upper.applying(f, precision: p, rounding: .down))
            return Interval(uncheckedLower: Swift.max(low, one.negated()), upper: one)
        }
        let high = Swift.max(lower.applying(f, precision: p, rounding: .up), upper.applying(f, precision: p, rounding: .up))
        return Interval(uncheckedLower: one.negated(), upper: Swift.min(high, one))
    }

    /// Γ(x) or log|Γ(x)|.
    private func gammaFunction(logarithmic: Bool) throws -> Interval {
        let p = precision
        let f: RealFunction = logarithmic ? .lgamma : .gamma
        if lower.signum > 0 {
            // Γ decreases on (0, x₀] and increases on [x₀, ∞), x₀ = 1.4616… (DLMF 5.4.iii).
            let x0 = Interval.gammaMinimumPoint(precision: p)
            if !(x0.lower < upper) { return try decreasing(f) }
            if !(lower < x0.upper) { return try increasing(f) }
            let minimum = logarithmic ? try Interval.gammaMinimumValue(precision: p).applying(.log).lower
                                      : Interval.gammaMinimumValue(precision: p).lower
            let high = Swift.max(lower.applying(f, precision: p, rounding: .up), upper.applying(f, precision: p, rounding: .up))
            return try Interval.checked(minimum, high, f.rawValue)
        }
        // Poles at 0, −1, −2, …
        let lastPole = upper.integer(rounding: .down)
        if lastPole.signum <= 0, !(BigFloat(lastPole, precision: p) < lower) {
            if isPoint { throw PrismError.domain("\(f.rawValue) has a pole at \(lastPole)") }
            throw PrismError.notCertified("\(f.rawValue) argument not separated from a pole")
        }
        // Reflection: Γ(x) = π / (sin(πx) Γ(1−x)), 1 − x > 1.
        let pi = Interval.constant(.pi, precision: p)
        let one = Interval(1, precision: p)
        let reflected = try (one - self).gammaFunction(logarithmic: logarithmic)
        let sine = try (pi * self).applying(.sin)
        if logarithmic {
            let absSine = sine.lower.signum > 0 ? sine : -sine
            return try pi.applying(.log) - absSine.applying(.log) - reflected
        }
        return try pi.dividing(by: sine * reflected)
    }

    /// An enclosure of x₀ = 1.461632144968362341262659542325721328468196204…, the positive
    /// zero of the digamma function (where Γ is minimal on (0, ∞)). The decimal bounds are
    /// checked in the tests by the sign of MPFR's correctly rounded digamma at each end.
    static func gammaMinimumPoint(precision p: Int) -> Interval {
        let mid = try! Rational(parsing: "1.461632144968362341262659542325721328468196204")
        let radius = try! Rational(parsing: "1e-44")
        return Interval(uncheckedLower: BigFloat(mid - radius, precision: p, rounding: .down),
                        upper: BigFloat(mid + radius, precision: p, rounding: .up))
    }

    /// An enclosure of Γ(x₀) = 0.885603194410888700278815900582588733207951533669903448871…,
    /// the minimum of Γ on (0, ∞); only its lower end is used. Checked in the tests.
    static func gammaMinimumValue(precision p: Int) -> Interval {
        let mid = try! Rational(parsing: "0.885603194410888700278815900582588733207951533669903448871")
        let radius = try! Rational(parsing: "1e-56")
        return Interval(uncheckedLower: BigFloat(mid - radius, precision: p, rounding: .down),
                        upper: BigFloat(mid + radius, precision: p, rounding: .up))
    }
}

extension BigFloat {
    /// The integer obtained by rounding in `direction` (ceiling for `.up`, floor for `.down`).
    func integer(rounding direction: RoundingDirection) -> BigInt {
        precondition(isFinite)
        return BigInt.make { mpfr_get_z($0, pointer, direction.mpfr) }
    }

    public init(_ value: BigInt, precision p: Int, rounding r: RoundingDirection = .nearest) {
        self = .make(precision: p) { mpfr_set_z($0, value.pointer, r.mpfr) }
    }
}
