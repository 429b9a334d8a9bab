import Testing
import PrismNumbers
import PrismActivations
import PrismBases
@testable import PrismKernels

private func q(_ s: String) -> Rational { try! Rational(parsing: s) }

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
        let mu = try KernelSpectrum(activation: .erf, dimension: 3, maxDegree: 60).eigenvalues(precision: 100)
        var partial = Interval(0, precision: 132)
        for k in 0...60 { partial = partial + mu[k] * Interval(Rational(2 * k + 1), precision: 132) }
        #expect(partial.lower < BigFloat(1) || partial.contains(BigFloat(1)))
        #expect(BigFloat(1).subtracting(partial.upper, precision: 100, rounding: .up) < BigFloat(1e-15, precision: 100))
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
        let mu = try KernelSpectrum(activation: .erf, dimension: 5, maxDegree: 12).eigenvalues(precision: 80)
        let deff = try SphereSpectrum.effectiveDimension(mu, dimension: 5)
        #expect(deff.lower > BigFloat(1) && deff.upper < BigFloat(200))
        let slope = try #require(SphereSpectrum.fittedDecayExponent(mu, degrees: 1...11))
        #expect(slope < 0)
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
