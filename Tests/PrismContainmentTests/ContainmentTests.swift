import Testing
import PrismNumbers
import PrismIntegration
import PrismAlgebra
import PrismBases
import PrismActivations
import PrismKernels
import PrismEvaluation
import _PrismTestSupport

// Containment at random precisions (Arb's test habit), one suite per certified function family.
// Every case is drawn from a seeded generator, so a failure names a reproducible case. Each check
// is one the inclusion principle guarantees:
//   * two enclosures of one number, at two random precisions, overlap;
//   * an enclosure contains the exact value wherever that is known (exact series, closed forms,
//     rational values), computed by a route that never sees it;
//   * a certified decimal at random digits is the correctly rounded value of a high-precision
//     enclosure: lower ≤ x ≤ upper and |value − x| ≤ ½ ulp of the D-digit decimal, and `double` is the
//     nearest binary64 of the high-precision enclosure.
// The cases-run figures quoted in Docs/reliability.md are the `cases` counts asserted below.

/// 10^e as a rational.
func powerOfTen(_ e: Int) -> Rational { e >= 0 ? Rational(try! BigInt(10).power(e)) : 1 / Rational(try! BigInt(10).power(-e)) }

/// The decimal exponent of the leading digit of a printed decimal ("0.00123" → −3, "4.5e7" → 7).
func leadingExponent(_ text: String) -> Int? {
    var s = Substring(text)
    if s.hasPrefix("-") { s = s.dropFirst() }
    var exponent = 0
    if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
        exponent = Int(s[s.index(after: e)...]) ?? 0
        s = s[..<e]
    }
    let parts = s.split(separator: ".", omittingEmptySubsequences: false)
    let integer = parts[0].drop { $0 == "0" }
    if !integer.isEmpty { return exponent + integer.count - 1 }
    guard parts.count == 2, let first = parts[1].firstIndex(where: { $0 != "0" }) else { return nil }
    return exponent - (parts[1].distance(from: parts[1].startIndex, to: first) + 1)
}

/// The certified decimal at D digits against a high-precision enclosure of the same number.
func expectCorrectlyRounded(_ v: CertifiedValue, reference x: Interval, _ what: @autoclosure () -> String,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
    let lower = try Rational(parsing: v.lower), upper = try Rational(parsing: v.upper), value = try Rational(parsing: v.value)
    let xl = try #require(x.lower.rational), xu = try #require(x.upper.rational)
    #expect(lower <= xl && xu <= upper, "\(what()): [\(v.lower), \(v.upper)] ∌ \(x)", sourceLocation: sourceLocation)
    if value == 0 {
        #expect(xl == 0 && xu == 0, "\(what()): printed 0 for \(x)", sourceLocation: sourceLocation)
        return
    }
    let e = try #require(leadingExponent(v.value))
    let halfUlp = powerOfTen(e - v.digits + 1) / 2
    #expect(xl >= value - halfUlp && xu <= value + halfUlp,
            "\(what()): \(v.value) is not the \(v.digits)-digit rounding of \(x)", sourceLocation: sourceLocation)
    let dl = x.lower.double(), du = x.upper.double()
    if dl == du { #expect(v.double == dl, "\(what()): double \(v.double) vs \(dl)", sourceLocation: sourceLocation) }
}

@Suite struct ElementaryFunctionContainment {
    static let arguments: [(RealFunction, ClosedRange<Int>, ClosedRange<Int>)] = [
        // (function, numerators, denominators) keeping the argument in the function's domain
        (.exp, -300...300, 1...40), (.log, 1...400, 1...40), (.log1p, -9...400, 10...40), (.expm1, -300...300, 1...40),
        (.sqrt, 0...400, 1...40), (.sin, -400...400, 1...7), (.cos, -400...400, 1...7), (.tan, -60...60, 1...7),
        (.atan, -400...400, 1...7), (.asin, -40...40, 41...60), (.acos, -40...40, 41...60), (.sinh, -200...200, 1...9),
        (.cosh, -200...200, 1...9), (.tanh, -200...200, 1...9), (.erf, -60...60, 1...9), (.erfc, -60...200, 1...9),
        (.gamma, 1...200, 1...9), (.lgamma, 1...400, 1...9),
    ]

