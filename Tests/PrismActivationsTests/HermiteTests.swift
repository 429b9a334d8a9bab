import Foundation
import Testing
import PrismNumbers
import PrismIntegration
@testable import PrismActivations
import _PrismTestSupport


@Suite struct HermiteClosedFormTests {
    /// Every closed form against the certified integrator (which never looks at closed forms).
    @Test(arguments: ["relu", "step", "sign", "abs", "leaky_relu(1/10)", "erf", "sin", "cos", "exp", "gaussian", "gelu", "x^3-2*x"])
    func closedFormsAgreeWithTheIntegrator(_ name: String) throws {
        let sigma = try Activation(parsing: name)
        for s in ["1", "3/2", "1/3"] {
            let N = 10
            let exact = try #require(try sigma.exactHermiteMoments(scale: ExactReal(q(s)), degree: N), "\(name) has a closed form")
            let integrated = try HermiteIntegrator(activation: sigma, scale: ExactReal(q(s)), degree: N).moments(precision: 90)
            for n in 0...N {
                let value = try exact[n].enclosure(precision: 300)
                #expect(integrated[n].contains(value), "\(name) s = \(s) n = \(n): \(integrated[n]) vs \(value)")
                #expect(integrated[n].accurateBits > 40 || exact[n].isZero, "\(name) s = \(s) n = \(n) too wide")
            }
        }
    }

    /// Mehler: E[σ(sx)σ(sy)] = Σ bₙ² ρⁿ, against the closed-form kernels of Docs/conventions.md §8,
    /// with the proven tail Σ_{n>N} bₙ² |ρ|ⁿ ≤ |ρ|^{N+1}(E[σ(sz)²] − Σ_{n≤N} bₙ²) (Parseval).
    @Test func mehlerSumsMatchClosedFormKernels() throws {
        let p = 200
        func I(_ x: Rational) -> Interval { Interval(x, precision: p) }
        let pi = Interval.constant(.pi, precision: p)
        var rng = SystemRandomNumberGenerator()
        typealias Kernel = (Interval, Interval) throws -> Interval // (s, ρ) → E[σ(sx)σ(sy)]
        let cases: [(String, Kernel)] = [
            ("relu", { s, r in try s * s * ((I(1) - r * r).applying(.sqrt) + r * (pi - r.applying(.acos))).dividing(by: I(2) * pi) }),
            ("step", { _, r in try (pi - r.applying(.acos)).dividing(by: I(2) * pi) }),
            ("erf", { s, r in try (I(2).dividing(by: pi)) * (I(2) * s * s * r).dividing(by: I(1) + I(2) * s * s).applying(.asin) }),
            ("sin", { s, r in try (-(s * s)).applying(.exp) * (s * s * r).applying(.sinh) }),
            ("exp", { s, r in try (s * s * (I(1) + r)).applying(.exp) }),
        ]
        for (name, kernel) in cases {
            for s in ["1", "1/2"] {
                let N = 60
                let b = try HermiteCoefficients(activation: Activation(parsing: name), scale: q(s), degree: N).enclosures(precision: p)
                let second = try kernel(I(q(s)), I(1)) // E[σ(sz)²] is the kernel at ρ = 1
                for _ in 0..<5 {
                    let rho = try Rational(Int.random(in: -90...90, using: &rng), 100)
                    var partial = I(0), energy = I(0)
                    var power = I(1)
                    for n in 0...N {
                        partial = partial + b[n] * b[n] * power
                        energy = energy + b[n] * b[n]
                        power = power * I(rho)
                    }
                    let tailBound = try (second - energy) * I(rho.magnitude).power(N + 1)
                    let enclosure = try Interval(lower: partial.lower.subtracting(tailBound.upper, precision: p, rounding: .down),
                                                 upper: partial.upper.adding(tailBound.upper, precision: p, rounding: .up))
                    let closed = try kernel(I(q(s)), I(rho))
                    #expect(enclosure.overlaps(closed), "\(name) s = \(s) ρ = \(rho): \(enclosure) vs \(closed)")
                }
            }
        }
    }

