import Testing
import PrismNumbers
@testable import PrismAlgebra
import _PrismTestSupport

/// The common-denominator engine (`RationalSeries`: signed Kronecker products, Newton inverse, exp, log)
/// against schoolbook products written here, the defining differential equations, and closed forms.
@Suite struct RationalSeriesTests {
    /// Truncated Cauchy product on canonical rationals (the reference).
    private func schoolbook(_ a: [Rational], _ b: [Rational]) -> [Rational] {
        let n = min(a.count, b.count)
        return (0..<n).map { k in (0...k).reduce(Rational(0)) { $0 + a[$1] * b[k - $1] } }
    }

    private func randomSeries(_ g: inout SplitMix64, order N: Int, constant: Rational? = nil) -> [Rational] {
        var c = (0...N).map { _ in g.rational() }
        if let c0 = constant { c[0] = c0 }
        // Some exact zeros and large entries, so packing meets every sign and width.
        for k in stride(from: 3, through: N, by: 7) { c[k] = 0 }
        if N >= 5 { c[5] = c[5] * Rational(BigInt(1).shiftedLeft(200)) }
        return c
    }

    @Test func signedKroneckerConvolutionMatchesSchoolbook() throws {
        var g = SplitMix64(seed: 7)
        for trial in 0..<30 {
            let la = Int.random(in: 1...40, using: &g), lb = Int.random(in: 1...40, using: &g)
            let a = (0..<la).map { _ in BigInt(Int.random(in: -1_000_000...1_000_000, using: &g)).shiftedLeft(Int.random(in: 0...130, using: &g)) }
            let b = (0..<lb).map { _ in BigInt(Int.random(in: -9...9, using: &g)) }
            let count = Int.random(in: 1...(la + lb + 3), using: &g)
            let expected = (0..<count).map { k in
                (0...k).reduce(BigInt(0)) { acc, i in i < la && k - i < lb ? acc + a[i] * b[k - i] : acc }
            }
            #expect(BigInt.convolution(a, b, count: count) == expected, "trial \(trial)")
        }
    }

    @Test func productsAndQuotientsMatchSchoolbook() throws {
        var g = SplitMix64(seed: 11)
        for N in [12, 13, 31, 64] {
            let a = randomSeries(&g, order: N), b = randomSeries(&g, order: N, constant: try Rational(-3, 7))
            let product = try PowerSeries(a).multiplied(by: PowerSeries(b))
            #expect(product.coefficients == schoolbook(a, b))
            // (a/b)·b = a, and 1/b by Newton equals the quotient 1/b.
            let quotient = try PowerSeries(a).dividing(by: PowerSeries(b))
            #expect(schoolbook(quotient.coefficients, b) == a)
            let inverse = try RationalSeries(b).inverse().rationals()
            #expect(schoolbook(inverse, b) == PowerSeries(constant: Rational(1), order: N).coefficients)
        }
    }

    @Test func expAndLogSatisfyTheirDifferentialEquations() throws {
        var g = SplitMix64(seed: 3)
        for N in [12, 40, 77] {
            // Dense f with f₀ = 0 takes Newton's iteration; y = e^f satisfies y' = f'·y.
            let f = PowerSeries(randomSeries(&g, order: N, constant: 0))
            let y = try f.exp()
            #expect(y[0] == 1)
            #expect(try y.derivative().coefficients == Array(schoolbook(f.derivative().coefficients, y.coefficients)))
            // log y = f, and log of a unit series u satisfies (log u)'·u = u'.
            #expect(try y.log().coefficients == f.coefficients)
            let u = PowerSeries(randomSeries(&g, order: N, constant: 1))
            let l = try u.log()
            #expect(l[0] == 0)
            #expect(try schoolbook(l.derivative().coefficients, u.coefficients) == u.derivative().coefficients)
            // u^{1/2} squared is u; u^{−3/2}·u^{3/2} = 1.
            let root = try u.power(try Rational(1, 2))
            #expect(schoolbook(root.coefficients, root.coefficients) == u.coefficients)
            let p = try u.power(try Rational(3, 2)), m = try u.power(try Rational(-3, 2))
            #expect(schoolbook(p.coefficients, m.coefficients) == PowerSeries(constant: Rational(1), order: N).coefficients)
        }
        // The sparse recurrence: e^{−x²/2} = Σ (−1/2)^j x^{2j}/j!.
        let minusHalf = try Rational(-1, 2)
        let gaussian = try PowerSeries([0, 0, minusHalf] + [Rational](repeating: 0, count: 40)).exp()
        var factorial = BigInt(1)
        for j in 0...21 {
            if j > 0 { factorial = factorial.multiplied(by: j) }
            #expect(gaussian[2 * j] == (try minusHalf.power(j)) / Rational(factorial))
            if 2 * j + 1 <= 42 { #expect(gaussian[2 * j + 1] == 0) }
        }
    }

    /// tanh x = Σ_{n≥1} 2^{2n}(2^{2n} − 1) B_{2n} x^{2n−1}/(2n)!, with the Bernoulli numbers from
    /// Σ_{j=0}^{m} C(m+1, j) B_j = 0; sigmoid x = 1/2 + tanh(x/2)/2.
    @Test func tanhAndSigmoidMatchTheBernoulliClosedForm() throws {
        let N = 61
        var bernoulli = [Rational(1)]
        for m in 1...(N + 1) {
            var sum = Rational(0)
            for j in 0..<m { sum = sum + Rational(try BigInt.binomial(BigInt(m + 1), j)) * bernoulli[j] }
            bernoulli.append(-sum / Rational(m + 1))
        }
        let x = PowerSeries<Rational>.variable(order: N, like: 0)
        let tanh = try x.applying(.tanh)
        for k in 0...N {
            if k % 2 == 0 { #expect(tanh[k] == 0); continue }
            let n = (k + 1) / 2
            let four = Rational(BigInt(1).shiftedLeft(2 * n))
            let expected = four * (four - 1) * bernoulli[2 * n] / Rational(try BigInt.factorial(2 * n))
            #expect(tanh[k] == expected, "k = \(k)")
        }
        let sigmoid = try x.sigmoid()
        let oneHalf = try Rational(1, 2)
        let half = try x.scaled(by: oneHalf).applying(.tanh)
        for k in 0...N { #expect(sigmoid[k] == (k == 0 ? oneHalf : Rational(0)) + half[k] * oneHalf) }
    }
}
