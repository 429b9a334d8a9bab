import Testing
import PrismNumbers
import PrismAlgebra
@testable import PrismBases
import _PrismTestSupport


@Suite struct HermiteTests {
    @Test func recurrences() throws {
        // He_{n+1} = z He_n − n He_{n−1};  H_{n+1} = 2x H_n − 2n H_{n−1}.
        let z = Polynomial<Rational>([0, 1])
        var he = [try Hermite.probabilists(0), try Hermite.probabilists(1)]
        var h = [try Hermite.physicists(0), try Hermite.physicists(1)]
        for n in 1..<150 {
            he.append(try z.multiplied(by: he[n]).subtracting(he[n - 1].scaled(by: Rational(n))))
            h.append(try z.multiplied(by: h[n]).scaled(by: 2).subtracting(h[n - 1].scaled(by: Rational(2 * n))))
            #expect(he[n + 1] == (try Hermite.probabilists(n + 1)), "He_\(n + 1)")
            #expect(h[n + 1] == (try Hermite.physicists(n + 1)), "H_\(n + 1)")
        }
        // He_n' = n He_{n−1}
        for n in 1..<60 { #expect(try Hermite.probabilists(n).derivative() == Hermite.probabilists(n - 1).scaled(by: Rational(n))) }
    }

    @Test func orthogonalityFromExactGaussianMoments() throws {
        // E[He_m He_n] = n! δ_mn with E[z^k] = (k−1)!! exactly.
        let moments = try (0...60).map { Rational(try Gaussian.moment($0)) }
        for m in 0...30 {
            for n in m...30 {
                let product = try Hermite.probabilists(m).multiplied(by: Hermite.probabilists(n))
                let expectation = product.coefficients.enumerated().reduce(Rational(0)) { $0 + $1.element * moments[$1.offset] }
                #expect(expectation == (m == n ? Rational(try BigInt.factorial(n)) : 0), "E[He_\(m) He_\(n)]")
            }
        }
    }

    @Test func normalizedCarriesSquareRootOfFactorialExactly() throws {
        let h4 = try Hermite.normalizedCoefficients(4)
        // h_4 = (z⁴ − 6z² + 3)/√24 = (z⁴ − 6z² + 3)/(2√6)
        #expect(h4[4].description == "1/12*2^(1/2)*3^(1/2)")
        #expect(h4[0].description == "1/4*2^(1/2)*3^(1/2)")
        #expect(h4[1].isZero)
    }

    @Test func monomialHermiteRoundTrip() throws {
        var g = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let f = (0...15).map { _ in try! Rational(Int.random(in: -9...9, using: &g), Int.random(in: 1...9, using: &g)) }
            let a = try Hermite.probabilistsFromMonomials(f)
            #expect(try Hermite.monomialsFromProbabilists(a) == f)
        }
        // z^4 = He_4 + 6 He_2 + 3 He_0
        #expect(try Hermite.probabilistsFromMonomials([Rational](repeating: 0, count: 4) + [1]) == [3, 0, 6, 0, 1])
    }

    @Test func limitsAndBadDegrees() {
        #expect(throws: PrismError.self) { try Hermite.probabilistsCoefficients(-1) }
        #expect(throws: PrismError.self) { try Hermite.probabilistsCoefficients(Hermite.maxDegree + 1) }
    }
}

