import PrismNumbers
import PrismAlgebra
import PrismBases
import PrismActivations
import PrismKernels

/// Claims of Dandi & Jacot, "Understanding Layer-wise Contributions in Deep Neural Networks through
/// Spectral Analysis".
enum DandiJacotClaims {
    static let source = "Dandi & Jacot, layer-wise spectral analysis"

    static var all: [Claim] { [eq11, eq11Orthonormal, lemma1, eq13, eq16, theorem2, theorem2Corrected, lemma3, corollary1, corollary1Corrected, corollary2, corollary2Corrected] }

    static let eq11 = Claim(
        id: "dandi-jacot/eq-11", source: source + ", eq. (11)",
        statement: "For x, y ~ N(0,1) with correlation ρ, E[H_n(x) H_m(y)] = ρ^n if n = m and 0 otherwise, with H_n the Hermite polynomials of eqs. (14)–(15) (H_{n+1} = w H_n − n H_{n−1}: the probabilists' He_n).",
        correctedBy: "dandi-jacot/eq-11-orthonormal"
    ) {
        var v = VerdictBuilder()
        for rho in [Rational.fraction(1, 2), Rational.fraction(-1, 3)] {
            for n in 0...4 {
                for m in 0...4 {
                    let lhs = try Bivariate.expectation(try Hermite.probabilistsCoefficients(n).map { Rational($0) },
                                                        try Hermite.probabilistsCoefficients(m).map { Rational($0) }, rho: rho)
                    let rhs = n == m ? try rho.power(n) : Rational(0)
                    try v.exact("He_\(n), He_\(m), ρ = \(rho)", lhs: ExactReal(lhs), rhs: ExactReal(rhs))
                }
            }
        }
        return (v.verdict, v.evidence)
    }

    static let eq11Orthonormal = Claim(
        id: "dandi-jacot/eq-11-orthonormal", source: "corrected statement of eq. (11)",
        statement: "With the orthonormal h_n = He_n/√(n!), E[h_n(x) h_m(y)] = ρ^n δ_nm (for He_n itself the value is n! ρ^n δ_nm)."
    ) {
        var v = VerdictBuilder()
        for rho in [Rational.fraction(1, 2), Rational.fraction(-1, 3), Rational.fraction(5, 7)] {
            for n in 0...5 {
                for m in 0...5 {
                    let e = try Bivariate.expectation(try Hermite.probabilistsCoefficients(n).map { Rational($0) },
                                                      try Hermite.probabilistsCoefficients(m).map { Rational($0) }, rho: rho)
                    let lhs = try ExactReal(e) * ExactReal.factorialPower(n, Rational.fraction(-1, 2)) * ExactReal.factorialPower(m, Rational.fraction(-1, 2))
                    try v.exact("h_\(n), h_\(m), ρ = \(rho)", lhs: lhs, rhs: ExactReal(n == m ? try rho.power(n) : 0))
                }
            }
        }
        return (v.verdict, v.evidence)
    }

    /// Mehler partial sum Σ_{n≤N} e_n² ρⁿ with the Parseval tail bound, as an enclosure of E[ξ(x)ξ(y)].
    static func mehler(_ b: [Interval], second: Interval, rho: Rational) throws -> Interval {
        let p = b[0].precision
        var partial = Interval(0, precision: p), energy = Interval(0, precision: p), power = Interval(1, precision: p)
        for n in 0..<b.count {
            partial = partial + b[n] * b[n] * power
            energy = energy + b[n] * b[n]
            power = power * Interval(rho, precision: p)
        }
        let tail = try (second - energy) * Interval(rho.magnitude, precision: p).power(b.count)
        return try Interval(lower: partial.lower.subtracting(tail.upper, precision: p, rounding: .down),
                            upper: partial.upper.adding(tail.upper, precision: p, rounding: .up))
    }

