import PrismNumbers

/// The scalars that `Polynomial` and `PowerSeries` are generic over: `Rational`,
/// `ExactReal`, `BigFloat`, `Interval` and `Double`. One series engine serves all
/// of them (Docs/design.md "Algebra"): exact Taylor coefficients over `Rational` and
/// `ExactReal`, Taylor models over `Interval`, fast evaluation over `Double`.
///
/// Operations throw where the scalar type can fail: `ExactReal` at its size
/// limits or when a value leaves its form, `Interval` when a divisor is not
/// separated from 0, any type on division by an exact zero.
public protocol AlgebraScalar: Sendable {
    /// The rational q as a scalar of this type, at this value's precision.
    func converting(_ q: Rational) -> Self
    /// A named constant at this value's precision; throws where the type cannot hold it
    /// (`Rational`).
    func converting(_ c: MathConstant) throws -> Self

    func adding(_ b: Self) throws -> Self
    func subtracting(_ b: Self) throws -> Self
    func multiplied(by b: Self) throws -> Self
    func dividing(by b: Self) throws -> Self
    func negated() -> Self

    /// f(self); throws when the value is outside f's domain, or when the result is not
    /// representable in this type (e.g. `exp(1)` as a `Rational`).
    func applying(_ f: RealFunction) throws -> Self
    /// self^r for a rational r.
    func raised(to r: Rational) throws -> Self

    /// True only when the value is known to be exactly 0 (exact types, or the interval [0, 0]).
    var isKnownZero: Bool { get }
}

extension AlgebraScalar {
    /// self · q.
    @inlinable public func scaled(by q: Rational) throws -> Self { try multiplied(by: converting(q)) }
    /// self / n for a nonzero integer n.
    @inlinable public func divided(by n: Int) throws -> Self { try dividing(by: converting(Rational(n))) }
    /// 0 and 1 of this type.
    @inlinable public var zero: Self { converting(0) }
    @inlinable public var one: Self { converting(1) }
}

// MARK: - Conformances

extension Rational: AlgebraScalar {
    public func converting(_ q: Rational) -> Rational { q }
    public func converting(_ c: MathConstant) throws -> Rational {
        throw PrismError.domain("\(c.rawValue) is not rational; use exact reals or intervals")
    }
    public func adding(_ b: Rational) -> Rational { self + b }
    public func subtracting(_ b: Rational) -> Rational { self - b }
    public func multiplied(by b: Rational) -> Rational { self * b }
    public func negated() -> Rational { -self }
    public func applying(_ f: RealFunction) throws -> Rational {
        guard let value = try ExactReal.ifExact({ try ExactReal.applying(f, to: ExactReal(self)) })?.rational else {
            throw PrismError.domain("\(f.rawValue)(\(self)) is not rational; use exact reals or intervals")
        }
        return value
    }
    public func raised(to r: Rational) throws -> Rational {
        guard let value = try ExactReal.ifExact({ try ExactReal(self).power(r) })?.rational else {
            throw PrismError.domain("\(self)^(\(r)) is not rational")
        }
        return value
    }
    public var isKnownZero: Bool { isZero }
}

extension ExactReal: AlgebraScalar {
    public func converting(_ q: Rational) -> ExactReal { ExactReal(q) }
    public func converting(_ c: MathConstant) -> ExactReal { ExactReal(c) }
    public func adding(_ b: ExactReal) throws -> ExactReal { try self + b }
    public func subtracting(_ b: ExactReal) throws -> ExactReal { try self - b }
    public func multiplied(by b: ExactReal) throws -> ExactReal { try self * b }
    public func dividing(by b: ExactReal) throws -> ExactReal {
        guard let q = try ExactReal.ifExact({ try self / b }) else { throw PrismError.domain("division by a sum of terms leaves the exact-real form") }
        return q
    }
    public func negated() -> ExactReal { -self }
    public func applying(_ f: RealFunction) throws -> ExactReal {
        guard let value = try ExactReal.ifExact({ try ExactReal.applying(f, to: self) }) else {
            throw PrismError.domain("\(f.rawValue)(\(self)) has no known exact form")
        }
        return value
    }
    public func raised(to r: Rational) throws -> ExactReal {
        guard let value = try ExactReal.ifExact({ try power(r) }) else { throw PrismError.domain("(\(self))^(\(r)) has no exact form") }
        return value
    }
    public var isKnownZero: Bool { isZero }
}

extension Interval: AlgebraScalar {
    public func converting(_ q: Rational) -> Interval { Interval(q, precision: precision) }
    public func converting(_ c: MathConstant) -> Interval { .constant(c, precision: precision) }
    public func adding(_ b: Interval) -> Interval { self + b }
    public func subtracting(_ b: Interval) -> Interval { self - b }
    public func multiplied(by b: Interval) -> Interval { self * b }
    public func negated() -> Interval { -self }
    public func raised(to r: Rational) throws -> Interval {
        if r.isInteger, let n = r.intValue { return try power(n) }
        return try raised(to: Interval(r, precision: precision))
    }
    public var isKnownZero: Bool { isExactZero }
}

extension BigFloat: AlgebraScalar {
    public func converting(_ q: Rational) -> BigFloat { BigFloat(q, precision: precision, rounding: .nearest) }
    public func converting(_ c: MathConstant) -> BigFloat { .constant(c, precision: precision, rounding: .nearest) }
    public func adding(_ b: BigFloat) -> BigFloat { self + b }
    public func subtracting(_ b: BigFloat) -> BigFloat { self - b }
    public func multiplied(by b: BigFloat) -> BigFloat { self * b }
    public func dividing(by b: BigFloat) throws -> BigFloat { try divided(by: b, precision: Swift.max(precision, b.precision), rounding: .nearest) }
    public func applying(_ f: RealFunction) throws -> BigFloat {
        let y = applying(f, precision: precision, rounding: .nearest)
        guard y.isFinite else { throw PrismError.domain("\(f.rawValue)(\(self)) is not finite") }
        return y
    }
    public func raised(to r: Rational) throws -> BigFloat {
        let y = raised(to: converting(r), precision: precision, rounding: .nearest)
        guard y.isFinite else { throw PrismError.domain("\(self)^(\(r)) is not finite") }
        return y
    }
    public var isKnownZero: Bool { isZero }
}

extension Double: AlgebraScalar {
    public func converting(_ q: Rational) -> Double { Double(q) }
    public func converting(_ c: MathConstant) -> Double {
        Double(BigFloat.constant(c, precision: 53, rounding: .nearest).double())
    }
    public func adding(_ b: Double) -> Double { self + b }
    public func subtracting(_ b: Double) -> Double { self - b }
    public func multiplied(by b: Double) -> Double { self * b }
    public func dividing(by b: Double) throws -> Double {
        guard b != 0 else { throw PrismError.divisionByZero }
        return self / b
    }
    public func negated() -> Double { -self }
    /// Evaluated through MPFR at 53 bits (correctly rounded, unlike libm).
    public func applying(_ f: RealFunction) throws -> Double {
        let y = BigFloat(self).applying(f, precision: 53, rounding: .nearest).double()
        guard y.isFinite else { throw PrismError.domain("\(f.rawValue)(\(self)) is not finite") }
        return y
    }
    public func raised(to r: Rational) throws -> Double {
        try BigFloat(self).raised(to: r).double()
    }
    public var isKnownZero: Bool { self == 0 }
}
