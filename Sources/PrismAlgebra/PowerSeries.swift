import PrismNumbers

/// A power series Σ_{k=0}^{N} cₖ xᵏ + O(x^{N+1}) truncated at order N, over an
/// `AlgebraScalar`: the engine behind exact Taylor coefficients, Taylor models
/// and kernel composition.
///
/// Every operation keeps the order of its inputs (the smaller of two orders).
/// Error contract: that of the scalar type, for the coefficients up to order N.
public struct PowerSeries<R: AlgebraScalar>: Sendable {
    /// c₀ … c_N (always N + 1 of them).
    public private(set) var coefficients: [R]

    public var order: Int { coefficients.count - 1 }

    /// The series with these coefficients (order = count − 1; at least one coefficient).
    public init(_ coefficients: [R]) {
        precondition(!coefficients.isEmpty, "a power series needs at least its constant term")
        self.coefficients = coefficients
    }

    /// c + 0·x + … to order N.
    public init(constant c: R, order N: Int) { self.init([c] + [R](repeating: c.zero, count: N)) }

    /// x to order N (N ≥ 1), in the type of `like`.
    public static func variable(order N: Int, like: R) -> PowerSeries {
        var c = [R](repeating: like.zero, count: N + 1)
        if N >= 1 { c[1] = like.one }
        return PowerSeries(c)
    }

    /// c + s·x to order N: the argument at which the series engine gives the Taylor series of f(c + s·x) in
    /// x — at a point c (a Taylor model's polynomial) or over a whole piece c = [a, b] (its remainder).
    public static func affine(_ c: R, slope s: R, order N: Int) -> PowerSeries {
        var coefficients = [R](repeating: c.zero, count: N + 1)
        coefficients[0] = c
        if N >= 1 { coefficients[1] = s }
        return PowerSeries(coefficients)
    }

    public subscript(k: Int) -> R { coefficients[k] }

    /// The same series truncated to order N ≤ order.
    public func truncated(to N: Int) -> PowerSeries { PowerSeries(Array(coefficients.prefix(N + 1))) }

    public var polynomial: Polynomial<R> { Polynomial(coefficients) }

    // MARK: ring operations

    public func adding(_ g: PowerSeries) throws -> PowerSeries {
        let n = Swift.min(order, g.order)
        return PowerSeries(try (0...n).map { try coefficients[$0].adding(g.coefficients[$0]) })
    }

    public func subtracting(_ g: PowerSeries) throws -> PowerSeries {
        let n = Swift.min(order, g.order)
        return PowerSeries(try (0...n).map { try coefficients[$0].subtracting(g.coefficients[$0]) })
    }

    public func negated() -> PowerSeries { PowerSeries(coefficients.map { $0.negated() }) }

    /// Truncated Cauchy product, O(N²) (over `Rational`: one Kronecker product, `RationalSeries`).
    public func multiplied(by g: PowerSeries) throws -> PowerSeries {
        if let fast = try viaRationalSeries([g], operation: { f, g in try f.multiplied(by: g[0]) }) { return fast }
        let n = Swift.min(order, g.order)
        var out: [R] = []
        out.reserveCapacity(n + 1)
        for k in 0...n {
            var acc = coefficients[0].zero
            for i in 0...k where !coefficients[i].isKnownZero && !g.coefficients[k - i].isKnownZero {
                acc = try acc.adding(coefficients[i].multiplied(by: g.coefficients[k - i]))
            }
            out.append(acc)
        }
        return PowerSeries(out)
    }

    public func scaled(by c: R) throws -> PowerSeries { PowerSeries(try coefficients.map { try $0.multiplied(by: c) }) }

    public func adding(constant c: R) throws -> PowerSeries {
        var out = coefficients
        out[0] = try out[0].adding(c)
        return PowerSeries(out)
    }

    /// self / g; g's constant term must be invertible. O(N²) (over `Rational`: Newton's iteration
    /// for 1/g, `RationalSeries`).
    public func dividing(by g: PowerSeries) throws -> PowerSeries {
        let n = Swift.min(order, g.order)
        let g0 = g.coefficients[0]
        if g0.isKnownZero { throw PrismError.domain("series division by a series with zero constant term") }
        if let fast = try viaRationalSeries([g], operation: { f, g in try f.dividing(by: g[0]) }) { return fast }
        var q: [R] = []
        q.reserveCapacity(n + 1)
        for k in 0...n {
            var acc = coefficients[k]
            for i in 0..<k where !g.coefficients[k - i].isKnownZero { acc = try acc.subtracting(q[i].multiplied(by: g.coefficients[k - i])) }
            q.append(try acc.dividing(by: g0))
        }
        return PowerSeries(q)
    }

    /// f' (order drops by one; a constant stays a constant of order 0).
    public func derivative() throws -> PowerSeries {
        guard order >= 1 else { return PowerSeries([coefficients[0].zero]) }
        return PowerSeries(try (1...order).map { try coefficients[$0].scaled(by: Rational($0)) })
    }

    /// ∫₀ˣ f + c (order rises by one).
    public func integral(constant c: R) throws -> PowerSeries {
        PowerSeries([c] + (try coefficients.enumerated().map { try $0.element.divided(by: $0.offset + 1) }))
    }

    /// f(g) for g with g(0) = 0, by Horner's rule over series: O(N³).
    public func composed(with g: PowerSeries) throws -> PowerSeries {
        guard g.coefficients[0].isKnownZero else { throw PrismError.domain("composition needs an inner series with zero constant term") }
        let n = Swift.min(order, g.order)
        var acc = PowerSeries(constant: coefficients[n], order: n)
        let inner = g.truncated(to: n)
        for k in stride(from: n - 1, through: 0, by: -1) {
            acc = try acc.multiplied(by: inner).adding(constant: coefficients[k])
        }
        return acc
    }

    /// Σ cₖ xᵏ at a point (over `Interval`: encloses the truncated sum, not the tail).
    public func evaluate(at x: R) throws -> R { try polynomial.evaluate(at: x) }

    public func map<S>(_ transform: (R) throws -> S) rethrows -> PowerSeries<S> { PowerSeries<S>(try coefficients.map(transform)) }
}

extension PowerSeries: Equatable where R: Equatable {}