    static let lemma1 = Claim(
        id: "dandi-jacot/lemma-1", source: source + ", Lemma 1",
        statement: "If ξ = Σ e_i H_i in an orthonormal Hermite basis, then E[ξ(x)ξ(y)] = Σ e_i² ρ^i for x, y ~ N(0,1) with correlation ρ."
    ) {
        var v = VerdictBuilder()
        let p = 160
        func I(_ x: Rational) -> Interval { Interval(x, precision: p) }
        let pi = Interval.constant(.pi, precision: p)
        for rho in [Rational.fraction(1, 2), Rational.fraction(-7, 10), Rational.fraction(9, 10)] {
            let relu = try HermiteCoefficients(activation: .relu, degree: 80).enclosures(precision: p)
            let lhs = try ((I(1) - I(rho * rho)).applying(.sqrt) + I(rho) * (pi - I(rho).applying(.acos))).dividing(by: I(2) * pi)
            v.compare("relu, ρ = \(rho)", lhs: lhs, rhs: try mehler(relu, second: I(Rational.fraction(1, 2)), rho: rho), relation: .overlaps,
                      note: "lhs: arc-cosine kernel (Docs/conventions.md §8); rhs: Σ b_n² ρ^n, n ≤ 80, with the Parseval tail bound")
            let erf = try HermiteCoefficients(activation: .erf, degree: 80).enclosures(precision: p)
            let second = try (I(2).dividing(by: pi)) * I(Rational.fraction(2, 3)).applying(.asin)
            let closed = try (I(2).dividing(by: pi)) * I(2 * rho / 3).applying(.asin)
            v.compare("erf, ρ = \(rho)", lhs: closed, rhs: try mehler(erf, second: second, rho: rho), relation: .overlaps,
                      note: "lhs: (2/π) arcsin(2ρ/3); rhs: Mehler sum with tail bound")
        }
        return (v.verdict, v.evidence)
    }

    static let eq13 = Claim(
        id: "dandi-jacot/eq-13", source: source + ", eq. (13)",
        statement: "ψ1(ρ) = Σ_{i≥1} a_i² ρ^i and ψ0(ρ) = Σ_{i≥1} a'_i² ρ^i, with a_i, a'_i the Hermite coefficients of σ, σ' in the basis of eq. (10).",
        correctedBy: "dandi-jacot/theorem-2-corrected"
    ) {
        // With the paper's He basis (a_i = E[σ He_i]/i!), ψ0(ρ) = E[σσ] = Σ i! a_i² ρ^i and ψ1 = Σ i! a'_i² ρ^i.
        // Compare the ρ^i coefficients of the stated series with the true ones for ReLU.
        var v = VerdictBuilder()
        let a = try HermiteCoefficients(activation: .relu, degree: 6, basis: .probabilists).exact.unwrapped(or: .inexact("a in closed form"))
        let aPrime = try HermiteCoefficients(activation: .step, degree: 6, basis: .probabilists).exact.unwrapped(or: .inexact("aPrime in closed form"))
        let b = try HermiteCoefficients(activation: .relu, degree: 6).exact.unwrapped(or: .inexact("b in closed form"))
        let bPrime = try HermiteCoefficients(activation: .step, degree: 6).exact.unwrapped(or: .inexact("bPrime in closed form"))
        for i in 1...4 {
            try v.exact("ReLU, [ρ^\(i)] ψ0 (true Σ b_i² ρ^i vs stated a'_i²)", lhs: b[i] * b[i], rhs: aPrime[i] * aPrime[i])
            try v.exact("ReLU, [ρ^\(i)] ψ1 (true Σ b'_i² ρ^i vs stated a_i²)", lhs: bPrime[i] * bPrime[i], rhs: a[i] * a[i])
        }
        return (v.verdict, v.evidence)
    }

