/// An exact real number of the form Σ qᵢ · Πⱼ cⱼ^(eᵢⱼ): rational coefficients
/// times products of rational powers of named constants (π, e, log 2, Euler's γ)
/// and of primes. For example ReLU's b₀ = (2π)^(−1/2) is `2^(1/2)/2 · π^(−1/2)`.
///
/// Canonical form: no zero coefficient; in each product the factors are sorted
/// (constants in `MathConstant` order, then primes ascending) with nonzero
/// exponents, and every prime exponent lies in (0, 1) (integer parts move into
/// the coefficient). Products of primes with exponents in [0, 1) are linearly
/// independent over ℚ, so the form of an algebraic number is unique; a hidden
/// relation among π, e, log 2 and γ is not excluded, so *zero* is decided by the
/// form only when all terms cancel, and otherwise by an enclosure excluding 0.
///
/// Error contract: exact.
public struct ExactReal: Sendable, Hashable {
    /// The base of a factor: a named constant or a prime.
    public enum Base: Hashable, Comparable, Sendable {
        case constant(MathConstant)
        case prime(Int)

        public static func < (a: Base, b: Base) -> Bool {
            switch (a, b) {
            case let (.constant(x), .constant(y)): return x.order < y.order
            case (.constant, .prime): return true
            case (.prime, .constant): return false
            case let (.prime(x), .prime(y)): return x < y
            }
        }
    }

    /// base^exponent.
    public struct Factor: Hashable, Sendable {
        public var base: Base
        public var exponent: Rational
    }

    /// A product of factors in canonical order; empty for 1.
    public struct Monomial: Hashable, Comparable, Sendable {
        public var factors: [Factor]

        public static let one = Monomial(factors: [])

        public static func < (a: Monomial, b: Monomial) -> Bool {
            for (x, y) in zip(a.factors, b.factors) {
                if x.base != y.base { return x.base < y.base }
                if x.exponent != y.exponent { return x.exponent < y.exponent }
            }
            return a.factors.count < b.factors.count
        }
    }

    /// The terms: coefficient of each monomial (never zero).
    public private(set) var terms: [Monomial: Rational]

    /// The largest number of terms an exact real may have (bounds work and memory).
    public static let maxTerms = 4096
    /// The largest |numerator| or denominator of an exponent.
    public static let maxExponentSize = 1_000_000

    init(terms: [Monomial: Rational]) { self.terms = terms.filter { !$0.value.isZero } }

    public init(_ q: Rational) { self.init(terms: [.one: q]) }
    public init(_ n: Int) { self.init(Rational(n)) }

    /// A named constant c.
    public init(_ c: MathConstant) { self.init(terms: [Monomial(factors: [Factor(base: .constant(c), exponent: 1)]): 1]) }

    public static let zero = ExactReal(terms: [:])

    /// Exact zero test: true only when the canonical form has no term.
    public var isZero: Bool { terms.isEmpty }

    /// The value as a rational, when it is one.
    public var rational: Rational? {
        if terms.isEmpty { return 0 }
        if terms.count == 1, let q = terms[.one] { return q }
        return nil
    }

    /// The single term (coefficient, monomial), if there is exactly one.
    var singleTerm: (coefficient: Rational, monomial: Monomial)? {
        guard terms.count == 1, let (monomial, coefficient) = terms.first else { return nil }
        return (coefficient, monomial)
    }

    /// Terms in print order: the rational part first, then by monomial.
    public var sortedTerms: [(coefficient: Rational, monomial: Monomial)] {
        terms.sorted { $0.key < $1.key }.map { ($0.value, $0.key) }
    }
}

// MARK: - Arithmetic

extension ExactReal {
    public static func + (a: ExactReal, b: ExactReal) throws -> ExactReal {
        var t = a.terms
        for (m, q) in b.terms { t[m, default: 0] += q }
        let r = ExactReal(terms: t)
        guard r.terms.count <= maxTerms else { throw PrismError.limitExceeded("exact real with more than \(maxTerms) terms") }
        return r
    }

    public static prefix func - (a: ExactReal) -> ExactReal { ExactReal(terms: a.terms.mapValues { -$0 }) }

    public static func - (a: ExactReal, b: ExactReal) throws -> ExactReal { try a + (-b) }

    public static func * (a: ExactReal, b: ExactReal) throws -> ExactReal {
        guard a.terms.count * b.terms.count <= maxTerms * 4 else { throw PrismError.limitExceeded("exact product with too many terms") }
        var t: [Monomial: Rational] = [:]
        for (ma, qa) in a.terms {
            for (mb, qb) in b.terms {
                let (scale, m) = try multiply(ma, mb)
                t[m, default: 0] += qa * qb * scale
            }
        }
        let r = ExactReal(terms: t)
        guard r.terms.count <= maxTerms else { throw PrismError.limitExceeded("exact real with more than \(maxTerms) terms") }
        return r
    }

    /// a / b when b is a single term; throws `PrismError.inexact` otherwise (the quotient is
    /// not of this form) and `PrismError.divisionByZero` for b = 0.
    public static func / (a: ExactReal, b: ExactReal) throws -> ExactReal {
        if b.isZero { throw PrismError.divisionByZero }
        return try a * b.power(-1)
    }

