import PrismNumbers
import PrismAlgebra
import PrismBases

/// Exact Gaussian expectations of polynomials of a correlated pair.
enum Bivariate {
    /// E[p(x) q(y)] for (x, y) standard normal with correlation ρ, exactly: with x = z₁,
    /// y = ρz₁ + c z₂, c² = 1 − ρ², only even powers of z₂ survive, so the result is rational.
    static func expectation(_ p: [Rational], _ q: [Rational], rho: Rational) throws -> Rational {
        let degree = p.count + q.count
        let moments = try (0...degree).map { Rational(try Gaussian.moment($0)) }
        let c2 = 1 - rho * rho
        var total = Rational(0)
        for (a, pa) in p.enumerated() where !pa.isZero {
            for (j, qj) in q.enumerated() where !qj.isZero {
                for i in 0...j where (j - i) % 2 == 0 {
                    let term = pa * qj * Rational(try BigInt.binomial(BigInt(j), i)) * (try rho.power(i)) * (try c2.power((j - i) / 2))
                    total += term * moments[a + i] * moments[j - i]
                }
            }
        }
        return total
    }
}
