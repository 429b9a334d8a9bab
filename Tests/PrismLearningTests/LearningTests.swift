import Foundation
import Testing
import PrismNumbers
@testable import PrismKernels
import PrismActivations
@testable import PrismLearning
import _PrismTestSupport

/// The independent references of Fixtures/generate_learning.py (mpmath).
nonisolated(unsafe) private let golden: [String: Any] = {
    let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("learning_golden.json")
    return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
}()

private func decimal(_ s: String) -> BigFloat { BigFloat(try! Rational(parsing: s), precision: 200, rounding: .nearest) }

/// |x − reference| ≤ width(x) + tolerance·|reference|: the enclosure agrees with the reference to its accuracy.
private func agrees(_ x: Interval, _ reference: String, tolerance: Double) -> Bool {
    let r = decimal(reference)
    let p = 200
    let distance = Swift.max(x.lower.subtracting(r, precision: p, rounding: .up), r.subtracting(x.upper, precision: p, rounding: .up))
    guard distance.signum > 0 else { return true }
    return distance.double() <= tolerance * r.magnitude.double()
}

@Suite struct HEATests {
    /// The closed-form Mehler eigenvalues against a Nyström discretisation (which shares nothing with them).
    @Test func exactEigenvaluesAgreeWithNystrom() throws {
        for case let entry as [String: Any] in golden["mehler"] as! [Any] {
            let name = entry["kernel"] as! String
            let w2 = q(String((entry["w2"] as! String).prefix { $0 != "." }))
            let gamma = try Rational(parsing: entry["gamma"] as! String)
            let kernel: HEAKernel = name == "rbf" ? .rbf(widthSquared: w2) : .exponential(widthSquared: w2)
            let mehler = try MehlerEigenvalues(kernel: kernel, covariance: try DataCovariance([gamma]), precision: 160)
            let accuracy = Double(entry["relative_accuracy"] as! String)!
            for (k, reference) in (entry["eigenvalues"] as! [String]).enumerated() {
                let value = try mehler.eigenvalue(ranks: [Int32](repeating: 0, count: k))
                #expect(agrees(value, reference, tolerance: Swift.max(accuracy, 1e-30)), "\(name):\(w2) γ = \(gamma) k = \(k): \(value) vs \(reference)")
            }
        }
    }

