import PrismNumbers

/// Elementary functions of power series by their differential equations, O(N²) each:
/// f = F(g) with f' = F'(g)·g' solved coefficient by coefficient from f₀ = F(g₀).
extension PowerSeries {
    /// F(g) for every `RealFunction` with an analytic series (not Γ, log|Γ|).
    public func applying(_ f: RealFunction) throws -> PowerSeries {
        switch f {
        case .exp: return try exp()
        case .expm1: return try exp().adding(constant: coefficients[0].one.negated()).replacingConstant(coefficients[0].applying(.expm1))
        case .log: return try log()
        case .log1p: return try adding(constant: coefficients[0].one).log().replacingConstant(coefficients[0].applying(.log1p))
        case .sqrt: return try power(try Rational(1, 2))
        case .sin: return try sinCos().sin
        case .cos: return try sinCos().cos
        case .sinh: return try sinhCosh().sinh
        case .cosh: return try sinhCosh().cosh
        case .tan: return try riccati(.tan, 1, 0, 1)
        case .tanh:
            if coefficients[0].isKnownZero, let fast = try viaRationalSeries(operation: { f, _ in try f.tanhOfZeroConstant() }) { return fast }
            return try riccati(.tanh, 1, 0, -1)
        case .atan:
            // atan(g) = atan(g₀) + ∫ g'/(1 + g²)
            return try integrated(constant: coefficients[0].applying(.atan),
                                  derivative().dividing(by: multiplied(by: self).adding(constant: coefficients[0].one)))
        case .asin, .acos:
            // A constant needs no derivative (whose 1/√(1 − g²) would throw at g₀ ∋ ±1).
            if order == 0 { return PowerSeries([try coefficients[0].applying(f)]) }
            // asin(g)' = g'/√(1 − g²); acos' = −asin'
            let root = try negated().multiplied(by: self).adding(constant: coefficients[0].one).power(try Rational(1, 2))
            var d = try derivative().dividing(by: root)
            if f == .acos { d = d.negated() }
            return try integrated(constant: coefficients[0].applying(f), d)
        case .erf, .erfc:
            // erf(g)' = (2/√π) e^{−g²} g'
            let c0 = coefficients[0]
            let twoOverRootPi = try c0.converting(2).dividing(by: c0.converting(.pi).applying(.sqrt))
            var d = try negated().multiplied(by: self).exp().multiplied(by: derivative()).scaled(by: twoOverRootPi)
            if f == .erfc { d = d.negated() }
            return try integrated(constant: c0.applying(f), d)
        case .gamma, .lgamma:
            throw PrismError.domain("\(f.rawValue) has no power series engine")
        }
    }

    /// 1/(1 + e^{−g}), by the Riccati equation f' = (f − f²) g'.
    public func sigmoid() throws -> PowerSeries {
        let c0 = coefficients[0]
        if c0.isKnownZero, let fast = try viaRationalSeries(operation: { f, _ in try f.sigmoidOfZeroConstant() }) { return fast }
        let s0 = try c0.one.dividing(by: c0.one.adding(c0.negated().applying(.exp)))
        return try riccati(constant: s0, 0, 1, -1)
    }

    /// e^g: k fₖ = Σ_{j=1}^{k} j gⱼ f_{k−j}.
    public func exp() throws -> PowerSeries {
        if coefficients[0].isKnownZero, let fast = try viaRationalSeries(operation: { f, _ in try f.expOfZeroConstant() }) { return fast }
        var f = [try coefficients[0].applying(.exp)]
        guard order >= 1 else { return PowerSeries(f) }
        for k in 1...order {
            var acc = f[0].zero
            for j in 1...k where !coefficients[j].isKnownZero {
                acc = try acc.adding(coefficients[j].multiplied(by: f[k - j]).scaled(by: Rational(j)))
            }
            f.append(try acc.divided(by: k))
        }
        return PowerSeries(f)
    }

    /// log g = log g₀ + ∫ g'/g (over exact rationals: log g₀ + log(g/g₀), `RationalSeries`).
    public func log() throws -> PowerSeries {
        let constant = try coefficients[0].applying(.log)
        if let fast = try viaRationalSeries(operation: { f, _ in try f.dividedByConstant().logOfUnit() }) {
            return fast.replacingConstant(constant)
        }
        return try integrated(constant: constant, derivative().dividing(by: self))
    }

