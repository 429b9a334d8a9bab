import Foundation
import Testing
import PrismNumbers
import PrismActivations
import PrismBases
@testable import PrismKernels
import _PrismTestSupport


@Suite struct SpectrumTests {
    /// Funk–Hecke eigenvalues from the power series and β against direct certified quadrature of
    /// f(cos θ) P_k(cos θ) sin^{d−2}θ, for the closed-form normalized kernels of erf and ReLU.
    @Test(arguments: [2, 3, 10])
    func powerSeriesRouteAgreesWithDirectQuadrature(_ d: Int) throws {
        let parser = ExpressionParser(variables: ["x"])
        let kernels: [(Activation, String)] = [
            (.erf, "asin(2*cos(x)/3)/asin(2/3)"),
            (.relu, "(sin(x)+(pi-x)*cos(x))/pi"),
        ]
        for (sigma, theta) in kernels {
            let series = try KernelSpectrum(activation: sigma, dimension: d, maxDegree: 4).eigenvalues(precision: 80)
            for k in 0...4 {
                let direct = try SphereSpectrum.quadratureEigenvalue(kernelInTheta: parser.parse(theta), dimension: d, degree: k, precision: 60)
                #expect(series[k].overlaps(direct), "\(sigma.name), d = \(d), k = \(k): \(series[k]) vs \(direct)")
            }
        }
    }

    /// Σ_k N(d,k) μ_k = f(1): exactly for a polynomial kernel; for erf, the partial sum plus the
    /// remaining mass brackets f(1) = 1.
    @Test func sumRule() throws {
        let f = try (0...5).map { ExactReal(Rational(try BigInt.binomial(5, $0)) / 32) } // ((1+t)/2)^5
        for d in [2, 3, 7] {
            let mu = try SphereSpectrum.exactEigenvalues(ofPolynomial: f, dimension: d, maxDegree: 5)
            var sum = ExactReal.zero
            for k in 0...5 { sum = try sum + mu[k] * ExactReal(Rational(try PrismBases.Sphere.multiplicity(dimension: d, degree: k))) }
            #expect(try (sum - ExactReal(1)).isZero)
        }
        // The normalized erf NNGP f(t) = arcsin(2t/3)/arcsin(2/3) on S² (N(3,k) = 2k+1). The sum rule
        // Σ_k N μ_k = f(1) = 1 with every μ_k ≥ 0 implies: the partial sum over k ≤ 60 is ≤ 1, and its
        // gap Σ_{k>60} N μ_k = Σ_{m>60} f_m Σ_{k>60} β_k^m ≤ Σ_{m>60} f_m (β ≥ 0, Σ_k β_k^m = 1), the
        // tail of f's own Taylor series at t = 1, computed here independently from arcsin's series:
        // arcsin x = Σ_j (2j)!/(4^j j!² (2j+1)) x^{2j+1}.
        let p = 132
        let mu = try KernelSpectrum(activation: .erf, dimension: 3, maxDegree: 60).eigenvalues(precision: 100)
        var partial = Interval(0, precision: p)
        for k in 0...60 { partial = partial + mu[k] * Interval(Rational(2 * k + 1), precision: p) }
        var head = Rational(0), term = try Rational(2, 3) // Σ_{2j+1 ≤ 60} a_j (2/3)^{2j+1}, exactly
        for j in 0...29 {
            head += term
            term *= try Rational((2 * j + 1) * (2 * j + 1) * 4, (2 * j + 2) * (2 * j + 3) * 9)
        }
        let arcsin = try Interval(try Rational(2, 3), precision: p).applying(.asin)
        let tail = try (arcsin - Interval(head, precision: p)).dividing(by: arcsin) // f(1) − Σ_{m≤60} f_m
        #expect(partial.lower <= BigFloat(1), "Σ N μ_k ≤ f(1): \(partial)")
        let gap = BigFloat(1).subtracting(partial.upper, precision: p, rounding: .down)
        #expect(gap <= tail.upper, "gap \(gap) exceeds the proven tail \(tail)")
        #expect(tail.upper < BigFloat(1e-10, precision: p)) // the bound is not vacuous
    }

    /// Deep ReLU: the composed power series Σ^(2)(ρ), evaluated with its proven tail, contains
    /// k(k(ρ)) from the arc-cosine closed form k(ρ) = (√(1−ρ²) + ρ(π − arccos ρ))/π.
    @Test func deepReLUAgainstComposedClosedForm() throws {
        let p = 100
        let (nngp, _) = try DeepKernel(activation: .relu, depth: 2, order: 120).series(precision: p, includeNTK: false)
        func k(_ r: Interval) throws -> Interval {
            let pi = Interval.constant(.pi, precision: p)
            return try ((Interval(1, precision: p) - r * r).applying(.sqrt) + r * (pi - r.applying(.acos))).dividing(by: pi)
        }
        for rho in [q("-9/10"), q("-1/3"), q("0"), q("1/2"), q("4/5")] {
            var value = Interval(0, precision: p), power = Interval(1, precision: p)
            for c in nngp.coefficients { value = value + c * power; power = power * Interval(rho, precision: p) }
            let tail = nngp.tailBound
            let enclosure = try Interval(lower: value.lower.subtracting(tail, precision: p, rounding: .down),
                                         upper: value.upper.adding(tail, precision: p, rounding: .up))
            let closed = try k(k(Interval(rho, precision: p)))
            #expect(enclosure.contains(closed) || enclosure.overlaps(closed), "ρ = \(rho): \(enclosure) vs \(closed)")
            #expect(tail < BigFloat(0.05)) // the ReLU tail decays slowly, but it is proven
        }
    }