    /// f(x) for random rational x: enclosures at two random precisions overlap, known exact values
    /// are contained, and the certified decimal at random digits is correctly rounded.
    @Test func elementaryFunctions() throws {
        var g = SplitMix64(seed: 0x5EED_0001)
        var cases = 0
        for (f, numerators, denominators) in Self.arguments {
            for _ in 0..<6 {
                let x = g.rational(numerators: numerators, denominators: denominators)
                let (p1, p2) = (g.precision(), g.precision())
                guard let a = try? Interval(x, precision: p1).applying(f), let b = try? Interval(x, precision: p2).applying(f) else { continue }
                expectOverlap(a, b, "\(f)(\(x)) at \(p1) and \(p2) bits")
                let digits = Int.random(in: 1...60, using: &g)
                let v = try CertifiedValue(digits: digits) { try Interval(x, precision: $0).applying(f) }
                try expectCorrectlyRounded(v, reference: Interval(x, precision: 4 * digits + 400).applying(f), "\(f)(\(x)) to \(digits) digits")
                cases += 1
            }
        }
        // Exact values: f at the points where it is rational.
        let exact: [(RealFunction, Rational, Rational)] = [(.exp, 0, 1), (.log, 1, 0), (.sin, 0, 0), (.cos, 0, 1),
            (.sqrt, try Rational(9, 4), try Rational(3, 2)), (.gamma, 5, 24), (.lgamma, 2, 0), (.erf, 0, 0), (.atan, 0, 0)]
        for (f, x, y) in exact {
            let p = g.precision()
            #expect(try Interval(x, precision: p).applying(f).contains(y), "\(f)(\(x)) = \(y) at \(p) bits")
            cases += 1
        }
        print("containment: elementary functions: \(cases) cases")
        #expect(cases >= 100)
    }
}

@Suite struct ExactRealContainment {
    /// Random exact reals (rational combinations of π, e, log 2, γ and radicals): enclosures at two
    /// random precisions overlap; rational ones (√q² = |q|, e^{log q} = q …) contain the rational;
    /// the certified decimals round correctly at random digits.
    @Test func exactRealEnclosures() throws {
        var g = SplitMix64(seed: 0x5EED_0002)
        var cases = 0
        let templates = ["A*pi+B", "A*sqrt(A)+pi^2", "A*e-B*log2", "euler*A+sqrt2*B", "(2*pi)^(-1/2)*A+B",
                         "sqrt(A)*sqrt(A+2)", "A^(1/3)*B", "gamma(A)*B+gamma(1/2)", "pi^(A)*e^(B)", "log2*log2*A-B"]
        for template in templates {
            for _ in 0..<6 {
                let a = g.rational(numerators: 1...99, denominators: 1...13), b = g.rational(numerators: -99...99, denominators: 1...13)
                let text = template.replacingOccurrences(of: "A", with: "(\(a))").replacingOccurrences(of: "B", with: "(\(b))")
                let e = try RealExpression.parse(text)
                let (p1, p2) = (g.precision(), g.precision())
                let x1 = try e.enclosure(precision: p1), x2 = try e.enclosure(precision: p2)
                expectOverlap(x1, x2, "\(text) at \(p1) and \(p2) bits")
                if let exact = try e.exactValue() {
                    try expectContains(x1, exact, "\(text) at \(p1) bits (exact \(exact))")
                    try expectContains(exact.enclosure(precision: p2), exact, "ExactReal \(exact) at \(p2) bits")
                    let digits = Int.random(in: 1...80, using: &g)
                    if exact.isZero == false {
                        let v = try CertifiedValue(exact: exact, digits: digits)
                        try expectCorrectlyRounded(v, reference: exact.enclosure(precision: 4 * digits + 400), "\(exact) to \(digits) digits")
                    }
                }
                cases += 1
            }
        }
        // Rational values reached through irrational forms.
        for _ in 0..<20 {
            let q = g.rational(numerators: 1...999, denominators: 1...99)
            for text in ["sqrt(\(q))^2", "exp(log(\(q)))", "sqrt(\(q)*\(q))", "(\(q))^(3/2)*(\(q))^(1/2)"] {
                let e = try RealExpression.parse(text)
                let expected = text.hasPrefix("(") ? q * q : q
                let p = g.precision()
                #expect(try e.enclosure(precision: p).contains(expected), "\(text) at \(p) bits ∌ \(expected)")
                cases += 1
            }
        }
        print("containment: exact reals: \(cases) cases")
        #expect(cases >= 100)
    }
}