    /// g^r for a rational r, g₀ ≠ 0: k g₀ fₖ = Σ_{j=1}^{k} (r·j − (k − j)) gⱼ f_{k−j}.
    /// For g₀ = 0 only non-negative integer r is defined (repeated products).
    public func power(_ r: Rational) throws -> PowerSeries {
        let g0 = coefficients[0]
        // Non-negative integer powers by repeated squaring: no division by g₀ (which may be 0,
        // or an interval containing 0).
        if r.isInteger, let n = r.intValue, n >= 0, n <= 64 || g0.isKnownZero {
            var result = PowerSeries(constant: g0.one, order: order), base = self, k = n
            while k > 0 {
                if k & 1 == 1 { result = try result.multiplied(by: base) }
                k >>= 1
                if k > 0 { base = try base.multiplied(by: base) }
            }
            return result
        }
        if g0.isKnownZero { throw PrismError.domain("series power \(r) of a series vanishing at 0") }
        // √ through sqrt itself: an enclosure [0, ε] of g₀ (a cusp's end) has the root [0, √ε], not a log of 0.
        var f = [r == Rational(1) / Rational(2) ? try g0.applying(.sqrt) : try g0.raised(to: r)]
        if let f0 = PowerSeries([f[0]]).rationalCoefficients?.first, let fast = try viaRationalSeries(operation: { g, _ in try g.power(r, constant: f0) }) { return fast }
        guard order >= 1 else { return PowerSeries(f) }
        for k in 1...order {
            var acc = g0.zero
            for j in 1...k where !coefficients[j].isKnownZero {
                acc = try acc.adding(coefficients[j].multiplied(by: f[k - j]).scaled(by: r * Rational(j) - Rational(k - j)))
            }
            f.append(try acc.dividing(by: g0).divided(by: k))
        }
        return PowerSeries(f)
    }

    /// (sin g, cos g): k sₖ = Σ j gⱼ c_{k−j}, k cₖ = −Σ j gⱼ s_{k−j}.
    public func sinCos() throws -> (sin: PowerSeries, cos: PowerSeries) {
        try coupledPair(sign: -1, coefficients[0].applying(.sin), coefficients[0].applying(.cos))
    }

    /// (sinh g, cosh g): k sₖ = Σ j gⱼ c_{k−j}, k cₖ = Σ j gⱼ s_{k−j}.
    public func sinhCosh() throws -> (sinh: PowerSeries, cosh: PowerSeries) {
        let p = try coupledPair(sign: 1, coefficients[0].applying(.sinh), coefficients[0].applying(.cosh))
        return (p.0, p.1)
    }

    private func coupledPair(sign: Int, _ s0: R, _ c0: R) throws -> (sin: PowerSeries, cos: PowerSeries) {
        var s = [s0], c = [c0]
        if order >= 1 {
            for k in 1...order {
                var a = s0.zero, b = s0.zero
                for j in 1...k where !coefficients[j].isKnownZero {
                    let jg = try coefficients[j].scaled(by: Rational(j))
                    a = try a.adding(jg.multiplied(by: c[k - j]))
                    b = try b.adding(jg.multiplied(by: s[k - j]))
                }
                s.append(try a.divided(by: k))
                c.append(try (sign < 0 ? b.negated() : b).divided(by: k))
            }
        }
        return (PowerSeries(s), PowerSeries(c))
    }

    /// F(g) where F' = a + b F + c F² (tan: 1, 0, 1; tanh: 1, 0, −1; sigmoid: 0, 1, −1).
    private func riccati(_ f: RealFunction, _ a: Int, _ b: Int, _ c: Int) throws -> PowerSeries {
        try riccati(constant: coefficients[0].applying(f), a, b, c)
    }

    /// fₖ = (1/k) Σ_{j=0}^{k−1} uⱼ g'_{k−1−j} with u = a + b f + c f², built incrementally.
    private func riccati(constant f0: R, _ a: Int, _ b: Int, _ c: Int) throws -> PowerSeries {
        var f = [f0]
        guard order >= 1 else { return PowerSeries(f) }
        let dg = try derivative().coefficients
        var u: [R] = []
        for k in 1...order {
            // u_{k−1} = a·δ + b f_{k−1} + c (f²)_{k−1}
            let n = k - 1
            // (f²)_n = 2 Σ_{i<n−i} f_i f_{n−i} + [n even] f_{n/2}²: half the products.
            var square = f0.zero
            var i = 0
            while i < n - i {
                if !f[i].isKnownZero && !f[n - i].isKnownZero { square = try square.adding(f[i].multiplied(by: f[n - i])) }
                i += 1
            }
            square = try square.adding(square)
            if n % 2 == 0, !f[n / 2].isKnownZero { square = try square.adding(f[n / 2].multiplied(by: f[n / 2])) }
            var term = try square.scaled(by: Rational(c)).adding(f[n].scaled(by: Rational(b)))
            if n == 0 { term = try term.adding(f0.converting(Rational(a))) }
            u.append(term)
            var acc = f0.zero
            for j in 0...n where !u[j].isKnownZero && !dg[n - j].isKnownZero { acc = try acc.adding(u[j].multiplied(by: dg[n - j])) }
            f.append(try acc.divided(by: k))
        }
        return PowerSeries(f)
    }

    /// c + ∫₀ˣ d, at this series' order.
    private func integrated(constant c: R, _ d: PowerSeries) throws -> PowerSeries {
        guard order >= 1 else { return PowerSeries([c]) }
        return try d.integral(constant: c).truncated(to: order)
    }

    private func replacingConstant(_ c: R) -> PowerSeries {
        var out = coefficients
        out[0] = c
        return PowerSeries(out)
    }
}
