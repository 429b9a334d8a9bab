extension RealExpression {
    /// Whether the expression is ≥ 0 for every x (proven structurally: squares, exp, abs, …).
    public var isNonnegative: Bool {
        switch self {
        case .number(let q): return q.signum >= 0
        case .constant: return true
        case .variable: return false
        case .negate: return false
        case .add(let a, let b), .multiply(let a, let b): return a.isNonnegative && b.isNonnegative
        case .divide(let a, let b): return a.isNonnegative && b.isNonnegative
        case .subtract: return false
        case .power(let a, let b):
            if let r = try? b.exactValue()?.rational, r.isInteger, let n = r.intValue, n % 2 == 0 { return true }
            return a.isNonnegative
        case .call(let name, let args):
            if ["exp", "sqrt", "cosh", "erfc"].contains(name) { return true }
            if name == "pow" { return RealExpression.power(args[0], args[1]).isNonnegative }
            return false
        case .apply(let f, _):
            return f.isNonnegative
        }
    }

    /// A rational c > 0 with g(u) ≥ c for every u, proven structurally (1 + e^{−x} ≥ 1, 2 + x² ≥ 2), or nil.
    public func positiveLowerBound() -> Rational? {
        if let c = try? constantValue() {
            // A constant (1/2, π/4): the lower end of its enclosure, when positive.
            guard let m = try? c.enclosure(precision: 64).lower.rational, m.signum > 0 else { return nil }
            return m
        }
        switch self {
        case .number(let q): return q.signum > 0 ? q : nil
        case .add(let a, let b):
            switch (a.positiveLowerBound(), b.positiveLowerBound()) {
            case let (x?, y?): return x + y
            case let (x?, nil): return b.isNonnegative ? x : nil
            case let (nil, y?): return a.isNonnegative ? y : nil
            default: return nil
            }
        case .multiply(let a, let b):
            guard let x = a.positiveLowerBound(), let y = b.positiveLowerBound() else { return nil }
            return x * y
        case .power(let a, let e):
            // a ≥ c > 0 and an integer n ≥ 0: aⁿ ≥ cⁿ.
            guard let c = a.positiveLowerBound(), let r = try? e.constantValue()?.rational, r.isInteger,
                  let n = r.intValue, n >= 0, n <= 64, let cn = try? c.power(n) else { return nil }
            return cn
        case .call("cosh", _): return 1
        default: return nil
        }
    }

    /// A one-sided bound g(u) ≤ A + B|u| (affine), or nil.
    public func upperBound() -> Growth? {
        switch self {
        case .number(let q): return .affine(Swift.max(q, 0), 0)
        case .negate(let a):
            if a.isNonnegative { return .affine(0, 0) }
            guard let g = try? a.growth(), !g.exponential else { return nil }
            return g
        case .add(let a, let b):
            guard let x = a.upperBound(), let y = b.upperBound() else { return nil }
            return .affine(x.a + y.a, x.b + y.b)
        case .subtract(let a, let b): return RealExpression.add(a, .negate(b)).upperBound()
        case .divide(let a, let c):
            // g/c ≤ (A + B|u|)/c for a positive constant c (e.g. −x²/2 ≤ 0 in gaussian = exp(−x²/2)).
            if let k = try? c.exactValue()?.rational, k.signum > 0, let u = a.upperBound() { return .affine(u.a / k, u.b / k) }
            guard let g = try? growth(), !g.exponential else { return nil }
            return g
        case .multiply(let a, let b):
            for (c, other) in [(a, b), (b, a)] {
                if let k = try? c.exactValue()?.rational {
                    if k.signum >= 0, let u = other.upperBound() { return .affine(k * u.a, k * u.b) }
                    if k.signum < 0, let u = RealExpression.negate(other).upperBound() { return .affine(-k * u.a, -k * u.b) }
                }
            }
            fallthrough
        default:
            guard let g = try? growth(), !g.exponential else { return nil }
            return g
        }
    }

    public func growth() throws -> Growth {
        func fail() -> PrismError { .domain("cannot bound the growth of this expression for the Gaussian tail (use a catalogue activation, or avoid division by and log of expressions not bounded away from 0, and nested exponentials)") }
        switch self {
        case .number(let q): return .affine(q.magnitude, 0)
        case .constant: return .affine(3, 0) // π, e, log 2, γ are all < 3
        case .variable: return .affine(0, 1)
        case .negate(let a): return try a.growth()
        case .add(let l, let r), .subtract(let l, let r):
            let (x, y) = (try l.growth(), try r.growth())
            if !x.exponential && !y.exponential { return .affine(x.a + y.a, x.b + y.b) }
            let (ex, ey) = (x.asExponential, y.asExponential)
            return Growth(a: ex.a + ey.a, b: Swift.max(ex.b, ey.b), exponential: true)
        case .multiply(let l, let r):
            let (x, y) = (try l.growth(), try r.growth())
            if !x.exponential && !y.exponential && (x.b.isZero || y.b.isZero) { return .affine(x.a * y.a, x.a * y.b + x.b * y.a) }
            let (ex, ey) = (x.asExponential, y.asExponential)
            return Growth(a: ex.a * ey.a, b: ex.b + ey.b, exponential: true)
        case .divide(let l, let r):
            // |l/r| ≤ |l|/c when |r| ≥ c > 0: a nonzero constant, or a denominator proven ≥ c (1 + e^{−x} ≥ 1).
            let lower: Rational
            if let c = try r.constantValue() {
                guard !c.isZero, let m = try? c.enclosure(precision: 64).absoluteValue.lower.rational, m.signum > 0 else { throw fail() }
                lower = m
            } else {
                guard let c = r.positiveLowerBound() else { throw fail() }
                lower = c
            }
            let x = try l.growth()
            return Growth(a: x.a / lower, b: x.b / lower, exponential: x.exponential)
        case .power(let base, let exponent):
            guard let r = try exponent.constantValue()?.rational, r.isInteger, let n = r.intValue, n >= 0, n <= 64 else { throw fail() }
            // |g|^n ≤ (A + B|u|)^n ≤ ((A+B) e^{|u|})^n, or A^n e^{nB|u|}.
            let g = try base.growth()
            if n == 0 { return .affine(1, 0) }
            if !g.exponential && g.b.isZero { return .affine(try g.a.power(n), 0) }
            let e = g.asExponential
            return Growth(a: try e.a.power(n), b: e.b * Rational(n), exponential: true)
        case .call(let name, let args):
            let bounded: [String: Rational] = ["tanh": 1, "erf": 1, "erfc": 2, "sin": 1, "cos": 1, "atan": 2]
            if let c = bounded[name] { return .affine(c, 0) }
            if name == "pow" { return try RealExpression.power(args[0], args[1]).growth() }
            let g = try args[0].growth()
            switch name {
            case "sqrt":
                // |√g| ≤ 1 + |g|.
                return Growth(a: g.a + 1, b: g.b, exponential: g.exponential)
            case "log":
                // For y ≥ c > 0: log y ≤ y − 1 < y, so log y ≤ A + B|u| when y ≤ A + B|u|, and
                // log(A e^{B|u|}) = log A + B|u| < A + B|u|; below, −log y ≤ log(1/c) < 1/c.
                guard let c = args[0].positiveLowerBound() else { throw fail() }
                return .affine(g.a + (c < 1 ? 1 / c : 0), g.b)
            case "exp", "expm1":
                // e^g ≤ e^{sup g}: a one-sided bound suffices (e.g. exp(−x²) ≤ 1).
                guard let upper = args[0].upperBound() else { throw fail() }
                let ceilA = Int((Double(upper.a)).rounded(.up))
                return Growth(a: try Rational(3).power(Swift.max(ceilA, 0)) + 1, b: upper.b, exponential: !upper.b.isZero)
            case "sinh", "cosh":
                guard !g.exponential else { throw fail() }
                // e^{A + B|u|} ≤ 3^⌈A⌉ e^{B|u|}
                let ceilA = Int((Double(g.a) ).rounded(.up))
                return Growth(a: try Rational(3).power(Swift.max(ceilA, 0)) + 1, b: g.b, exponential: true)
            default:
                throw fail()
            }
        case .apply(let f, let a):
            // The function's own rule for |f(g)| (|relu(g)| ≤ |g|, |sigmoid(g)| ≤ 1, …).
            switch f.growthOfComposition {
            case .bounded(let c): return .affine(c, 0)
            case .argument: return try a.growth()
            case .argumentPlusOne:
                let g = try a.growth()
                return Growth(a: g.a + 1, b: g.b, exponential: g.exponential)
            case nil: throw fail()
            }
        }
    }
}

extension RealExpression {
    /// The exact value of a constant part of an activation expression; nil when it involves x (so that
    /// `x/(x-1)` is reported as an expression Prism cannot handle, not as "'x' has no value").
    /// Error contract: as `exactValue()` for constant expressions.
    public func constantValue() throws -> ExactReal? { mentionsVariable ? nil : try exactValue() }

    public var mentionsVariable: Bool {
        switch self {
        case .number, .constant: return false
        case .variable: return true
        case .negate(let a): return a.mentionsVariable
        case .add(let a, let b), .subtract(let a, let b), .multiply(let a, let b), .divide(let a, let b), .power(let a, let b):
            return a.mentionsVariable || b.mentionsVariable
        case .call(_, let args): return args.contains { $0.mentionsVariable }
        case .apply(_, let a): return a.mentionsVariable
        }
    }
}