@Suite struct SeriesAndCoefficientContainment {
    static let analytic: [Activation] = [.tanh, .sigmoid, .softplus, .silu, .gelu, .geluTanh, .erf, .sin, .cos, .exp, .gaussian]

    /// Taylor coefficients: the exact rational/exact-real series against the same series engine run
    /// over intervals at a random precision (the interval route never sees the exact values).
    @Test func taylorCoefficients() throws {
        var g = SplitMix64(seed: 0x5EED_0003)
        var cases = 0
        for sigma in Self.analytic {
            let order = Int.random(in: 4...16, using: &g)
            let exact = try sigma.taylorCoefficients(order: order)
            let e = try #require(sigma.definition)
            let (p1, p2) = (g.precision(64...320), g.precision(64...320))
            let s1 = try e.powerSeries(at: PowerSeries<Interval>.variable(order: order, like: Interval(0, precision: p1))).coefficients
            let s2 = try e.powerSeries(at: PowerSeries<Interval>.variable(order: order, like: Interval(0, precision: p2))).coefficients
            for k in 0...order {
                try expectContains(s1[k], exact[k], "\(sigma.name) c_\(k) at \(p1) bits")
                expectOverlap(s1[k], s2[k], "\(sigma.name) c_\(k) at \(p1) and \(p2) bits")
                cases += 1
            }
        }
        print("containment: Taylor coefficients: \(cases) cases")
        #expect(cases >= 100)
    }

    /// Hermite coefficients: closed forms (exact moments) contained in the certified integrator's
    /// enclosures at random precisions and scales; integrated-only activations: two precisions overlap,
    /// and their certified decimals round correctly.
    @Test func hermiteCoefficients() throws {
        var g = SplitMix64(seed: 0x5EED_0004)
        var cases = 0
        let closedForm: [Activation] = [.relu, .abs, .step, .erf, .sin, .cos, .exp, .gaussian, .leakyRelu(try Rational(1, 10))]
        for sigma in closedForm {
            let s = g.rational(numerators: 1...12, denominators: 4...8)
            let degree = Int.random(in: 2...4, using: &g)
            let exact = try #require(try sigma.exactHermiteMoments(scale: ExactReal(s), degree: degree))
            let p = g.precision(40...80)
            let moments = try HermiteIntegrator(activation: sigma, scale: ExactReal(s), degree: degree).moments(precision: p)
            for n in 0...degree {
                try expectContains(moments[n], exact[n], "E[\(sigma.name)(\(s)z) He_\(n)] at \(p) bits")
                cases += 1
            }
        }
        for sigma in [Activation.tanh, .sigmoid, .softplus, .silu, .geluTanh, .elu(1)] {
            let h = try HermiteCoefficients(activation: sigma, degree: 4)
            let (p1, p2) = (g.precision(40...80), g.precision(40...80))
            let a = try h.enclosures(precision: p1), b = try h.enclosures(precision: p2)
            for n in 0...4 { expectOverlap(a[n], b[n], "b_\(n)(\(sigma.name)) at \(p1) and \(p2) bits"); cases += 1 }
            let digits = Int.random(in: 1...10, using: &g)
            let certified = try h.certified(digits: digits)
            let reference = try h.enclosures(precision: 4 * digits + 40)
            for n in 0...4 where !reference[n].isExactZero {
                try expectCorrectlyRounded(certified[n], reference: reference[n], "b_\(n)(\(sigma.name)) to \(digits) digits")
            }
        }
        print("containment: Hermite coefficients: \(cases) cases")
        #expect(cases >= 60)
    }