    /// c_ℓ = ℓ!·f_ℓ/q^ℓ of the normalized ReLU and erf NNGP against the closed forms' Taylor coefficients.
    @Test func levelCoefficientsAgreeWithClosedForms() throws {
        for case let entry as [String: Any] in golden["levels"] as! [Any] {
            let sigma = try Activation(parsing: entry["activation"] as! String)
            let c = try HEAKernel.activation(try KernelModel(activation: sigma), dimension: 1).levelCoefficients(maxLevel: 12, q: q("3/2"), precision: 160)
            for (l, reference) in (entry["c"] as! [String]).enumerated() {
                if abs(Double(reference)!) < 1e-40 { #expect(c[l].isExactZero, "\(sigma.name) c_\(l)"); continue } // mpmath's rounding noise for a 0
                #expect(agrees(c[l], reference, tolerance: 1e-35), "\(sigma.name) c_\(l): \(c[l]) vs \(reference)")
            }
        }
    }

    /// c_ℓ with a bias and at depth 2 (truncated compositions bound f_m only below; `cosineCoefficients` closes
    /// the gap) against §8's closed forms composed by §9's recursion and differentiated by mpmath
    /// (Fixtures/generate_bias_levels.py): Ziv's loop (as `prism hea --traces` runs it) certifies 25 digits that
    /// agree with the reference (itself accurate to 10⁻³⁰).
    @Test func levelCoefficientsWithBiasAgreeWithClosedForms() throws {
        try checkLevelCoefficients("bias_levels_golden.json", cases: 6, digits: 25, referenceAccuracy: 1e-30, tolerance: 1e-24)
    }

    /// c_ℓ of tanh and erf at depth 2 and 3 with a bias, NNGP and NTK (`DeepKernel.taylorCoefficients`), against
    /// Fixtures/generate_deep_levels.py: Price's theorem and two-dimensional Gaussian quadrature, no Mehler series
    /// (erf also checked there against §8's closed form). Ziv's loop (as `prism hea --traces` runs it) certifies
    /// 20 digits that agree with the reference (itself accurate to 10⁻²⁶ or better).
    @Test func deepLevelCoefficientsWithBiasAgreeWithQuadrature() throws {
        try checkLevelCoefficients("deep_levels_golden.json", cases: 7, digits: 20, referenceAccuracy: 1e-25, tolerance: 1e-19)
    }

    /// Every case of a level-coefficient fixture: c_0…c_8 certified to `digits` by Ziv's loop agree with the reference.
    func checkLevelCoefficients(_ file: String, cases count: Int, digits: Int, referenceAccuracy: Double, tolerance: Double) throws {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(file)
        let cases = (try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any])["cases"] as! [[String: Any]]
        #expect(cases.count == count)
        for entry in cases {
            let covariance = try DataCovariance(parsing: entry["gamma"] as! String)
            let variances = try KernelVariances(weight: q(entry["weight_variance"] as! String), bias: q(entry["bias_variance"] as! String), norm2: covariance.sum)
            let model = try KernelModel(activation: try Activation(parsing: entry["activation"] as! String), kind: KernelKind(rawValue: entry["kernel"] as! String)!,
                                        depth: entry["depth"] as! Int, variances: variances)
            let kernel = HEAKernel.activation(model, dimension: covariance.count)
            let certified = try CertifiedValue.certifyAll(count: 9, digits: digits, precisionCap: 1024) { p in
                try kernel.levelCoefficients(maxLevel: 8, q: covariance.sum, precision: p)
            }
            #expect(Double(entry["relative_accuracy"] as! String)! < referenceAccuracy)
            for (l, reference) in (entry["c"] as! [String]).enumerated() {
                let label = "\(model.name) \(entry["kernel"]!) depth \(model.depth) c_\(l): \(certified[l].value) vs \(reference)"
                #expect(agrees(Interval(decimal(certified[l].value)), reference, tolerance: tolerance), "\(label)")
            }
        }
    }