    /// The value of `body`, or nil when it has no exact form (`PrismError.inexact`): where an
    /// exact route falls back to enclosures. Every other error passes through.
    ///
    /// The operations of `ExactReal` only throw (never return nil): a caller that needs the
    /// value propagates "no exact form" as an error like any other; one that has a fallback
    /// says so here.
    public static func ifExact<T>(_ body: () throws -> T) throws -> T? {
        do { return try body() } catch PrismError.inexact { return nil }
    }

    /// The product of two monomials as (rational scale, canonical monomial).
    static func multiply(_ a: Monomial, _ b: Monomial) throws -> (Rational, Monomial) {
        var exponents: [Base: Rational] = [:]
        for f in a.factors + b.factors { exponents[f.base, default: 0] += f.exponent }
        return try canonical(exponents)
    }

    /// Canonicalises base → exponent: drops zero exponents, moves the integer part of prime
    /// exponents into a rational scale.
    static func canonical(_ exponents: [Base: Rational]) throws -> (Rational, Monomial) {
        var scale: Rational = 1
        var factors: [Factor] = []
        for (base, e) in exponents where !e.isZero {
            guard e.numerator.magnitude <= BigInt(maxExponentSize), e.denominator <= BigInt(maxExponentSize) else {
                throw PrismError.limitExceeded("exponent \(e) of an exact real is too large")
            }
            if case .prime(let p) = base {
                // |e| ≤ maxExponentSize (checked above), so ⌊e⌋ fits an Int.
                guard let k = e.floor.intValue else { throw PrismError.limitExceeded("exponent \(e) of an exact real is too large") }
                let fraction = e - Rational(k)
                scale *= try Rational(BigInt(p)).power(k)
                if !fraction.isZero { factors.append(Factor(base: base, exponent: fraction)) }
            } else {
                factors.append(Factor(base: base, exponent: e))
            }
        }
        factors.sort { $0.base < $1.base }
        return (scale, Monomial(factors: factors))
    }

    /// self^r for a rational r. Throws `PrismError.inexact` when the result is not of this form
    /// (a sum to a non-integer or negative power, or a coefficient that cannot be factored) and
    /// `PrismError.divisionByZero` for 0 to a negative power.
    public func power(_ r: Rational) throws -> ExactReal {
        if isZero {
            if r.signum > 0 { return .zero }
            if r.isZero { return ExactReal(1) }
            throw PrismError.divisionByZero
        }
        if r.isZero { return ExactReal(1) }
        // Out of the form's bounds: let the caller fall back to enclosures.
        guard r.numerator.magnitude <= BigInt(ExactReal.maxExponentSize), r.denominator <= BigInt(ExactReal.maxExponentSize) else {
            throw PrismError.inexact("exponent \(r) past the exact form's bounds")
        }
        if let (q, m) = singleTerm {
            var exponents: [Base: Rational] = [:]
            for f in m.factors { exponents[f.base] = f.exponent * r }
            var scale: Rational = 1
            if r.isInteger, let n = r.intValue {
                guard q.bitSize.multipliedReportingOverflow(by: abs(n)).partialValue <= BigInt.maxBits / 4 else {
                    throw PrismError.inexact("a rational power past the size bound")
                }
                scale = try q.power(n)
            } else {
                guard q.signum > 0, let primes = q.primeFactorization() else {
                    throw PrismError.inexact("\(q)^(\(r)) (a negative base or an unfactored coefficient)")
                }
                for (p, k) in primes { exponents[.prime(p), default: 0] += Rational(k) * r }
            }
            let (s, monomial) = try ExactReal.canonical(exponents)
            return ExactReal(terms: [monomial: scale * s])
        }
        guard r.isInteger, let n = r.intValue, n >= 0, n <= 64 else {
            throw PrismError.inexact("a sum of terms to the power \(r)")
        }
        var result = ExactReal(1), base = self, k = n
        while k > 0 {
            if k & 1 == 1 { result = try result * base }
            k >>= 1
            if k > 0 { base = try base * base }
        }
        return result
    }
}

extension MathConstant {
    /// The order of constants in a canonical product.
    var order: Int {
        switch self {
        case .pi: return 0
        case .e: return 1
        case .log2: return 2
        case .euler: return 3
        }
    }
}

extension Rational {
    /// The prime factorisation of |numerator| and denominator as (prime, ±exponent), or nil
    /// when a factor escapes trial division (only numbers whose prime factors are ≤ 10^6, plus
    /// at most one cofactor < 10^12, which is then prime, are factored).
    func primeFactorization() -> [(Int, Int)]? {
        var result: [(Int, Int)] = []
        for (n, sign) in [(numerator.magnitude, 1), (denominator, -1)] {
            guard n.bitWidth <= 4096 else { return nil }
            var m = n
            var p = 2
            while p <= 1_000_000, m > 1 {
                let bp = BigInt(p)
                if m.isMultiple(of: bp) {
                    var k = 0
                    while m.isMultiple(of: bp) { m = m.dividedExactly(by: bp); k += 1 }
                    result.append((p, sign * k))
                }
                if let small = m.intValue, small < p * p { break }
                p += p == 2 ? 1 : 2
            }
            if m > 1 {
                guard let c = m.intValue, c < 1_000_000_000_000 else { return nil }
                result.append((c, sign))
            }
        }
        return result
    }
}
