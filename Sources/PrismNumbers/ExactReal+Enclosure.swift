extension ExactReal {
    /// An enclosure at working precision p.
    ///
    /// Error contract: enclosure (each factor is enclosed with outward rounding).
    public func enclosure(precision p: Int) throws -> Interval {
        var sum = Interval(0, precision: p)
        for (q, m) in sortedTerms {
            var product = Interval(q, precision: p)
            for f in m.factors { product = product * (try f.enclosure(precision: p)) }
            sum = sum + product
        }
        return sum
    }
}

extension ExactReal.Factor {
    func enclosure(precision p: Int) throws -> Interval {
        if case .constant(.e) = base { return try Interval(exponent, precision: p).applying(.exp) }
        let b: Interval
        switch base {
        case .constant(let c): b = .constant(c, precision: p)
        case .prime(let n): b = Interval(n, precision: p)
        }
        if exponent.isInteger, let n = exponent.intValue { return try b.power(n) }
        return try b.raised(to: Interval(exponent, precision: p))
    }
}

extension ExactReal: CustomStringConvertible {
    /// The Docs/cli.md's exact syntax: terms `q*c^(a/b)*…` joined by `+`/`-`, e.g.
    /// `1/2*pi^(-1/2)*2^(1/2)`; integers and rationals print as `p` and `p/q`.
    public var description: String {
        if isZero { return "0" }
        var out = ""
        for (q, m) in sortedTerms {
            var term: String
            if m.factors.isEmpty {
                term = q.description
            } else {
                let product = m.factors.map(\.description).joined(separator: "*")
                term = q == 1 ? product : (q == -1 ? "-" + product : "\(q)*" + product)
            }
            if !out.isEmpty && !term.hasPrefix("-") { out += "+" }
            out += term
        }
        return out
    }
}

extension ExactReal.Factor: CustomStringConvertible {
    public var description: String {
        let name: String
        switch base {
        case .constant(let c): name = c.rawValue
        case .prime(let p): name = String(p)
        }
        if exponent == 1 { return name }
        if exponent.isInteger && exponent.signum > 0 { return "\(name)^\(exponent)" }
        return "\(name)^(\(exponent))"
    }
}