    /// The blog's claims: tanh is odd, so its even coefficients vanish; ReLU is linear plus even,
    /// so its odd coefficients from 3 on vanish — exactly, and the others do not.
    @Test func blogZeroPatterns() throws {
        let tanh = try HermiteCoefficients(activation: .tanh, degree: 12)
        let values = try tanh.certified(digits: 10)
        for n in 0...12 {
            #expect((values[n].exact == "0") == (n % 2 == 0), "tanh b_\(n)")
        }
        let relu = try HermiteCoefficients(activation: .relu, degree: 40).exact!
        for n in 0...40 {
            #expect(relu[n].isZero == (n >= 3 && n % 2 == 1), "relu b_\(n)")
        }
    }

    @Test func bases() throws {
        // probabilists aₙ = bₙ/√(n!); physicists pₙ for σ = x³: x³ = (H₃ + 6H₁)/8.
        let a = try HermiteCoefficients(activation: .monomial(3), degree: 3, basis: .probabilists).exact!
        #expect(a.map(\.description) == ["0", "3", "0", "1"])
        let p = try HermiteCoefficients(activation: .monomial(3), degree: 3, basis: .physicists).exact!
        #expect(p.map(\.description) == ["0", "3/4", "0", "1/8"])
        let b = try HermiteCoefficients(activation: .relu, degree: 2).exact!
        #expect(b[0].description == "1/2*pi^(-1/2)*2^(1/2)") // (2π)^{−1/2}
        // The physicists' basis of a numerically integrated activation agrees with the exact route's conversion.
        let numeric = try HermiteCoefficients(activation: try Activation(parsing: "x*(1+erf(x/sqrt(2)))/2"), degree: 4, basis: .physicists).enclosures(precision: 80)
        let exact = try HermiteCoefficients(activation: .gelu, degree: 4, basis: .physicists).exact!
        for n in 0...4 { #expect(numeric[n].contains(try exact[n].enclosure(precision: 300)), "gelu p_\(n)") }
    }

    @Test func badInput() {
        #expect(throws: PrismError.self) { try HermiteCoefficients(activation: .tanh, scale: 0, degree: 3) }
        #expect(throws: PrismError.self) { try HermiteCoefficients(activation: .tanh, scale: -1, degree: 3) }
        #expect(throws: PrismError.self) { try HermiteCoefficients(activation: .tanh, degree: -1) }
        #expect(throws: PrismError.self) { try HermiteCoefficients(activation: .tanh, degree: HermiteCoefficients.maxDegree + 1) }
        #expect(throws: PrismError.self) { try HermiteCoefficients(activation: try Activation(parsing: "1/x"), degree: 3) }
        #expect(throws: PrismError.self) { try HermiteCoefficients(activation: try Activation(parsing: "relu(x-1)"), degree: 3) }
    }
}

@Suite struct HermiteCertificationTests {
    /// Containment (Arb's test): an enclosure at a low precision contains the value at a high one.
    @Test func lowPrecisionEnclosuresContainHighPrecisionValues() throws {
        var rng = SystemRandomNumberGenerator()
        for name in ["tanh", "sigmoid", "softplus", "silu", "gelu_tanh", "elu", "x*tanh(softplus(x))", "gaussian(x)*sin(3*x)"] {
            let s = [q("1/2"), q("1"), q("7/5")].randomElement(using: &rng)!
            let N = Int.random(in: 3...12, using: &rng)
            let h = try HermiteCoefficients(activation: try Activation(parsing: name), scale: s, degree: N)
            let low = try h.enclosures(precision: 40), high = try h.enclosures(precision: 160)
            for n in 0...N {
                #expect(low[n].contains(high[n].midpoint), "\(name) s = \(s) n = \(n)")
                #expect(high[n].accurateBits >= 100 || high[n].isExactZero || high[n].magnitude < BigFloat(1e-30), "\(name) n = \(n)")
            }
        }
    }