    static let eq16 = Claim(
        id: "dandi-jacot/eq-16", source: source + ", eq. (16) and Appendix 10",
        statement: "The Hermite coefficients of σ' satisfy a'_n = (n+1) a_{n+1}, with a_n = E[σ He_n]/n!."
    ) {
        var v = VerdictBuilder()
        // ReLU: σ' = step (exact).
        let relu = try HermiteCoefficients(activation: .relu, degree: 12, basis: .probabilists).exact.unwrapped(or: .inexact("relu in closed form"))
        let step = try HermiteCoefficients(activation: .step, degree: 11, basis: .probabilists).exact.unwrapped(or: .inexact("step in closed form"))
        for n in 0...11 { try v.exact("ReLU, n = \(n)", lhs: step[n], rhs: ExactReal(n + 1) * relu[n + 1]) }
        // erf: σ' = (2/√π) e^{−x²} = (2/√π) gaussian(√2 x) (exact, scale √2).
        let erf = try HermiteCoefficients(activation: .erf, degree: 10, basis: .probabilists).exact.unwrapped(or: .inexact("erf in closed form"))
        let g = try HermiteCoefficients(activation: .gaussian, exactScale: ExactReal(2).power(.fraction(1, 2)), degree: 9, basis: .probabilists).exact.unwrapped(or: .inexact("g in closed form"))
        let twoOverRootPi = try ExactReal(2) * ExactReal(.pi).power(.fraction(-1, 2))
        for n in 0...9 { try v.exact("erf, n = \(n)", lhs: try twoOverRootPi * g[n], rhs: ExactReal(n + 1) * erf[n + 1]) }
        // tanh: σ' = 1 − tanh² (certified enclosures).
        let t = try HermiteCoefficients(activation: .tanh, degree: 7, basis: .probabilists).enclosures(precision: 100)
        let d = try HermiteCoefficients(activation: Activation(parsing: "1-tanh(x)^2"), degree: 6, basis: .probabilists).enclosures(precision: 100)
        for n in 0...6 { v.compare("tanh, n = \(n)", lhs: d[n], rhs: Interval(n + 1, precision: 100) * t[n + 1], relation: .overlaps) }
        return (v.verdict, v.evidence)
    }

    /// ρ^i coefficients of the first layer's κ^(0) = ρψ1 and the second layer's κ^(1) = ψ0.
    static func layerCoefficients(_ a: Activation, _ N: Int) throws -> (first: [ExactReal], second: [ExactReal]) {
        let first = try DualCoefficients(activation: a, series: .firstLayer, degree: N).exact.unwrapped(or: .inexact("first in closed form"))
        let second = try DualCoefficients(activation: a, series: .dual, degree: N).exact.unwrapped(or: .inexact("second in closed form"))
        return (first, second)
    }

    static let theorem2 = Claim(
        id: "dandi-jacot/theorem-2", source: source + ", Theorem 2 and eq. (17)",
        statement: "The ratio r(i) of the ρ^i coefficients of the first layer's NTK contribution κ^(0)(ρ) = ρψ1(ρ) and the second layer's κ^(1)(ρ) = ψ0(ρ) is r(i) = i².",
        correctedBy: "dandi-jacot/theorem-2-corrected"
    ) {
        var v = VerdictBuilder()
        for (a, degrees) in [(Activation.relu, [1, 2, 4, 6]), (.erf, [1, 3, 5])] {
            let (first, second) = try layerCoefficients(a, 6)
            for i in degrees {
                try v.exact("\(a.name), i = \(i): [ρ^i]κ^(0) vs i²·[ρ^i]κ^(1)", lhs: first[i], rhs: ExactReal(i * i) * second[i])
            }
        }
        return (v.verdict, v.evidence)
    }