    @Test func parityZerosAndBadInput() throws {
        let spectrum = try KernelSpectrum(activation: .tanh, dimension: 3, maxDegree: 4, kind: .ntk, depth: 2)
        #expect(spectrum.provenZero == [true, false, true, false, true])
        #expect(throws: PrismError.self) { try KernelSpectrum(activation: .tanh, dimension: 1, maxDegree: 3) }
        #expect(throws: PrismError.self) { try KernelSpectrum(activation: .tanh, dimension: 3, maxDegree: -1) }
        #expect(throws: PrismError.self) { try KernelSpectrum(activation: .tanh, dimension: 3, maxDegree: 3, depth: 0) }
        #expect(throws: PrismError.self) { try KernelSpectrum(activation: .step, dimension: 3, maxDegree: 3, kind: .ntk) }
    }

    @Test func effectiveDimensionAndDecay() throws {
        // Against an independent mpmath computation (Fixtures/generate_erf_sphere_sums.py: Funk–Hecke
        // integrals by tanh-sinh quadrature, no power series): the truncated d_eff over k ≤ 12, the full
        // d_eff = f(1)²/E_t[f²] it must approach from below-ish within the tail, and the fitted slope.
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("erf_sphere_sums.tsv")
        var reference: [String: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            reference[String(fields[0])] = String(fields[1])
        }
        let mu = try KernelSpectrum(activation: .erf, dimension: 5, maxDegree: 12).eigenvalues(precision: 80)
        let deff = try SphereSpectrum.effectiveDimension(mu, dimension: 5)
        // The reference's 40 significant digits: ±5·10⁻⁴⁰ of the value around each printed decimal.
        func reference40(_ key: String) throws -> Interval {
            let text = try #require(reference[key])
            let x = try Rational(parsing: text)
            let e = try Rational(parsing: "1e-38")
            return try Interval(lower: Interval(x - e, precision: 160).lower, upper: Interval(x + e, precision: 160).upper)
        }
        let truncated = try reference40("deff_truncated")
        #expect(deff.overlaps(truncated), "d_eff(k ≤ 12) = \(deff), mpmath \(truncated)")
        #expect(deff.upper.subtracting(deff.lower, precision: 80, rounding: .up) < BigFloat(1e-15, precision: 80))
        // The degrees k > 12 add little: the full d_eff = f(1)²/E_t[f²] is within 10⁻⁴ of the truncated one.
        let full = try reference40("deff_full")
        #expect((full - deff).magnitude < BigFloat(1e-4, precision: 80), "full d_eff \(full) vs \(deff)")
        let slope = try #require(SphereSpectrum.fittedDecayExponent(mu, degrees: 1...11))
        let slopeText = try #require(reference["slope"])
        let referenceSlope = try #require(Double(slopeText))
        #expect(Swift.abs(slope - referenceSlope) < 1e-9, "fitted slope \(slope), mpmath \(referenceSlope)")
    }
}

@Suite struct ArcCosineTests {
    /// Exact depth-1 ReLU eigenvalues (Fourier integrals in θ) against certified θ-quadrature.
    @Test(arguments: [2, 3, 5, 10])
    func exactEigenvaluesAgreeWithQuadrature(_ d: Int) throws {
        for kind in [KernelKind.nngp, .ntk] {
            let exact = try #require(try ArcCosineSpectrum.eigenvalues(kind: kind, dimension: d, maxDegree: 6))
            let quadrature = try ThetaSpectrum(dimension: d, maxDegree: 6, kind: kind, depth: 1).eigenvalues(precision: 60)
            for k in 0...6 {
                let value = try exact[k].enclosure(precision: 200)
                #expect(quadrature[k].contains(value), "\(kind) d = \(d) k = \(k): \(exact[k]) vs \(quadrature[k])")
            }
            // Sum rule: Σ N μ → f(1) (1 for the NNGP, 2 for the NTK), from below.
            var partial = ExactReal.zero
            for k in 0...6 { partial = try partial + exact[k] * ExactReal(Rational(try Sphere.multiplicity(dimension: d, degree: k))) }
            #expect(try partial.enclosure(precision: 100).upper < BigFloat(kind == .nngp ? 1 : 2))
        }
    }
}

@Suite struct ArcCosineFamilyTests {
    /// step, sign, abs and leaky_relu: the exact route against the power-series route (whose
    /// enclosures are wide for these kernels, but must contain the exact values), and the sum rule.
    @Test func familyAgreesWithPowerSeries() throws {
        let parser = ExpressionParser(variables: ["x"])
        let cases: [(Activation, String)] = [
            (.step, "(pi-x)/pi"), (.sign, "1-2*x/pi"), (.abs, "2*(sin(x)+(pi/2-x)*cos(x))/pi"),
            (.leakyRelu(try Rational(1, 10)), "(1/10*cos(x)+81/100*(sin(x)+(pi-x)*cos(x))/(2*pi))/(101/200)"),
        ]
        for (sigma, theta) in cases {
            let exact = try #require(try ArcCosineSpectrum.eigenvalues(activation: sigma, kind: .nngp, dimension: 5, maxDegree: 4))
            for k in 0...4 {
                let direct = try SphereSpectrum.quadratureEigenvalue(kernelInTheta: parser.parse(theta), dimension: 5, degree: k, precision: 60)
                #expect(direct.contains(try exact[k].enclosure(precision: 200)), "\(sigma.name) k = \(k): \(exact[k]) vs \(direct)")
            }
        }
        #expect(throws: PrismError.self) { try ArcCosineSpectrum.eigenvalues(activation: .step, kind: .ntk, dimension: 3, maxDegree: 2) }
        #expect(try ArcCosineSpectrum.eigenvalues(activation: .tanh, kind: .nngp, dimension: 3, maxDegree: 2) == nil)
    }
}