    /// The recentred coefficients D_j = k^{(j)}(r₀)/j! of `DeepKernel.recentred` for k(ρ) = e^ρ (a_n = 1/n!, Σ a_n = e):
    /// D_j = e^{r₀}/j!, enclosed with the tail bound C(N+1, j) r₀^{N+1−j}·T_N (r₀ = 1/2, N = 40) and with the bound
    /// (1 − r₀)^{−j−1}·T_N where u_n still grows past N (r₀ = 9/10, N = 20, j ≥ 3), and tight when N is large.
    @Test func recentredCoefficientsEncloseTheShiftedSeries() throws {
        let p = 160
        for (r, N, tight) in [(q("1/2"), 40, true), (q("9/10"), 20, false), (q("9/10"), 400, true)] {
            var a: [Interval] = []
            var factorial = Rational(1)
            for n in 0...N { if n > 0 { factorial *= Rational(n) }; a.append(try Interval(1, precision: p).dividing(by: Interval(factorial, precision: p))) }
            let e = try Interval(1, precision: p).applying(.exp)
            let D = try DeepKernel.recentred(a, total: e, at: Interval(r, precision: p), levels: 6)
            factorial = 1
            for j in 0...6 {
                if j > 0 { factorial *= Rational(j) }
                let exact = try Interval(r, precision: p + 64).applying(.exp).dividing(by: Interval(factorial, precision: p + 64))
                #expect(D[j].contains(exact), "r₀ = \(r), N = \(N): D_\(j) = \(D[j]) vs \(exact)")
                if tight { #expect(D[j].accurateBits > 100, "r₀ = \(r), N = \(N): D_\(j) = \(D[j])") }
            }
        }
    }

    /// rbf/exp/laplace level coefficients against their definitions: e^{−q/w²}w^{−2ℓ}, w^{−2ℓ}, and the
    /// first Taylor coefficients of exp(−√(q−t)/w) by hand (q = 1, w = 1: e^{−1}, e^{−1}/2, e^{−1}/4·(1/2 − …)).
    @Test func levelCoefficientsOfRadialKernels() throws {
        let rbf = try HEAKernel(parsing: "rbf:2").levelCoefficients(maxLevel: 3, q: 1, precision: 128)
        let e = try Interval(q("-1/2"), precision: 128).applying(.exp)
        #expect(rbf[3].overlaps(e * Interval(q("1/8"), precision: 128)))
        let laplace = try HEAKernel(parsing: "laplace:1").levelCoefficients(maxLevel: 2, q: 1, precision: 128)
        let inverseE = try Interval(-1, precision: 128).applying(.exp)
        // d/dt e^{−√(1−t)} = e^{−√(1−t)}/(2√(1−t)) → e^{−1}/2 at 0; second derivative e^{−1}(1/4 + 1/4) = e^{−1}/2.
        #expect(laplace[0].overlaps(inverseE))
        #expect(laplace[1].overlaps(inverseE * Interval(q("1/2"), precision: 128)))
        #expect(laplace[2].overlaps(inverseE * Interval(q("1/2"), precision: 128)))
    }

    /// The priority-queue enumeration against sorting every monomial of degree ≤ 40 (D = 5, γ ∝ i^{−1}).
    @Test func enumerationMatchesBruteForce() throws {
        let covariance = try DataCovariance(powerLaw: 5, exponent: 1)
        let spectrum = try HEASpectrum(kernel: .exponential(widthSquared: q("1/2")), covariance: covariance, modes: 40)
        let listing = try spectrum.listing()
        let values = try spectrum.eigenvalues(listing, precision: 128).map { $0.midpoint.double() }
        // Brute force in doubles: λ = 2^ℓ Π γ_i^{α_i}.
        var all: [Double] = []
        func walk(_ start: Int, _ degree: Int, _ value: Double) {
            all.append(value)
            guard degree < 40, value > 1e-3 else { return }
            for i in start..<5 { walk(i, degree + 1, value * 2 * covariance.approximate[i]) }
        }
        walk(0, 0, 1)
        all.sort(by: >)
        #expect(listing.modes.count >= 40)
        for (i, v) in values.prefix(40).enumerated() { #expect(abs(v - all[i]) <= 1e-12 * all[i], "rank \(i + 1): \(v) vs \(all[i])") }
    }

    /// Exact ties at the cut are listed and flagged: γ ∝ 1/i gives γ₂γ₃ = γ₁γ₆ exactly.
    @Test func tiesAtTheCutAreFlagged() throws {
        let covariance = try DataCovariance(powerLaw: 6, exponent: 1)
        let spectrum = try HEASpectrum(kernel: .exponential(widthSquared: 1), covariance: covariance, modes: 1, maxDegree: 2)
        // Find a cut inside the tie group {α = e₂+e₃, e₁+e₆}: list enough modes to reach it.
        var found = false
        for M in 2...30 {
            let listing = try HEASpectrum(kernel: spectrum.kernel, covariance: covariance, modes: M, maxDegree: 2).listing()
            let tied = listing.modes.filter { $0.boundary == "tie" }.map(\.multiIndex)
            if tied.contains("0,1,1") || tied.contains("1,0,0,0,0,1") {
                #expect(Set(tied).isSuperset(of: ["0,1,1", "1,0,0,0,0,1"]), "M = \(M): \(tied)")
                #expect(listing.modes.count > M)
                found = true
            }
        }
        #expect(found)
    }

    /// The non-summable ansatz is detected: laplace and ReLU (finite radius in t), rbf with γ_max ≥ w².
    @Test func nonSummableSpectraAreDetected() throws {
        let gamma = try DataCovariance(parsing: "powerlaw:50,6/5")
        for name in ["laplace:1", "relu", "erf", "rbf:1/10"] {
            let spectrum = try HEASpectrum(kernel: try HEAKernel(parsing: name), covariance: gamma, modes: 100)
            guard case .notSummable = try spectrum.summability() else { Issue.record("\(name) not flagged"); continue }
            #expect(throws: PrismError.self) { try spectrum.listing() }
            // With --max-degree the list exists and says what it is.
            let bounded = try HEASpectrum(kernel: spectrum.kernel, covariance: gamma, modes: 100, maxDegree: 4).listing()
            #expect(bounded.modes.count >= 100 && bounded.modes.allSatisfy { $0.degree <= 4 })
        }
        #expect(try HEASpectrum(kernel: .rbf(widthSquared: 1), covariance: gamma, modes: 10).summability() == .summable)
    }

    /// D = 200, M = 10⁵ (the benchmark's size) enumerates; the level traces sum the eigenvalues of a degree.
    @Test func tracesSumTheLevel() throws {
        let covariance = try DataCovariance([q("1/2"), q("1/3"), q("1/6")])
        let spectrum = try HEASpectrum(kernel: .exponential(widthSquared: 1), covariance: covariance, modes: 10, maxDegree: 2)
        let traces = try spectrum.levelTraces(maxLevel: 2, precision: 128)
        // h_2(1/2, 1/3, 1/6) = Σ_{i≤j} γ_iγ_j = (1 + Σγ²)/2 = (1 + 14/36)/2 = 25/36.
        #expect(traces[2].trace.contains(q("25/36")))
    }
}

@Suite struct EigenlearningTests {
    /// κ, E₀ and L₁ for e^{βt} on S² and S⁹ against mpmath's root of the equation over 400 Bessel eigenvalues,
    /// including κ ≈ 6·10⁻⁴⁵ (n = 1000 on S², ridge 0).
    @Test func exponentialKernelOnSpheres() throws {
        for case let entry as [String: Any] in golden["eigenlearning"] as! [Any] {
            let d = entry["dim"] as! Int
            let beta = q(String((entry["beta"] as! String).prefix { $0 != "." }))
            let ridge = q(entry["ridge"] as! String)
            for case let row as [String: Any] in entry["rows"] as! [Any] {
                let n = Rational(row["n"] as! Int)
                let curve = try LearningCurve(samples: [n], ridge: ridge, targets: [(1, 1)])
                let p = 512
                let prediction = try curve.predictions(precision: p, initialLevels: 16, maxLevels: 200) { p, K in
                    try SphereKernel.exponential(beta: beta, dimension: d, order: 2 * K + 40, precision: p).learningSpectrum(maxDegree: K)
                }[0]
                #expect(agrees(prediction.kappa, row["kappa"] as! String, tolerance: 1e-35), "d = \(d) n = \(n): κ \(prediction.kappa)")
                #expect(agrees(prediction.e0, row["E0"] as! String, tolerance: 1e-35), "d = \(d) n = \(n): E0 \(prediction.e0)")
                #expect(agrees(prediction.learnabilities[0], row["learnability_1"] as! String, tolerance: 1e-35))
                #expect(prediction.kappa.accurateBits > 100, "d = \(d) n = \(n): κ \(prediction.kappa)")
            }
        }
    }

    /// The sum rules of e^{βt}: f(1) = e^β and E_t[f²] = Γ(d/2)(2/(2β))^{d/2−1} I_{d/2−1}(2β) (on S², I₀(2β)),
    /// so d_eff = e^{2β}/I₀(2β); the residual after all degrees ≤ L uses what is left.
    @Test func sumRulesAndEffectiveDimension() throws {
        let k = try SphereKernel.exponential(beta: 1, dimension: 2, order: 80, precision: 160)
        // I₀(2) and e²/I₀(2) from mpmath (besseli)
        let second = try k.secondSumRule()
        #expect(agrees(second, "2.279585302336067267437204440811533353286", tolerance: 1e-30))
        let deff = try k.effectiveDimension()
        #expect(agrees(deff, "3.241403640986153613541418405113119839718", tolerance: 1e-28))
        let residual = try k.effectiveDimension(residualAfter: 3)
        #expect(residual.lower.signum > 0 && residual.upper < deff.lower)
    }

    /// d_eff of the normalized depth-1 ReLU NNGP/NTK from the exact sum rules (`ArcCosineSpectrum.sumRules`),
    /// with and without the degrees ≤ L, against mpmath quadrature (Fixtures/generate_effective_dimension.py); the
    /// series route's enclosure of the first case, [4.4109437585, 4.4109438531] at order 1040, contains it too.
    @Test func effectiveDimensionOfReLUFromExactSumRules() throws {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("effective_dimension_golden.json")
        let cases = (try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any])["cases"] as! [[String: Any]]
        #expect(cases.count == 5)
        for entry in cases {
            let model = try KernelModel(activation: .relu, kind: KernelKind(rawValue: entry["kernel"] as! String)!)
            let d = entry["dim"] as! Int, L = entry["residual_after"] as? Int
            let sums = try #require(try SphereKernel.arcCosineSums(model, dimension: d, residualAfter: L))
            let first = try sums.first.enclosure(precision: 160)
            let deff = try (first * first).dividing(by: try sums.second.enclosure(precision: 160))
            #expect(agrees(deff, entry["d_eff"] as! String, tolerance: 1e-25) && deff.accurateBits > 120, "\(entry): \(deff)")
        }
        #expect(try SphereKernel.arcCosineSums(try KernelModel(activation: .erf), dimension: 3, residualAfter: nil) == nil)
    }

    /// A finite spectrum at ridge 0 with n ≥ its rank has no κ > 0: a domain error, not a guess.
    @Test func finiteRankAtRidgeZero() throws {
        let levels = [LearningSpectrum.Level(label: 0, eigenvalue: Interval(1, precision: 64), multiplicity: BigInt(3))]
        let s = LearningSpectrum(levels: levels, rest: nil)
        #expect(throws: PrismError.self) { try Eigenlearning.predict(s, samples: 3, targets: [(0, 1)], precision: 64) }
        // n = 3/2 of 3 equal modes: 3/(1 + κ) = 3/2, κ = 1 exactly inside the enclosure.
        let x = try Eigenlearning.predict(s, samples: q("3/2"), targets: [(0, 1)], precision: 64)
        #expect(x.kappa.contains(Rational(1)))
        // Huge n with a ridge: κ ≈ δ/n still found (no bracket assumed).
        let big = try Eigenlearning.predict(s, samples: q("1000000000000000000000000000000"), ridge: 1, targets: [(0, 1)], precision: 64)
        #expect(big.kappa.lower.signum > 0 && big.kappa.upper.double() < 1e-29)
    }

    /// Tied rows (one term in the solver's sweep) give the κ of one level with their multiplicity: N = 1000 modes
    /// of λ = 1/1000 at n = 250 have κ = λ(N − n)/n = 3/1000 exactly. And κ far below binary64's range (no
    /// binary64 first guess: the exponent search) is still enclosed: λ = 1 three times, ridge 1, n = 10⁴⁰⁰ gives
    /// 1/κ = n − 3/(1 + κ), so κ(n − 3) = 1 − O(κ²).
    @Test func tiesAndKappaBeyondBinary64() throws {
        let lambda = Interval(q("1/1000"), precision: 128)
        let tied = LearningSpectrum(levels: (0..<1000).map { .init(label: $0, eigenvalue: lambda, multiplicity: BigInt(1)) }, rest: nil)
        let merged = LearningSpectrum(levels: [.init(label: 0, eigenvalue: lambda, multiplicity: BigInt(1000))], rest: nil)
        for s in [tied, merged] {
            let x = try Eigenlearning.predict(s, samples: 250, targets: [(0, 1)], precision: 128)
            #expect(x.kappa.contains(q("3/1000")) && x.kappa.accurateBits > 100, "\(x.kappa)")
        }
        let one = LearningSpectrum(levels: [.init(label: 0, eigenvalue: Interval(1, precision: 128), multiplicity: BigInt(3))], rest: nil)
        let n = try Rational(10).power(400)
        let x = try Eigenlearning.predict(one, samples: n, ridge: 1, targets: [(0, 1)], precision: 128)
        let scaled = x.kappa * Interval(n - 3, precision: 128)
        #expect(scaled.contains(Rational(1)) || (scaled - Interval(1, precision: 128)).magnitude.exponent < -100, "\(scaled)")
        #expect(x.kappa.lower.signum > 0 && x.kappa.upper.exponent < -1300)
    }
}