    static let theorem2Corrected = Claim(
        id: "dandi-jacot/theorem-2-corrected", source: "corrected statement of Theorem 2",
        statement: "With orthonormal coefficients b_i (σ = Σ b_i h_i), ψ0(ρ) = Σ b_i² ρ^i and ψ1(ρ) = Σ (i+1) b_{i+1}² ρ^i, so [ρ^i](ρψ1) = i b_i² and the ratio is r(i) = i (not i²)."
    ) {
        var v = VerdictBuilder()
        for a in [Activation.relu, .erf, .sin, .gelu] {
            let (first, second) = try layerCoefficients(a, 8)
            for i in 1...8 where !second[i].isZero {
                try v.exact("\(a.name), i = \(i)", lhs: first[i], rhs: ExactReal(i) * second[i])
            }
        }
        // Independent of the Hermite layer: ReLU's closed forms ψ1 = 1/4 + arcsin(ρ)/(2π), ψ0' = ψ1.
        let arcsin = try Activation(parsing: "asin(x)").taylorCoefficients(order: 9)
        let (first, second) = try layerCoefficients(.relu, 9)
        let inverseTwoPi = try (ExactReal(2) * ExactReal(.pi)).power(-1)
        for i in 2...9 {
            // [ρ^i](ρψ1) = [ρ^{i−1}]ψ1 = [ρ^{i−1}] arcsin/(2π); [ρ^i]ψ0 = [ρ^{i−1}]ψ1 / i.
            let closed = try arcsin[i - 1] * inverseTwoPi
            try v.exact("ReLU closed form, i = \(i): [ρ^i]ρψ1", lhs: first[i], rhs: closed)
            try v.exact("ReLU closed form, i = \(i): [ρ^i]ψ0", lhs: second[i], rhs: closed * ExactReal(1 / Rational(i)))
        }
        return (v.verdict, v.evidence)
    }

    /// Certified Gegenbauer components (eigenvalues) of ρψ1 and ψ0 on S^{d−1}, l = 0…K.
    static func layerEigenvalues(_ a: Activation, dimension d: Int, maxDegree K: Int, precision p: Int, order M: Int) throws -> (first: [Interval], second: [Interval]) {
        let b = try HermiteCoefficients(activation: a, degree: M).enclosures(precision: p)
        let wp = b[0].precision
        let sq = try HermiteCoefficients(activation: a.squared(), degree: 0).enclosures(precision: p)[0].rounded(toPrecision: wp)
        let dsq = try HermiteCoefficients(activation: a.derivative().squared(), degree: 0).enclosures(precision: p)[0].rounded(toPrecision: wp)
        let vanishing = NonnegativeSeries.vanishing(for: a.symmetry)
        let second = NonnegativeSeries(coefficients: b.map { $0 * $0 }, valueAtOne: sq, vanishing: vanishing)
        let first = NonnegativeSeries(coefficients: b.enumerated().map { Interval($0.offset, precision: wp) * $0.element * $0.element },
                                      valueAtOne: dsq, vanishing: vanishing)
        return (try SphereSpectrum.eigenvalues(of: first, dimension: d, maxDegree: K),
                try SphereSpectrum.eigenvalues(of: second, dimension: d, maxDegree: K))
    }

    static func ratioClaim(id: String, statement: String, source: String, power: Int, correctedBy: String?) -> Claim {
        Claim(id: id, source: source, statement: statement, correctedBy: correctedBy) {
            var v = VerdictBuilder()
            // erf and sin: odd, with every odd Hermite coefficient non-zero, so the inequalities are strict.
            for (a, d) in [(Activation.erf, 3), (.erf, 10), (.sin, 5)] {
                let (first, second) = try layerEigenvalues(a, dimension: d, maxDegree: 6, precision: 128, order: 120)
                for l in 1...6 where !second[l].isExactZero {
                    let factor = Interval(power == 2 ? l * l : l, precision: 128)
                    v.compare("\(a.name), d = \(d), degree \(l): λ^(1) vs \(power == 2 ? "l²" : "l")·λ^(2)", lhs: first[l], rhs: factor * second[l],
                              relation: .atLeast, note: "Funk–Hecke eigenvalues of ρψ1 and ψ0")
                }
            }
            return (v.verdict, v.evidence)
        }
    }

