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

extension RealExpression {
    /// The power series of this expression in x, with x replaced by the series `x`
    /// (the identity series gives the Taylor series at 0).
    ///
    /// Error contract: that of the scalar type. Throws `domain` for non-analytic parts
    /// (relu, abs, …) and for what the scalar type cannot represent.
    public func powerSeries<R: AlgebraScalar>(at x: PowerSeries<R>) throws -> PowerSeries<R> {
        let like = x[0]
        let order = x.order
        switch self {
        case .number(let q): return PowerSeries(constant: like.converting(q), order: order)
        case .constant(let c): return PowerSeries(constant: try like.converting(c), order: order)
        case .variable: return x
        case .negate(let a): return try a.powerSeries(at: x).negated()
        case .add(let a, let b): return try a.powerSeries(at: x).adding(b.powerSeries(at: x))
        case .subtract(let a, let b): return try a.powerSeries(at: x).subtracting(b.powerSeries(at: x))
        case .multiply(let a, let b): return try a.powerSeries(at: x).multiplied(by: b.powerSeries(at: x))
        case .divide(let a, let b): return try a.powerSeries(at: x).dividing(by: b.powerSeries(at: x))
        case .power(let a, let b):
            guard let r = try b.exactValue()?.rational else {
                // a^b = exp(b·log a)
                return try b.powerSeries(at: x).multiplied(by: a.powerSeries(at: x).log()).exp()
            }
            return try a.powerSeries(at: x).power(r)
        case .call(let name, let args):
            if name == "pow" { return try RealExpression.power(args[0], args[1]).powerSeries(at: x) }
            let inner = try args[0].powerSeries(at: x)
            if let f = RealFunction(rawValue: name) {
                if f == .gamma || f == .lgamma { throw PrismError.domain("\(name) is not supported in series") }
                return try inner.applying(f)
            }
            if name == "sigmoid" { return try inner.sigmoid() }
            let activation = try Activation(parsing: name)
            if let reason = activation.nonAnalyticReason { throw PrismError.domain("no Taylor series at 0: \(reason)") }
            guard let definition = activation.definition else { throw PrismError.domain("\(name) has no series") }
            return try definition.powerSeries(at: inner)
        }
    }
}
