extension RealExpression {
    /// The exact value of a constant expression when it has the `ExactReal` form
    /// (`1/3+1/6` → 1/2, `sqrt(8)` → 2·2^(1/2), `exp(1)*pi` → π·e, `sin(pi/6)` → 1/2),
    /// or nil when some part is not known exactly (`sin(1)`).
    ///
    /// Error contract: exact. Throws when a part is proven invalid (division by an exact
    /// zero, log of an exact non-positive number, a pole hit exactly), or over the limits.
    public func exactValue() throws -> ExactReal? {
        switch self {
        case .number(let q): return ExactReal(q)
        case .constant(let c): return ExactReal(c)
        case .variable(let name): throw PrismError.domain("'\(name)' has no value in a constant expression")
        case .negate(let a): return try a.exactValue().map { -$0 }
        case .add(let a, let b): return try RealExpression.both(a, b) { try $0 + $1 }
        case .subtract(let a, let b): return try RealExpression.both(a, b) { try $0 - $1 }
        case .multiply(let a, let b): return try RealExpression.both(a, b) { try $0 * $1 }
        case .divide(let a, let b):
            let (x, y) = (try a.exactValue(), try b.exactValue())
            if let y, y.isZero { throw PrismError.divisionByZero }
            guard let x, let y else { return nil }
            return try ExactReal.ifExact { try x / y }
        case .power(let a, let b):
            let (x, y) = (try a.exactValue(), try b.exactValue())
            guard let x, let r = y?.rational else { return nil }
            return try ExactReal.ifExact { try ExactReal.power(x, r) }
        case .call(let name, let args):
            let values = try args.map { try $0.exactValue() }.compactMap { $0 }
            guard values.count == args.count else { return nil }
            if name == "pow" {
                guard let r = values[1].rational else { return nil }
                return try ExactReal.ifExact { try ExactReal.power(values[0], r) }
            }
            if name == "abs" { return try ExactReal.ifExact { try ExactReal.absoluteValue(values[0]) } }
            guard let f = RealFunction(rawValue: name) else { return nil }
            return try ExactReal.ifExact { try ExactReal.applying(f, to: values[0]) }
        case .apply(let f, let a):
            // The definition at the argument, or the branch on the argument's side of a kink (decided by enclosure).
            guard let x = try a.exactValue() else { return nil }
            return try f.expression(side: { try x.enclosure(precision: 64) })?.substituting(a).exactValue()
        }
    }

    private static func both(_ a: RealExpression, _ b: RealExpression, _ op: (ExactReal, ExactReal) throws -> ExactReal) throws -> ExactReal? {
        let (x, y) = (try a.exactValue(), try b.exactValue())
        guard let x, let y else { return nil }
        return try op(x, y)
    }

    /// An enclosure of the value at working precision p (constants only; variables throw).
    ///
    /// Error contract: enclosure. Exact sub-expressions are enclosed from their exact value.
    public func enclosure(precision p: Int) throws -> Interval {
        if let exact = try exactValue() { return try exact.enclosure(precision: p) }
        return try numericEnclosure(precision: p)
    }

    private func numericEnclosure(precision p: Int) throws -> Interval {
        switch self {
        case .number(let q): return Interval(q, precision: p)
        case .constant(let c): return .constant(c, precision: p)
        case .variable(let name): throw PrismError.domain("'\(name)' has no value in a constant expression")
        case .negate(let a): return -(try a.enclosure(precision: p))
        case .add(let a, let b): return try a.enclosure(precision: p) + b.enclosure(precision: p)
        case .subtract(let a, let b): return try a.enclosure(precision: p) - b.enclosure(precision: p)
        case .multiply(let a, let b): return try a.enclosure(precision: p) * b.enclosure(precision: p)
        case .divide(let a, let b): return try a.enclosure(precision: p).dividing(by: b.enclosure(precision: p))
        case .power(let a, let b): return try RealExpression.power(a, b, precision: p)
        case .call(let name, let args):
            if name == "pow" { return try RealExpression.power(args[0], args[1], precision: p) }
            let x = try args[0].enclosure(precision: p)
            if name == "abs" { return x.absoluteValue }
            guard let f = RealFunction(rawValue: name) else { throw PrismError.domain("unknown function '\(name)'") }
            return try x.applying(f)
        case .apply(let f, let a):
            guard let e = try f.expression(side: { try a.enclosure(precision: p) }) else {
                throw PrismError.domain("\(f.name): the argument's side of the kink at 0 is not decided")
            }
            return try e.substituting(a).enclosure(precision: p)
        }
    }

    /// a^b: an integer power when b is an exact integer (any sign of a; past 2^40 through
    /// exp(b log|a|), for a enclosed away from 0); otherwise a real power, defined for a > 0
    /// (and a = 0 with b > 0).
    private static func power(_ a: RealExpression, _ b: RealExpression, precision p: Int) throws -> Interval {
        let x = try a.enclosure(precision: p)
        if let r = try b.exactValue()?.rational, r.isInteger {
            if let n = r.intValue, abs(n) <= 1 << 40 { return try x.power(n) }
            // A huge integer exponent: |x|^n = exp(n log|x|) away from 0, with the sign of x^n.
            let y = Interval(r, precision: p)
            if x.lower.signum > 0 { return try x.raised(to: y) }
            if x.upper.signum < 0 {
                let magnitude = try (-x).raised(to: y)
                return r.numerator.isOdd ? -magnitude : magnitude
            }
            throw PrismError.limitExceeded("integer exponent \(r) of a base that may be 0")
        }
        let y = try b.enclosure(precision: p)
        if x.upper.signum < 0 { throw PrismError.domain("a negative number raised to a non-integer power") }
        return try x.raised(to: y)
    }
}

extension Interval {
    /// { |x| : x ∈ self }.
    public var absoluteValue: Interval {
        if lower.signum >= 0 { return self }
        if upper.signum <= 0 { return -self }
        return Interval(uncheckedLower: BigFloat(precision: precision), upper: magnitude)
    }
}
