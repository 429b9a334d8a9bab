import PrismNumbers
import PrismAlgebra

extension Activation {
    /// The largest Taylor order accepted (series engine O(N²) operations on growing numbers).
    public static let maxTaylorOrder = 2_000

    /// The exact Taylor derivatives σ^{(k)}(0), k = 0…N (Docs/conventions.md §6).
    ///
    /// Computed from σ's power series at 0 by the series engine (Docs/design.md "Algebra"), over
    /// the rationals when every coefficient is rational (tanh: integers; sigmoid, sin, exp, silu:
    /// rationals), otherwise over exact reals (gelu: 1/√(2π) terms; gelu_tanh: powers of √(2/π);
    /// softplus: log 2). σ^{(k)}(0) = k!·cₖ.
    ///
    /// Error contract: exact. Throws `domain` for activations that are not analytic at 0 (with the
    /// reason), and `limitExceeded` over the order limit or the exact-real size limits.
    public func taylorDerivatives(order N: Int) throws -> [ExactReal] {
        guard N >= 0 else { throw PrismError.domain("order must be ≥ 0, got \(N)") }
        guard N <= Activation.maxTaylorOrder else { throw PrismError.limitExceeded("order \(N) (limit \(Activation.maxTaylorOrder))") }
        let coefficients = try taylorCoefficients(order: N)
        var factorial = BigInt(1)
        return try coefficients.enumerated().map { k, c in
            if k > 0 { factorial = factorial.multiplied(by: k) }
            if let q = c.rational {
                // k!·q: an exact division when q's denominator divides k! (tanh, sigmoid: integer derivatives).
                let (quotient, remainder) = try factorial.quotientAndRemainder(dividingBy: q.denominator)
                return ExactReal(remainder.isZero ? Rational(q.numerator * quotient) : q * Rational(factorial))
            }
            return try c.multiplied(by: ExactReal(Rational(factorial)))
        }
    }

    /// The Taylor coefficients cₖ = σ^{(k)}(0)/k! as exact reals.
    public func taylorCoefficients(order N: Int) throws -> [ExactReal] {
        if let reason = nonAnalyticReason { throw PrismError.domain("no Taylor series at 0: \(reason)") }
        guard let e = definition else { throw PrismError.domain("\(name) has no Taylor series at 0") }
        do {
            let series = try e.powerSeries(at: PowerSeries<Rational>.variable(order: N, like: Rational(0)))
            return series.coefficients.map { ExactReal($0) }
        } catch PrismError.domain {
            // Some coefficient is irrational: redo over exact reals.
            return try e.powerSeries(at: PowerSeries<ExactReal>.variable(order: N, like: ExactReal(0))).coefficients
        }
    }
}
