import PrismNumbers
import PrismAlgebra

/// Hermite polynomials (Docs/conventions.md §2).
public enum Hermite {
    /// The largest degree the tables accept (He_n has about n·log2(n) bits per coefficient).
    public static let maxDegree = 20_000

    static func check(_ n: Int) throws {
        guard n >= 0 else { throw PrismError.domain("degree must be ≥ 0, got \(n)") }
        guard n <= maxDegree else { throw PrismError.limitExceeded("degree \(n) (limit \(maxDegree))") }
    }

    /// Integer monomial coefficients c₀…cₙ of the probabilists' He_n:
    ///
    ///     He_n(z) = Σ_k (−1)^k n! / (2^k k! (n−2k)!) z^{n−2k}
    ///
    /// from c_n = 1 by the exact ratio c_{n−2k−2} / c_{n−2k} = −(n−2k)(n−2k−1) / (2(k+1)).
    /// Error contract: exact. O(n) big-integer operations.
    public static func probabilistsCoefficients(_ n: Int) throws -> [BigInt] {
        try check(n)
        return descending(n, leading: 1, denominatorFactor: 2)
    }

    /// Integer monomial coefficients of the physicists' H_n(x) = 2^{n/2} He_n(√2 x):
    /// c_n = 2^n, c_{n−2k−2} / c_{n−2k} = −(n−2k)(n−2k−1) / (4(k+1)).
    /// Error contract: exact.
    public static func physicistsCoefficients(_ n: Int) throws -> [BigInt] {
        try check(n)
        return descending(n, leading: try BigInt(2).power(n), denominatorFactor: 4)
    }

    private static func descending(_ n: Int, leading: BigInt, denominatorFactor: Int) -> [BigInt] {
        var c = [BigInt](repeating: 0, count: n + 1)
        var term = leading
        c[n] = term
        var k = 0
        while n - 2 * k >= 2 {
            let m = n - 2 * k
            term = term.multiplied(by: -m * (m - 1), dividedExactlyBy: denominatorFactor * (k + 1))
            c[m - 2] = term
            k += 1
        }
        return c
    }

    /// He_n as a polynomial over the rationals.
    public static func probabilists(_ n: Int) throws -> Polynomial<Rational> {
        Polynomial(try probabilistsCoefficients(n).map { Rational($0) })
    }

    /// H_n as a polynomial over the rationals.
    public static func physicists(_ n: Int) throws -> Polynomial<Rational> {
        Polynomial(try physicistsCoefficients(n).map { Rational($0) })
    }

    /// The orthonormal h_n = He_n / √(n!), with √(n!) carried exactly: the integer
    /// coefficients of He_n and the exact scale (n!)^{−1/2}.
    public static func normalized(_ n: Int) throws -> (probabilists: [BigInt], scale: ExactReal) {
        guard n <= 2000 else { throw PrismError.limitExceeded("normalized Hermite degree \(n) (limit 2000)") }
        let he = try probabilistsCoefficients(n)
        let scale = try ExactReal(Rational(BigInt.factorial(n))).power(.fraction(-1, 2))
        return (he, scale)
    }

    /// The monomial coefficients of h_n as exact reals.
    public static func normalizedCoefficients(_ n: Int) throws -> [ExactReal] {
        let (he, scale) = try normalized(n)
        return try he.map { try ExactReal(Rational($0)) * scale }
    }

    /// Converts Σ f_m z^m into Σ a_n He_n (a_n = E[f He_n]/n!) using
    /// z^m = Σ_k m! / (2^k k! (m−2k)!) He_{m−2k}(z).  Error contract: that of R.
    public static func probabilistsFromMonomials<R: AlgebraScalar>(_ f: [R]) throws -> [R] {
        guard let zero = f.first?.zero else { return [] }
        var a = [R](repeating: zero, count: f.count)
        for (m, fm) in f.enumerated() where !fm.isKnownZero {
            // weight_k = m!/(2^k k! (m−2k)!), weight_0 = 1, weight_{k+1}/weight_k = (m−2k)(m−2k−1)/(2(k+1)).
            var weight = Rational(1)
            var k = 0
            while m - 2 * k >= 0 {
                a[m - 2 * k] = try a[m - 2 * k].adding(fm.scaled(by: weight))
                if m - 2 * k < 2 { break }
                weight = weight * Rational((m - 2 * k) * (m - 2 * k - 1)) / Rational(2 * (k + 1))
                k += 1
            }
        }
        return a
    }

    /// Converts Σ a_n He_n back into monomial coefficients.
    public static func monomialsFromProbabilists<R: AlgebraScalar>(_ a: [R]) throws -> [R] {
        guard let zero = a.first?.zero else { return [] }
        var f = [R](repeating: zero, count: a.count)
        for (n, an) in a.enumerated() where !an.isKnownZero {
            for (k, c) in try probabilistsCoefficients(n).enumerated() where !c.isZero {
                f[k] = try f[k].adding(an.scaled(by: Rational(c)))
            }
        }
        return f
    }
}
