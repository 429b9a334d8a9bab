import PrismNumbers

/// The fast paths of exact series: the same exact results as the coefficient recurrences, computed on
/// `RationalSeries` (common denominator, Kronecker products, Newton iteration) when every coefficient
/// is rational (`Rational`, or `ExactReal`s that are rational). Below `rationalFastPathOrder` the
/// schoolbook loops on canonical `mpq`s are faster and are kept.
extension PowerSeries {
    /// The order from which exact rational series take the common-denominator engine.
    static var rationalFastPathOrder: Int { 12 }

    /// The coefficients as rationals, when R is an exact type and all of them are rational.
    var rationalCoefficients: [Rational]? {
        if let q = coefficients as? [Rational] { return q }
        guard R.self == ExactReal.self else { return nil }
        var out: [Rational] = []
        out.reserveCapacity(coefficients.count)
        for c in coefficients {
            guard let q = (c as? ExactReal)?.rational else { return nil }
            out.append(q)
        }
        return out
    }

    /// body(self, others) on the common-denominator engine, when every coefficient is an exact rational
    /// and the order is large enough (nil otherwise: the caller runs its generic loop).
    func viaRationalSeries(_ others: [PowerSeries] = [],
                           operation body: (RationalSeries, [RationalSeries]) throws -> RationalSeries?) throws -> PowerSeries? {
        guard order >= PowerSeries.rationalFastPathOrder, let mine = rationalCoefficients else { return nil }
        var rest: [RationalSeries] = []
        for g in others {
            guard let c = g.rationalCoefficients else { return nil }
            rest.append(try RationalSeries(c))
        }
        guard let result = try body(RationalSeries(mine), rest) else { return nil }
        let like = coefficients[0]
        return PowerSeries(try result.rationals().map { like.converting($0) })
    }
}

extension RationalSeries {
    /// tanh f = 1 − 2/(e^{2f} + 1) for f₀ = 0 (one inverse, no product).
    func tanhOfZeroConstant() throws -> RationalSeries {
        let e = try RationalSeries(numerators: numerators.map { $0.multiplied(by: 2) }, denominator: denominator).expOfZeroConstant()
        let inverse = try e.adding(integer: 1).inverse()
        return try RationalSeries(numerators: inverse.numerators.map { $0.multiplied(by: -2) }, denominator: inverse.denominator)
            .adding(integer: 1)
    }

    /// 1/(1 + e^{−f}) for f₀ = 0.
    func sigmoidOfZeroConstant() throws -> RationalSeries {
        try negated().expOfZeroConstant().adding(integer: 1).inverse()
    }

    /// f/f₀ (constant term 1) for f₀ ≠ 0.
    func dividedByConstant() throws -> RationalSeries {
        let a0 = numerators[0]
        guard !a0.isZero else { throw PrismError.divisionByZero }
        return try RationalSeries(numerators: numerators.map { a0.signum > 0 ? $0 : -$0 }, denominator: a0.magnitude)
    }

    /// f^r = f₀^r · exp(r·log(f/f₀)) for f₀ ≠ 0, given the rational f₀^r.
    func power(_ r: Rational, constant f0r: Rational) throws -> RationalSeries {
        let log = try dividedByConstant().logOfUnit()
        let scaled = try RationalSeries(numerators: log.numerators.map { $0 * r.numerator }, denominator: log.denominator * r.denominator)
        let y = try scaled.expOfZeroConstant()
        return try RationalSeries(numerators: y.numerators.map { $0 * f0r.numerator }, denominator: y.denominator * f0r.denominator)
    }
}