    /// 50-digit references from mpmath (Fixtures/generate_hermite_golden.py).
    @Test func agreesWithMpmathAtFiftyDigits() throws {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("hermite_golden.tsv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count >= 50)
        var tables: [String: [CertifiedValue]] = [:]
        for line in lines {
            let f = line.split(separator: "\t").map(String.init)
            let key = f[0] + " " + f[1]
            if tables[key] == nil {
                tables[key] = try HermiteCoefficients(activation: try Activation(parsing: f[0]), scale: q(f[1]), degree: 6).certified(digits: 50)
            }
            let ours = try Rational(parsing: tables[key]![Int(f[2])!].value)
            #expect(ours == (try Rational(parsing: f[3])), "\(f[0]) s = \(f[1]) n = \(f[2])")
        }
    }
}

/// Expressions that are a polynomial on each side of 0 have exact moments
/// (`Activation.piecewisePolynomialMoments`), checked against closed forms and the integrator.
@Suite struct PiecewisePolynomialHermiteTests {
    /// relu itself through the expression route equals the catalogue's closed form, at a non-unit scale.
    @Test func reluExpressionMatchesTheCatalogue() throws {
        let s = try Rational(3, 2)
        let expression = try HermiteCoefficients(activation: try Activation(parsing: "relu(x)+0*x"), scale: s, degree: 12)
        let catalogue = try HermiteCoefficients(activation: .relu, scale: s, degree: 12)
        let (a, b) = (try expression.exact!, try catalogue.exact!)
        for n in 0...12 { #expect(try (a[n] - b[n]).isZero, "n = \(n)") }
    }

    /// E[|z|³] = 2√(2/π) (b₀ of abs(x)^3); x²·step(x) has b₀ = 1/2; relu(x)² = x·relu(x).
    @Test func momentsOfPowers() throws {
        let abs3 = try HermiteCoefficients(activation: try Activation(parsing: "abs(x)^3"), degree: 4).exact!
        let expected = try ExactReal(4) * (ExactReal(2) * ExactReal(.pi)).power(try Rational(-1, 2))
        #expect(try (abs3[0] - expected).isZero)
        #expect(abs3[1].isZero && abs3[3].isZero) // even function
        let step = try HermiteCoefficients(activation: try Activation(parsing: "x^2*step(x)"), degree: 5).exact!
        #expect(step[0].rational == Rational(1) / 2)
        let square = try HermiteCoefficients(activation: try Activation(parsing: "relu(x)^2"), degree: 8).exact!
        let product = try HermiteCoefficients(activation: try Activation(parsing: "x*relu(x)"), degree: 8).exact!
        for n in 0...8 { #expect(try (square[n] - product[n]).isZero) }
        #expect(square[4].isZero && square[6].isZero && square[8].isZero)
    }

    /// The exact values lie in the integrator's enclosures (`+0*sin(x)` forces the integration route).
    @Test func exactValuesLieInTheIntegratorsEnclosures() throws {
        let exact = try HermiteCoefficients(activation: try Activation(parsing: "leaky_relu(x)^3-2*x*abs(x)"), degree: 6)
        let integrated = try HermiteCoefficients(activation: try Activation(parsing: "leaky_relu(x)^3-2*x*abs(x)+0*sin(x)"), degree: 6)
        #expect(exact.route == "closed form" && integrated.route == "certified integration")
        let enclosures = try integrated.enclosures(precision: 60)
        for (n, value) in try exact.exact!.enumerated() {
            let point = try value.enclosure(precision: 120)
            #expect(!(point.upper < enclosures[n].lower) && !(enclosures[n].upper < point.lower), "n = \(n)")
        }
    }
}
