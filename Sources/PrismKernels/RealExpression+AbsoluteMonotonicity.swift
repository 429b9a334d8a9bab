import PrismNumbers
import PrismAlgebra
import PrismActivations

extension RealExpression {
    /// Whether the expression, as a function of `variable`, is proven absolutely monotone on [0, 1]:
    /// every Taylor coefficient at 0 is ≥ 0 and the series converges at 1 — what the power-series
    /// route's tail bound needs. Structural proof: t and non-negative constants are; sums, products,
    /// non-negative integer powers, exp, sinh and cosh of such functions are; and 1/(c − g) =
    /// Σ gⁿ/cⁿ⁺¹ and (c − g)^{−r} (r > 0) are when g is and g(1) < c for a constant c.
    public func isAbsolutelyMonotone(in variable: String) -> Bool {
        switch self {
        case .number(let q): return q.signum >= 0
        case .constant: return true // π, e, log 2, … are positive
        case .variable(let name): return name == variable
        case .add(let a, let b), .multiply(let a, let b):
            return a.isAbsolutelyMonotone(in: variable) && b.isAbsolutelyMonotone(in: variable)
        case .divide(let a, let b):
            guard a.isAbsolutelyMonotone(in: variable) else { return false }
            if let c = try? b.exactValue(), let sign = try? c.enclosure(precision: 64), sign.lower.signum > 0 { return true }
            return b.isReciprocalOfAbsolutelyMonotone(in: variable, exponent: 1)
        case .power(let a, let b):
            guard let r = try? b.exactValue()?.rational else { return false }
            if r.isInteger, r.signum >= 0 { return a.isAbsolutelyMonotone(in: variable) }
            if r.signum < 0 { return a.isReciprocalOfAbsolutelyMonotone(in: variable, exponent: -r) }
            return false
        case .call(let name, let args):
            guard args.count == 1, ["exp", "sinh", "cosh"].contains(name) else { return false }
            return args[0].isAbsolutelyMonotone(in: variable)
        case .negate, .subtract, .apply:
            return false
        }
    }

    /// Whether self = c − g with c a positive constant, g absolutely monotone and g(1) < c, so that
    /// self^{−r} = c^{−r}(1 − g/c)^{−r} has non-negative coefficients for r > 0.
    func isReciprocalOfAbsolutelyMonotone(in variable: String, exponent r: Rational) -> Bool {
        guard r.signum > 0, case .subtract(let c, let g) = self, let constant = try? c.exactValue(),
              g.isAbsolutelyMonotone(in: variable) else { return false }
        // g(1) < c, decided by enclosures (an undecided comparison is not a proof).
        for p in [64, 256] {
            guard let cValue = try? constant.enclosure(precision: p),
                  let gValue = try? g.powerSeries(at: PowerSeries([Interval(1, precision: p)])).coefficients[0] else { return false }
            if gValue.upper < cValue.lower { return true }
        }
        return false
    }
}
