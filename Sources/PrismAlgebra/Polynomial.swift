import PrismNumbers

/// A dense univariate polynomial Σ cₖ xᵏ over an `AlgebraScalar`.
///
/// Trailing coefficients that are known to be zero are dropped, so `degree`
/// is exact over exact scalars (over intervals a coefficient that merely
/// contains 0 is kept). The zero polynomial has no coefficients and degree −1.
///
/// Error contract: that of the scalar type (exact over `Rational`/`ExactReal`,
/// enclosures over `Interval`).
public struct Polynomial<R: AlgebraScalar>: Sendable {
    /// c₀, c₁, …, c_degree.
    public private(set) var coefficients: [R]

    public init(_ coefficients: [R]) {
        self.coefficients = coefficients
        while let last = self.coefficients.last, last.isKnownZero { self.coefficients.removeLast() }
    }

    public var degree: Int { coefficients.count - 1 }
    public var isZero: Bool { coefficients.isEmpty }

    /// cₖ (0 beyond the degree, in the type of `like`).
    public func coefficient(_ k: Int, like: R) -> R { k < coefficients.count ? coefficients[k] : like.zero }

    /// p(x) by Horner's rule. Over `Interval` the result encloses p over the whole interval x.
    public func evaluate(at x: R) throws -> R {
        guard var acc = coefficients.last else { return x.zero }
        for c in coefficients.dropLast().reversed() { acc = try acc.multiplied(by: x).adding(c) }
        return acc
    }

    public func adding(_ q: Polynomial) throws -> Polynomial {
        let n = Swift.max(coefficients.count, q.coefficients.count)
        var out: [R] = []
        out.reserveCapacity(n)
        for k in 0..<n {
            switch (k < coefficients.count, k < q.coefficients.count) {
            case (true, true): out.append(try coefficients[k].adding(q.coefficients[k]))
            case (true, false): out.append(coefficients[k])
            default: out.append(q.coefficients[k])
            }
        }
        return Polynomial(out)
    }

    public func negated() -> Polynomial { Polynomial(coefficients.map { $0.negated() }) }

    public func subtracting(_ q: Polynomial) throws -> Polynomial { try adding(q.negated()) }

    public func multiplied(by q: Polynomial) throws -> Polynomial {
        guard let a0 = coefficients.first, !q.isZero else { return Polynomial([]) }
        var out = [R](repeating: a0.zero, count: coefficients.count + q.coefficients.count - 1)
        for (i, a) in coefficients.enumerated() where !a.isKnownZero {
            for (j, b) in q.coefficients.enumerated() where !b.isKnownZero {
                out[i + j] = try out[i + j].adding(a.multiplied(by: b))
            }
        }
        return Polynomial(out)
    }

    /// c · p.
    public func scaled(by c: R) throws -> Polynomial { Polynomial(try coefficients.map { try $0.multiplied(by: c) }) }

    /// p'.
    public func derivative() throws -> Polynomial {
        Polynomial(try coefficients.enumerated().dropFirst().map { try $0.element.scaled(by: Rational($0.offset)) })
    }

    /// ∫₀ˣ p.
    public func integral() throws -> Polynomial {
        guard let c0 = coefficients.first else { return self }
        return Polynomial([c0.zero] + (try coefficients.enumerated().map { try $0.element.divided(by: $0.offset + 1) }))
    }

    /// p(q(x)) by Horner's rule over polynomials.
    public func composed(with q: Polynomial) throws -> Polynomial {
        guard let last = coefficients.last else { return self }
        var acc = Polynomial([last])
        for c in coefficients.dropLast().reversed() { acc = try acc.multiplied(by: q).adding(Polynomial([c])) }
        return acc
    }

    /// Euclidean division over a field: self = quotient · divisor + remainder, deg remainder < deg divisor.
    /// Throws for a zero divisor (or, over intervals, a leading coefficient not separated from 0).
    public func divided(by divisor: Polynomial) throws -> (quotient: Polynomial, remainder: Polynomial) {
        guard let lead = divisor.coefficients.last else { throw PrismError.divisionByZero }
        var r = coefficients
        guard r.count >= divisor.coefficients.count, let zero = r.first?.zero else { return (Polynomial([]), self) }
        let dq = divisor.degree
        var q = [R](repeating: zero, count: r.count - dq)
        for k in stride(from: r.count - 1, through: dq, by: -1) {
            let factor = try r[k].dividing(by: lead)
            q[k - dq] = factor
            for (j, d) in divisor.coefficients.enumerated() { r[k - dq + j] = try r[k - dq + j].subtracting(factor.multiplied(by: d)) }
        }
        return (Polynomial(q), Polynomial(Array(r.prefix(dq))))
    }

    /// The polynomial with each coefficient mapped (e.g. `Rational` → `Interval`).
    public func map<S>(_ transform: (R) throws -> S) rethrows -> Polynomial<S> { Polynomial<S>(try coefficients.map(transform)) }
}

extension Polynomial: Equatable where R: Equatable {}