@Suite struct GegenbauerTests {
    /// The one recurrence description (`SeriesBasis.step`) reproduces every basis' explicit polynomials
    /// (monomial coefficients from the closed-form sums, a different formula) at rational points.
    @Test func recurrenceStepsGiveTheExplicitPolynomials() throws {
        let points = [q("3/7"), q("-5/2"), q("1"), q("0")]
        for x in points {
            let he = try SeriesBasis.hermiteHe.values(upTo: 40, at: x)
            let cheb = try SeriesBasis.chebyshev.values(upTo: 40, at: x)
            for k in 0...40 {
                #expect(he[k] == (try Hermite.probabilists(k).evaluate(at: x)), "He_\(k)(\(x))")
                #expect(cheb[k] == (try Gegenbauer.chebyshev(k).evaluate(at: x)), "T_\(k)(\(x))")
            }
            for d in [2, 3, 5, 12] {
                let p = try SeriesBasis.legendre(dimension: d).values(upTo: 40, at: x)
                for k in 0...40 { #expect(p[k] == (try Gegenbauer.legendre(k, dimension: d).evaluate(at: x)), "P_\(k)^(\(d))(\(x))") }
            }
            let monomials = try SeriesBasis.monomial.values(upTo: 5, at: x)
            #expect(monomials[5] == x * x * x * x * x)
        }
        // h_k's steps are irrational (√): the exact evaluator refuses rather than rounding.
        #expect(SeriesBasis.hermiteNormalized.step(3) == RecurrenceStep(a: 1, b: 4, c: 3, squareRoots: true))
        #expect(throws: PrismError.self) { try SeriesBasis.hermiteNormalized.values(upTo: 3, at: q("1/2")) }
        #expect(throws: PrismError.self) { try SeriesBasis.legendre(dimension: 1).values(upTo: 3, at: q("1/2")) }
    }

    /// Q_k(θ) = P_k(cos θ) sin^{d−2}θ as trigonometric polynomials, checked exactly at angles with rational
    /// cosine and sine (Pythagorean triples), where cos jθ, sin jθ follow from the Chebyshev recurrences and
    /// the right side from P_k's monomial coefficients (a different formula); and Σ|a_j| + |b_j| ≤ 1.
    @Test(arguments: [2, 3, 4, 5, 10, 33])
    func angularWeightsAreTheFunkHeckeWeights(_ d: Int) throws {
        let K = 24
        let weights = try Gegenbauer.angularWeights(dimension: d, maxDegree: K)
        for (c, s) in [(q("3/5"), q("4/5")), (q("-8/17"), q("15/17")), (q("5/13"), q("12/13"))] {
            let J = K + d
            var cosj: [Rational] = [1, c], sinj: [Rational] = [0, s]
            for j in 2...J { cosj.append(2 * c * cosj[j - 1] - cosj[j - 2]); sinj.append(2 * c * sinj[j - 1] - sinj[j - 2]) }
            var sinPower = Rational(1)
            for _ in 0..<(d - 2) { sinPower *= s }
            for k in 0...K {
                let w = weights[k]
                #expect(w.maxFrequency <= k + Swift.max(d - 2, 0))
                var value = Rational(0)
                for j in 0...w.maxFrequency { value += w.cosine[j] * cosj[j] + w.sine[j] * sinj[j] }
                #expect(value == (try Gegenbauer.legendre(k, dimension: d).evaluate(at: c)) * sinPower, "Q_\(k) at d = \(d)")
                var norm = Rational(0)
                for j in 0...w.maxFrequency { norm += abs(w.cosine[j]) + abs(w.sine[j]) }
                #expect(norm <= 1)
            }
        }
        #expect(throws: PrismError.self) { try Gegenbauer.angularWeights(dimension: 1, maxDegree: 3) }
        #expect(throws: PrismError.self) { try Gegenbauer.angularWeights(dimension: 3, maxDegree: -1) }
    }

    @Test(arguments: [2, 3, 4, 5, 7, 10, 33])
    func legendreRecurrenceAndNormalisation(_ d: Int) throws {
        // (k+d−2) P_{k+1} = (2k+d−2) t P_k − k P_{k−1}, P_k(1) = 1.
        let t = Polynomial<Rational>([0, 1])
        var p = [try Gegenbauer.legendre(0, dimension: d), try Gegenbauer.legendre(1, dimension: d)]
        for k in 1..<60 {
            let next = try t.multiplied(by: p[k]).scaled(by: Rational(2 * k + d - 2)).subtracting(p[k - 1].scaled(by: Rational(k)))
                .scaled(by: 1 / Rational(k + d - 2))
            p.append(next)
            #expect(next == (try Gegenbauer.legendre(k + 1, dimension: d)), "P_\(k + 1)^(\(d))")
            #expect(try next.evaluate(at: 1) == 1)
        }
        // Values by the recurrence at a point agree with the explicit coefficients.
        let values = try Gegenbauer.legendreValues(upTo: 30, dimension: d, at: q("3/7"))
        for k in 0...30 { #expect(values[k] == (try Gegenbauer.legendre(k, dimension: d).evaluate(at: q("3/7")))) }
    }

    @Test(arguments: [2, 3, 5, 10])
    func orthogonalityFromExactSphereMoments(_ d: Int) throws {
        // ∫ P_j P_k c_d (1−t²)^{(d−3)/2} dt = δ_jk / N(d,k).
        let moments = try (0...40).map { try Sphere.moment($0, dimension: d) }
        for j in 0...20 {
            for k in j...20 {
                let product = try Gegenbauer.legendre(j, dimension: d).multiplied(by: Gegenbauer.legendre(k, dimension: d))
                let integral = product.coefficients.enumerated().reduce(Rational(0)) { $0 + $1.element * moments[$1.offset] }
                let expected = j == k ? 1 / Rational(try Sphere.multiplicity(dimension: d, degree: k)) : 0
                #expect(integral == expected, "d = \(d), j = \(j), k = \(k)")
            }
        }
    }

    @Test func gegenbauerRecurrenceForRationalLambda() throws {
        // (k+1) C_{k+1} = 2(k+λ) t C_k − (k+2λ−1) C_{k−1}
        let t = Polynomial<Rational>([0, 1])
        for lambda in [q("1/2"), q("3/2"), q("-1/3"), q("7/5"), q("4")] {
            var c = [try Polynomial(Gegenbauer.coefficients(0, lambda: lambda)), try Polynomial(Gegenbauer.coefficients(1, lambda: lambda))]
            #expect(c[1] == Polynomial([0, 2 * lambda]))
            for k in 1..<40 {
                let next = try t.multiplied(by: c[k]).scaled(by: 2 * (Rational(k) + lambda))
                    .subtracting(c[k - 1].scaled(by: Rational(k - 1) + 2 * lambda)).scaled(by: 1 / Rational(k + 1))
                c.append(next)
                #expect(next == Polynomial(try Gegenbauer.coefficients(k + 1, lambda: lambda)), "λ = \(lambda), k = \(k + 1)")
            }
        }
        #expect(throws: PrismError.self) { try Gegenbauer.coefficients(3, lambda: 0) }
        #expect(throws: PrismError.self) { try Gegenbauer.coefficients(3, lambda: q("-1/2")) }
        #expect(throws: PrismError.self) { try Gegenbauer.legendreCoefficients(3, dimension: 1) }
    }
}

@Suite struct SphereTests {
    @Test func multiplicities() throws {
        for k in 0...50 {
            #expect(try Sphere.multiplicity(dimension: 3, degree: k) == BigInt(2 * k + 1))
            #expect(try Sphere.multiplicity(dimension: 2, degree: k) == BigInt(k == 0 ? 1 : 2))
            // N(d,k) = binom(k+d−1, d−1) − binom(k+d−3, d−1)
            for d in [4, 7, 10, 100] {
                let expected = try BigInt.binomial(BigInt(k + d - 1), d - 1) - BigInt.binomial(BigInt(k + d - 3), d - 1)
                #expect(try Sphere.multiplicity(dimension: d, degree: k) == expected)
            }
        }
    }

    @Test func densityConstants() throws {
        #expect(try Sphere.densityConstant(dimension: 2).description == "pi^(-1)")
        #expect(try Sphere.densityConstant(dimension: 3).description == "1/2")
        #expect(try Sphere.densityConstant(dimension: 4).description == "2*pi^(-1)")
        #expect(try Sphere.densityConstant(dimension: 5).description == "3/4")
        // c_d = 1 / B(1/2, (d−1)/2) = Γ(d/2)/(Γ(1/2)Γ((d−1)/2)): check against MPFR's Γ at 40 digits.
        for d in 2...30 {
            let exact = try Sphere.densityConstant(dimension: d).enclosure(precision: 200)
            let half = Interval(try Rational(1, 2), precision: 200)
            let viaGamma = try Interval(Rational(d) * (try Rational(1, 2)), precision: 200).applying(.gamma)
                .dividing(by: half.applying(.gamma) * Interval(Rational(d - 1) * (try Rational(1, 2)), precision: 200).applying(.gamma))
            #expect(exact.overlaps(viaGamma))
        }
    }
}

@Suite struct ConnectionTests {
    @Test(arguments: [2, 3, 4, 7, 10, 51])
    func structureAndReconstruction(_ d: Int) throws {
        let table = try ConnectionCoefficients(dimension: d, maxDegree: 40)
        for m in 0...40 {
            var sum = Rational(0)
            var reconstructed = Polynomial<Rational>([])
            for l in 0...m {
                let beta = table[m, l]
                #expect(beta >= 0, "β ≥ 0")
                if (m - l) % 2 == 1 { #expect(beta.isZero, "parity") }
                sum += beta
                reconstructed = try reconstructed.adding(Gegenbauer.legendre(l, dimension: d).scaled(by: beta))
            }
            #expect(sum == 1)
            // t^m = Σ_l β_l^m P_l^{(d)} as a polynomial identity.
            #expect(reconstructed == Polynomial((0...m).map { $0 == m ? Rational(1) : Rational(0) }), "d = \(d), m = \(m)")
        }
        #expect(throws: PrismError.self) { try ConnectionCoefficients(dimension: 1, maxDegree: 3) }
        #expect(throws: PrismError.self) { try ConnectionCoefficients(dimension: 3, maxDegree: ConnectionCoefficients.maxDegree + 1) }
    }
}

@Suite struct ConnectionColumnsTests {
    /// The columns from the closed-form ratio equal the triangle's three-term recurrence exactly, and
    /// every β_k^m obeys the sphere-moment bound β_k^m ≤ N(d,k)·E|t|^{m'} (m' the even one of m, m−1)
    /// that `SphereSpectrum` uses for the truncated tail.
    @Test(arguments: [2, 3, 5, 10])
    func columnsMatchTriangleAndMomentBound(_ d: Int) throws {
        let M = 80, K = 12
        let triangle = try ConnectionCoefficients(dimension: d, maxDegree: M)
        let columns = try ConnectionColumns(dimension: d, maxDegree: M, columns: K)
        var evenMoments = [Rational(1)] // E|t|^{2j} = Π_{i<j} (2i+1)/(2i+d)
        for i in 0..<(M / 2 + 1) { evenMoments.append(evenMoments[i] * (try Rational(2 * i + 1, 2 * i + d))) }
        for k in 0...K {
            let n = Rational(try Sphere.multiplicity(dimension: d, degree: k))
            for m in 0...M {
                #expect(columns[m, k] == triangle[m, k], "d = \(d), m = \(m), k = \(k)")
                #expect(!(n * evenMoments[m / 2] < triangle[m, k]), "moment bound, d = \(d), m = \(m), k = \(k)")
            }
        }
        #expect(throws: PrismError.self) { try ConnectionColumns(dimension: d, maxDegree: 5, columns: 6) }
        #expect(throws: PrismError.self) { try ConnectionColumns(dimension: 1, maxDegree: 5, columns: 2) }
    }
}