    /// Level coefficients c_ℓ on the sphere and at small norm: exact where known, and enclosures at two
    /// random precisions (radius, α, d random) overlap and contain the exact values.
    @Test func levelCoefficients() throws {
        var g = SplitMix64(seed: 0x5EED_0005)
        var cases = 0
        for sigma in [Activation.relu, .erf, .sin, .exp, .tanh, .gelu] {
            for expansion in LevelExpansion.allCases {
                if expansion == .smallNorm && sigma == .relu { continue }
                let alpha = g.rational(numerators: 1...9, denominators: 1...4), r = g.rational(numerators: 1...6, denominators: 2...5)
                let d = Int.random(in: 1...12, using: &g)
                let c = try LevelCoefficients(activation: sigma, degree: 5, alpha: alpha, dimension: d, radius: r, expansion: expansion)
                let (p1, p2) = (g.precision(40...200), g.precision(40...200))
                let a = try c.enclosures(precision: p1), b = try c.enclosures(precision: p2)
                for l in 0...5 {
                    expectOverlap(a[l], b[l], "c_\(l)(\(sigma.name)) \(expansion) at \(p1) and \(p2) bits")
                    if let exact = c.exact { try expectContains(a[l], exact[l], "c_\(l)(\(sigma.name)) \(expansion)") }
                    cases += 1
                }
            }
        }
        print("containment: level coefficients: \(cases) cases")
        #expect(cases >= 60)
    }

    /// Connection coefficients: the triangle and the column recurrences agree exactly, every row sums
    /// to 1, and enclosures at random precisions contain the rationals.
    @Test func connectionCoefficients() throws {
        var g = SplitMix64(seed: 0x5EED_0006)
        var cases = 0
        for _ in 0..<12 {
            let d = Int.random(in: 2...40, using: &g), M = Int.random(in: 2...30, using: &g)
            let triangle = try ConnectionCoefficients(dimension: d, maxDegree: M)
            let columns = try ConnectionColumns(dimension: d, maxDegree: M, columns: M)
            for m in 0...M {
                var sum = Rational(0)
                for l in 0...m {
                    #expect(triangle[m, l] == columns[m, l], "β_\(l)^\(m)(\(d))")
                    sum += triangle[m, l]
                    let p = g.precision()
                    #expect(Interval(triangle[m, l], precision: p).contains(triangle[m, l]))
                }
                #expect(sum == 1, "Σ_l β_l^\(m)(\(d)) = \(sum)")
                cases += 1
            }
        }
        print("containment: connection coefficients: \(cases) cases")
        #expect(cases >= 100)
    }
}

@Suite struct SphereSpectrumContainment {
    /// Series route: eigenvalues of smooth kernels at two random precisions overlap, and a polynomial
    /// activation's (exact, finite) spectrum is contained.
    @Test func seriesRoute() throws {
        var g = SplitMix64(seed: 0x5EED_0007)
        var cases = 0
        for sigma in [Activation.erf, .sin, .tanh, .gelu] {
            let d = Int.random(in: 2...12, using: &g), L = Int.random(in: 1...2, using: &g)
            let kind: KernelKind = Bool.random(using: &g) ? .nngp : .ntk
            let spectrum = try KernelSpectrum(activation: sigma, dimension: d, maxDegree: 5, kind: kind, depth: L)
            let (p1, p2) = (g.precision(40...160), g.precision(40...160))
            let a = try spectrum.eigenvalues(precision: p1), b = try spectrum.eigenvalues(precision: p2)
            for k in 0...5 { expectOverlap(a[k], b[k], "μ_\(k) \(sigma.name) \(kind) L = \(L) d = \(d) at \(p1)/\(p2) bits"); cases += 1 }
        }
        // σ = x + x² = 1 + He₁ + He₂: E[σ(x)σ(y)] = 1 + ρ + 2ρ², E[σ²] = 4, so the normalized kernel is
        // exactly the polynomial k(ρ) = 1/4 + ρ/4 + ρ²/2.
        let polynomial = try Activation(parsing: "x+x^2")
        let f: [ExactReal] = [ExactReal(try Rational(1, 4)), ExactReal(try Rational(1, 4)), ExactReal(try Rational(1, 2))]
        for _ in 0..<3 {
            let d = Int.random(in: 2...20, using: &g)
            let exact = try SphereSpectrum.exactEigenvalues(ofPolynomial: f, dimension: d, maxDegree: 4)
            let p = g.precision(40...200)
            let mu = try KernelSpectrum(activation: polynomial, dimension: d, maxDegree: 4).eigenvalues(precision: p)
            for k in 0...4 { try expectContains(mu[k], exact[k], "μ_\(k)(x+x²) d = \(d) at \(p) bits"); cases += 1 }
        }
        print("containment: sphere spectra, series route: \(cases) cases")
        #expect(cases >= 30)
    }