    static let corollary1 = ratioClaim(
        id: "dandi-jacot/corollary-1",
        statement: "For two-layer networks, the Gegenbauer components λ_i^(1) (first layer, ρψ1) and λ_i^(2) (second layer, ψ0) of the NTK contributions satisfy λ_i^(1) ≥ i² λ_i^(2) for all i ≥ 0.",
        source: source + ", Corollary 1", power: 2, correctedBy: "dandi-jacot/corollary-1-corrected")

    static let corollary1Corrected = ratioClaim(
        id: "dandi-jacot/corollary-1-corrected",
        statement: "λ_i^(1) ≥ i λ_i^(2) for all i (Lemma 3 with the true ratio [ρ^m](ρψ1)/[ρ^m]ψ0 = m, which is non-decreasing).",
        source: "corrected statement of Corollary 1", power: 1, correctedBy: nil)

    static let corollary2 = ratioClaim(
        id: "dandi-jacot/corollary-2",
        statement: "For a functional derivative in the eigenspace of degree-i spherical harmonics, the ratio of the cost decrements when training the first vs the second layer (λ_i^(1)/λ_i^(2), eq. 22) is ≥ i².",
        source: source + ", Corollary 2", power: 2, correctedBy: "dandi-jacot/corollary-2-corrected")

    static let corollary2Corrected = ratioClaim(
        id: "dandi-jacot/corollary-2-corrected",
        statement: "The ratio of decrements λ_i^(1)/λ_i^(2) for a degree-i spherical harmonic direction is ≥ i.",
        source: "corrected statement of Corollary 2", power: 1, correctedBy: nil)

    static let lemma3 = Claim(
        id: "dandi-jacot/lemma-3", source: source + ", Lemma 3",
        statement: "If g = Σ g_i u^i and h = Σ h_i u^i (h_i > 0) have g_i/h_i non-decreasing in i, then the Gegenbauer components satisfy g_{P_l}/h_{P_l} ≥ g_l/h_l."
    ) {
        // g = ρψ1, h = ψ0 of erf and sin (ratio i: non-decreasing), and two exact polynomials.
        var v = VerdictBuilder()
        for (a, d) in [(Activation.erf, 3), (.sin, 5)] {
            let (first, second) = try layerEigenvalues(a, dimension: d, maxDegree: 5, precision: 128, order: 120)
            for l in 1...5 where !second[l].isExactZero {
                v.compare("\(a.name), d = \(d), l = \(l): g_P/h_P vs g_l/h_l = l", lhs: try first[l].dividing(by: second[l]),
                          rhs: Interval(l, precision: 128), relation: .atLeast)
            }
        }
        // Exact polynomials: h = (1+u)^7 and g = (1+2u)^7, so g_i/h_i = 2^i is non-decreasing.
        let h = try (0...7).map { ExactReal(Rational(try BigInt.binomial(7, $0))) }
        let g = try (0...7).map { ExactReal(Rational(try BigInt.binomial(7, $0) * BigInt(2).power($0))) }
        for d in [3, 4] {
            let gMu = try SphereSpectrum.exactEigenvalues(ofPolynomial: g, dimension: d, maxDegree: 7)
            let hMu = try SphereSpectrum.exactEigenvalues(ofPolynomial: h, dimension: d, maxDegree: 7)
            for l in 0...7 {
                let ratio = try (gMu[l] / hMu[l]).enclosure(precision: 128)
                let bound = try (g[l] / h[l]).enclosure(precision: 128)
                v.compare("(1+2u)^7 vs (1+u)^7, d = \(d), l = \(l): g_P/h_P vs 2^l", lhs: ratio, rhs: bound, relation: .atLeast, note: "exact eigenvalues")
            }
        }
        return (v.verdict, v.evidence)
    }
}
