import PrismNumbers
import PrismAlgebra

/// Gegenbauer polynomials and the dimension-d Legendre polynomials of the sphere
/// (Docs/conventions.md §3; DLMF 18.5.10 for the explicit sums).
public enum Gegenbauer {
    /// The largest degree accepted.
    public static let maxDegree = 5_000

    static func check(_ n: Int) throws {
        guard n >= 0 else { throw PrismError.domain("degree must be ≥ 0, got \(n)") }
        guard n <= maxDegree else { throw PrismError.limitExceeded("degree \(n) (limit \(maxDegree))") }
    }

    /// Monomial coefficients of C_n^{(λ)}(t) = Σ_k (−1)^k (λ)_{n−k} / (k! (n−2k)!) (2t)^{n−2k},
    /// for rational λ > −1/2, λ ≠ 0 (DLMF 18.3). From the leading (λ)_n 2^n / n! by the ratio
    /// c_{n−2k−2}/c_{n−2k} = −(n−2k)(n−2k−1) / (4(k+1)(λ+n−k−1)).  Error contract: exact.
    public static func coefficients(_ n: Int, lambda: Rational) throws -> [Rational] {
        try check(n)
        guard lambda > (try Rational(-1, 2)), !lambda.isZero else {
            throw PrismError.domain("Gegenbauer λ must be > −1/2 and ≠ 0, got \(lambda) (λ = 0 is Chebyshev: use the d = 2 Legendre family)")
        }
        var leading = Rational(1)
        for i in 0..<n { leading = leading * (lambda + Rational(i)) * 2 / Rational(i + 1) }
        return descending(n, leading: leading) { k in Rational(4 * (k + 1)) * (lambda + Rational(n - k - 1)) }
    }

    /// Monomial coefficients of P_n^{(d)} = C_n^{(λ)}/C_n^{(λ)}(1), λ = (d−2)/2, for d ≥ 3, and of
    /// the Chebyshev T_n for d = 2: leading coefficient 2^n (λ)_n/(2λ)_n (2^{n−1} when d = 2),
    /// ratio c_{n−2k−2}/c_{n−2k} = −(n−2k)(n−2k−1) / (2(k+1)(2n−2k+d−4)).  Error contract: exact.
    public static func legendreCoefficients(_ n: Int, dimension d: Int) throws -> [Rational] {
        try check(n)
        guard d >= 2 else { throw PrismError.domain("dimension d must be ≥ 2, got \(d)") }
        guard d <= 1_000_000 else { throw PrismError.limitExceeded("dimension \(d) (limit 1000000)") }
        if n == 0 { return [1] }
        var leading = try Rational(BigInt(2).power(d == 2 ? n - 1 : n))
        if d > 2 {
            // (λ)_n/(2λ)_n = Π_{i<n} (d−2+2i) / (2(d−2+i))
            var num = BigInt(1), den = BigInt(1)
            for i in 0..<n { num = num.multiplied(by: d - 2 + 2 * i); den = den.multiplied(by: 2 * (d - 2 + i)) }
            leading = leading * (try Rational(num, den))
        }
        return descending(n, leading: leading) { k in Rational(2 * (k + 1) * (2 * n - 2 * k + d - 4)) }
    }

    /// c_n = leading; c_{m−2} = −c_m · m(m−1) / denominator(k) with m = n − 2k.
    private static func descending(_ n: Int, leading: Rational, denominator: (Int) -> Rational) -> [Rational] {
        var c = [Rational](repeating: 0, count: n + 1)
        c[n] = leading
        var k = 0
        while n - 2 * k >= 2 {
            let m = n - 2 * k
            c[m - 2] = -c[m] * Rational(m * (m - 1)) / denominator(k)
            k += 1
        }
        return c
    }

    /// P_n^{(d)} as a polynomial over the rationals.
    public static func legendre(_ n: Int, dimension d: Int) throws -> Polynomial<Rational> {
        Polynomial(try legendreCoefficients(n, dimension: d))
    }

    /// Chebyshev T_n = P_n^{(2)}.
    public static func chebyshev(_ n: Int) throws -> Polynomial<Rational> { try legendre(n, dimension: 2) }

    /// P_k^{(d)}(t) for k = 0…n at one point by the three-term recurrence
    /// (k+d−2) P_{k+1} = (2k+d−2) t P_k − k P_{k−1} (Docs/conventions.md §3; `SeriesBasis.step`).
    /// Error contract: that of R.
    public static func legendreValues<R: AlgebraScalar>(upTo n: Int, dimension d: Int, at t: R) throws -> [R] {
        try SeriesBasis.legendre(dimension: d).values(upTo: n, at: t)
    }
}
