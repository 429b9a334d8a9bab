extension ExactReal {
    /// base^r, the exact power; throws `PrismError.inexact` when the result is not of this form.
    static func power(_ base: ExactReal, _ r: Rational) throws -> ExactReal {
        if !r.isInteger, let q = base.rational, q.signum < 0 {
            throw PrismError.domain("a negative number raised to a non-integer power")
        }
        return try base.power(r)
    }

    /// |x| when the sign of x is decided by its form (a rational, or one term).
    static func absoluteValue(_ x: ExactReal) throws -> ExactReal {
        if x.isZero { return x }
        guard let (q, m) = x.singleTerm else { throw PrismError.inexact("the sign of a sum of terms") }
        return ExactReal(terms: [m: q.magnitude]) // every factor is positive
    }

    /// The exact value of f(x) where a classical identity gives one, else `PrismError.inexact`:
    /// exp(q + r·log 2) = e^q·2^r; log(2^k·e^q) = k·log 2 + q; sin, cos, tan at rational
    /// multiples of π with denominator 1, 2, 3, 4, 6; asin, acos at 0, ±1/2, ±1; atan at 0, ±1;
    /// sinh, cosh, tanh wherever e^x is exact (tanh(log 2) = 3/5); erf, erfc at 0; Γ at positive integers and half-integers
    /// (DLMF 5.4.6); log|Γ| at 1 and 2. Throws when x is exactly outside f's domain or at a pole.
    public static func applying(_ f: RealFunction, to x: ExactReal) throws -> ExactReal {
        let zero = x.isZero
        let inexact = PrismError.inexact("\(f.rawValue)(\(x))")
        switch f {
        case .exp: return try exponential(x)
        case .expm1: return try exponential(x) - ExactReal(1)
        case .log: return try logarithm(x)
        case .log1p: return try logarithm(try x + ExactReal(1))
        case .sqrt:
            if let q = x.rational, q.signum < 0 { throw PrismError.domain("sqrt of a negative number") }
            return try x.power(.fraction(1, 2))
        case .sin, .cos, .tan:
            guard let turns = piMultiple(x) else { throw inexact }
            return try trigonometric(f, turns)
        case .asin, .acos, .atan:
            guard let q = x.rational else { throw inexact }
            if f != .atan, q.magnitude > 1 { throw PrismError.domain("\(f.rawValue) needs an argument in [−1, 1]") }
            return try inverseTrigonometric(f, q)
        case .sinh, .cosh, .tanh:
            // From E = e^x when that is exact: sinh = (E − 1/E)/2, cosh = (E + 1/E)/2,
            // tanh = (E² − 1)/(E² + 1) (e.g. tanh(log 2) = 3/5).
            let e = try exponential(x), inverse = try e.power(-1)
            let half = ExactReal(.fraction(1, 2))
            switch f {
            case .sinh: return try (e - inverse) * half
            case .cosh: return try (e + inverse) * half
            default:
                let square = try e * e
                return try (square - ExactReal(1)) / (square + ExactReal(1))
            }
        case .erf: if zero { return .zero } else { throw inexact }
        case .erfc: if zero { return ExactReal(1) } else { throw inexact }
        case .gamma, .lgamma: return try gamma(x, logarithmic: f == .lgamma)
        }
    }

    private static func exponential(_ x: ExactReal) throws -> ExactReal {
        let log2Monomial = Monomial(factors: [Factor(base: .constant(.log2), exponent: 1)])
        let inexact = PrismError.inexact("exp(\(x))")
        guard x.terms.keys.allSatisfy({ $0 == .one || $0 == log2Monomial }) else { throw inexact }
        let q = x.terms[.one] ?? 0, r = x.terms[log2Monomial] ?? 0
        let bound = BigInt(maxExponentSize)
        guard [q, r].allSatisfy({ $0.numerator.magnitude <= bound && $0.denominator <= bound }) else { throw inexact }
        var result = ExactReal(terms: [q.isZero ? .one : Monomial(factors: [Factor(base: .constant(.e), exponent: q)]): 1])
        if !r.isZero { result = try result * ExactReal(2).power(r) }
        return result
    }

    private static func logarithm(_ x: ExactReal) throws -> ExactReal {
        if let q = x.rational, q.signum <= 0 { throw PrismError.domain("log needs a positive argument") }
        let inexact = PrismError.inexact("log(\(x))")
        guard let (c, m) = x.singleTerm, c.signum > 0 else { throw inexact }
        // m must be a power of e alone; c a power of 2.
        var eExponent: Rational = 0
        for factor in m.factors {
            guard case .constant(.e) = factor.base else { throw inexact }
            eExponent = factor.exponent
        }
        var twoExponent = 0
        if c != 1 {
            guard let primes = c.primeFactorization(), primes.count == 1, primes[0].0 == 2 else { throw inexact }
            twoExponent = primes[0].1
        }
        return try ExactReal(eExponent) + (try ExactReal(Rational(twoExponent)) * ExactReal(.log2))
    }

    /// x / π when x is 0 or a rational multiple of π.
    private static func piMultiple(_ x: ExactReal) -> Rational? {
        if x.isZero { return 0 }
        guard let (q, m) = x.singleTerm, m.factors.count == 1, m.factors[0].base == .constant(.pi), m.factors[0].exponent == 1 else { return nil }
        return q
    }

    private static func trigonometric(_ f: RealFunction, _ turns: Rational) throws -> ExactReal {
        // Reduce t = x/π to [0, 2) and read sin, cos at multiples of π/12 that are exact.
        let twelfths = turns * 12
        let inexact = PrismError.inexact("\(f.rawValue)(\(turns)·π)")
        guard twelfths.isInteger, let k0 = (try twelfths.numerator.flooredDivision(by: 24)).remainder.intValue else { throw inexact }
        let half = Rational.fraction(1, 2)
        let sqrt3Half = try ExactReal(3).power(half) * ExactReal(half)
        let sqrt2Half = try ExactReal(2).power(half) * ExactReal(half)
        // sin at k·π/12 for k = 0, 2, 3, 4, 6 (others not in this form); symmetry gives the rest.
        func sine(_ k: Int) -> ExactReal? {
            let k = ((k % 24) + 24) % 24
            if k >= 12 { return sine(k - 12).map { -$0 } }
            let r = k <= 6 ? k : 12 - k
            switch r {
            case 0: return .zero
            case 2: return ExactReal(half)
            case 3: return sqrt2Half
            case 4: return sqrt3Half
            case 6: return ExactReal(1)
            default: return nil
            }
        }
        let s = sine(k0), c = sine(k0 + 6)
        switch f {
        case .sin: if let s { return s } else { throw inexact }
        case .cos: if let c { return c } else { throw inexact }
        default:
            guard let s, let c else { throw inexact }
            if c.isZero { throw PrismError.domain("tan has a pole at odd multiples of π/2") }
            return try s / c
        }
    }

    private static func inverseTrigonometric(_ f: RealFunction, _ q: Rational) throws -> ExactReal {
        let pi = ExactReal(.pi)
        func piTimes(_ n: Int, _ d: Int) throws -> ExactReal { try ExactReal(Rational(n, d)) * pi }
        let half = Rational.fraction(1, 2)
        switch f {
        case .atan:
            if q.isZero { return .zero }
            if q.magnitude == 1 { return try piTimes(q.signum, 4) }
        case .asin:
            if q.isZero { return .zero }
            if q.magnitude == half { return try piTimes(q.signum, 6) }
            if q.magnitude == 1 { return try piTimes(q.signum, 2) }
        default: // acos = π/2 − asin
            return try piTimes(1, 2) - inverseTrigonometric(.asin, q)
        }
        throw PrismError.inexact("\(f.rawValue)(\(q))")
    }

    /// Γ(n) = (n−1)!, Γ(n + 1/2) = (2n)!/(4^n n!)·√π, Γ(1/2 − n) = (−4)^n n!/(2n)!·√π (DLMF 5.4.6).
    private static func gamma(_ x: ExactReal, logarithmic: Bool) throws -> ExactReal {
        let inexact = PrismError.inexact("\(logarithmic ? "lgamma" : "gamma")(\(x))")
        guard let q = x.rational else { throw inexact }
        if q.isInteger {
            if q.signum <= 0 { throw PrismError.domain("\(logarithmic ? "lgamma" : "gamma") has a pole at \(q)") }
            guard let n = q.intValue, n <= 10_000 else { throw inexact }
            if logarithmic { if n <= 2 { return .zero } else { throw inexact } }
            return ExactReal(Rational(try BigInt.factorial(n - 1)))
        }
        guard !logarithmic, (q * 2).isInteger, let twice = (q * 2).intValue, abs(twice) <= 20_001 else { throw inexact }
        let sqrtPi = try ExactReal(.pi).power(.fraction(1, 2))
        let n = abs(twice) / 2 // q = n + 1/2 (q > 0) or q = 1/2 − (n+1)... handled below
        if q.signum > 0 {
            let c = try Rational(BigInt.factorial(2 * n), try BigInt(4).power(n) * BigInt.factorial(n))
            return try ExactReal(c) * sqrtPi
        }
        let m = n + 1 // q = 1/2 − m
        let c = try Rational(try BigInt(-4).power(m) * BigInt.factorial(m), BigInt.factorial(2 * m))
        return try ExactReal(c) * sqrtPi
    }
}