    /// θ route against the exact arc-cosine eigenvalues (depth 1), and at depth 2 two random precisions.
    @Test func thetaAndExactRoutes() throws {
        var g = SplitMix64(seed: 0x5EED_0008)
        var cases = 0
        for kind in KernelKind.allCases {
            let d = Int.random(in: 2...12, using: &g)
            let exact = try #require(try ArcCosineSpectrum.eigenvalues(kind: kind, dimension: d, maxDegree: 4))
            let p = g.precision(30...90)
            let theta = try ThetaSpectrum(dimension: d, maxDegree: 4, kind: kind, depth: 1).eigenvalues(precision: p)
            for k in 0...4 { try expectContains(theta[k], exact[k], "relu \(kind) μ_\(k) d = \(d), θ route at \(p) bits"); cases += 1 }
            let digits = Int.random(in: 1...25, using: &g)
            let certified = try ThetaSpectrum(dimension: d, maxDegree: 4, kind: kind, depth: 1).certified(digits: digits)
            for k in 0...4 where !exact[k].isZero {
                try expectCorrectlyRounded(certified[k], reference: exact[k].enclosure(precision: 4 * digits + 200), "θ route μ_\(k) to \(digits) digits")
            }
            let deep = try ThetaSpectrum(dimension: d, maxDegree: 3, kind: kind, depth: 2)
            let (p1, p2) = (g.precision(30...90), g.precision(30...90))
            let a = try deep.eigenvalues(precision: p1), b = try deep.eigenvalues(precision: p2)
            for k in 0...3 { expectOverlap(a[k], b[k], "relu \(kind) L = 2 μ_\(k) at \(p1)/\(p2) bits"); cases += 1 }
        }
        print("containment: sphere spectra, θ and exact routes: \(cases) cases")
        #expect(cases >= 15)
    }
}

@Suite struct EvaluationBoundContainment {
    /// The Double evaluators' rigorous error bounds: |Ŝ − S(x)| ≤ bound, with S(x) = Σ c_k P_k(x)
    /// summed exactly in rationals by the basis's own three-term recurrence (x and c_k are Doubles,
    /// hence rationals), for random coefficients, degrees and points.
    @Test func evaluationBounds() throws {
        var g = SplitMix64(seed: 0x5EED_0009)
        var cases = 0
        let bases: [SeriesBasis] = [.monomial, .chebyshev, .hermiteHe, .legendre(dimension: 3), .legendre(dimension: 7)]
        for basis in bases {
            for _ in 0..<24 {
                let n = Int.random(in: 0...24, using: &g)
                let c = (0...n).map { _ in Double.random(in: -1...1, using: &g) * Double(sign: .plus, exponent: Int.random(in: -20...4, using: &g), significand: 1) }
                let range: ClosedRange<Double> = basis == .hermiteHe ? -6...6 : (basis == .monomial ? -1.2...1.2 : -1...1)
                let x = Double.random(in: range, using: &g)
                let evaluator = try SeriesEvaluator(basis: basis, coefficients: c, coefficientsAreRounded: false)
                let (value, bound) = try evaluator.valueWithErrorBound(at: x)
                let X = Rational(exactly: x)!
                var previous = Rational(0), current = Rational(1), sum = Rational(0)
                for k in 0...n {
                    sum += Rational(exactly: c[k])! * current
                    let next: Rational
                    switch basis {
                    case .monomial: next = current * X
                    case .chebyshev: next = k == 0 ? X : 2 * X * current - previous
                    case .hermiteHe: next = X * current - Rational(k) * previous
                    case .legendre(let d): next = k == 0 ? X : (Rational(2 * k + d - 2) * X * current - Rational(k) * previous) / Rational(k + d - 2)
                    default: Issue.record("basis \(basis) not covered"); return
                    }
                    previous = current; current = next
                }
                let error = Rational(exactly: value)! - sum
                #expect((error < 0 ? -error : error) <= Rational(exactly: bound)!, "\(basis) n = \(n) at x = \(x): error \(Double(error)) > bound \(bound)")
                cases += 1
            }
        }
        print("containment: evaluation bounds: \(cases) cases")
        #expect(cases >= 100)
    }
}
