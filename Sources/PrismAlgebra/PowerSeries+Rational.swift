import PrismNumbers

/// The fast paths of `PowerSeries<Rational>`: the same exact results as the coefficient recurrences,
/// computed on `RationalSeries` (common denominator, Kronecker products, Newton iteration). Below
/// `rationalFastPathOrder` the schoolbook loops on canonical `mpq`s are faster and are kept.
extension PowerSeries {
    /// The order from which `PowerSeries<Rational>` operations take the common-denominator engine.
    static var rationalFastPathOrder: Int { 12 }

    /// body(self) on the common-denominator engine, when R is `Rational` and the order is large enough
    /// (nil otherwise: the caller runs its generic loop). `others` are further operands.
    func viaRationalSeries(_ others: [PowerSeries] = [],
                           operation body: (RationalSeries, [RationalSeries]) throws -> RationalSeries?) throws -> PowerSeries? {
        guard R.self == Rational.self, order >= PowerSeries.rationalFastPathOrder,
              let mine = coefficients as? [Rational] else { return nil }
        let rest = try others.map { g -> RationalSeries in
            guard let c = g.coefficients as? [Rational] else { throw PrismError.domain("mixed scalar types") }
            return try RationalSeries(c)
        }
        guard let result = try body(RationalSeries(mine), rest), let out = try result.rationals() as? [R] else { return nil }
        return PowerSeries(out)
    }
}

extension RationalSeries {
    /// tanh f = (e^{2f} − 1)/(e^{2f} + 1) for f₀ = 0.
    func tanhOfZeroConstant() throws -> RationalSeries {
        let e = try RationalSeries(numerators: numerators.map { $0.multiplied(by: 2) }, denominator: denominator).expOfZeroConstant()
        return try e.adding(integer: -1).dividing(by: e.adding(integer: 1))
    }

    /// 1/(1 + e^{−f}) for f₀ = 0.
    func sigmoidOfZeroConstant() throws -> RationalSeries {
        try negated().expOfZeroConstant().adding(integer: 1).inverse()
    }

    /// f^r = f₀^r · exp(r·log(f/f₀)) for f₀ ≠ 0, given the rational f₀^r.
    func power(_ r: Rational, constant f0r: Rational) throws -> RationalSeries {
        let a0 = numerators[0]
        // f/f₀ = (aₖ/a₀): unit constant term.
        let unit = try RationalSeries(numerators: numerators.map { a0.signum > 0 ? $0 : -$0 }, denominator: a0.magnitude)
        let log = try unit.logOfUnit()
        let scaled = try RationalSeries(numerators: log.numerators.map { $0 * r.numerator }, denominator: log.denominator * r.denominator)
        let y = try scaled.expOfZeroConstant()
        return try RationalSeries(numerators: y.numerators.map { $0 * f0r.numerator }, denominator: y.denominator * f0r.denominator)
    }
}
