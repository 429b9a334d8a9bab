import Testing
import Foundation
import PrismNumbers
@testable import PrismActivations
@testable import PrismKernels
import _PrismTestSupport

/// ± one unit in the last printed digit of a decimal reference.
private func referenceEnclosure(_ text: String, precision p: Int) throws -> Interval {
    let mantissa = text.split(separator: "e")[0]
    let exponent = text.contains("e") ? Int(text.split(separator: "e")[1])! : 0
    let value = try Rational(parsing: text)
    let fraction = mantissa.split(separator: ".").dropFirst().first?.count ?? 0
    let unit = try Rational(10).power(exponent - fraction)
    return try Interval(lower: Interval(value - unit, precision: p).lower, upper: Interval(value + unit, precision: p).upper)
}

private func fixture(_ name: String) throws -> [[String: Any]] {
    let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent(name)
    return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [[String: Any]]
}

@Suite struct KernelModelTests {
    /// leaky_relu, abs and relu with §9 variances, sign and step, at depth 2–3 (θ route) against an independent mpmath
    /// quadrature of the composed closed forms (Fixtures/generate_arccos_family.py).
    @Test func arcCosineFamilyAgainstMpmath() throws {
        var random = SplitMix64(seed: 0x5EED_0012)
        var groups: [String: [[String: Any]]] = [:]
        for row in try fixture("arccos_family.json") {
            let key = "\(row["activation"]!) \(row["kind"]!) \(row["depth"]!) \(row["dim"]!) \(row["weight_variance"]!) \(row["bias_variance"]!)"
            groups[key, default: []].append(row)
        }
        #expect(groups.count == 9)
        for (key, rows) in groups {
            let first = rows[0]
            let sigma = try Activation(parsing: first["activation"] as! String)
            let kind = KernelKind(rawValue: first["kind"] as! String)!
            var variances: KernelVariances? = nil
            if let w = first["weight_variance"] as? String, let b = first["bias_variance"] as? String {
                variances = try KernelVariances(weight: Rational(parsing: w), bias: Rational(parsing: b))
            }
            let model = try KernelModel(activation: sigma, kind: kind, depth: first["depth"] as! Int, variances: variances)
            let K = rows.map { $0["k"] as! Int }.max()!
            let spectrum = try KernelSpectrum(model: model, dimension: first["dim"] as! Int, maxDegree: K)
            #expect(spectrum.route == ThetaSpectrum.routeName, "\(key)")
            // Step-like kernels have √θ cusps (sign also at π, folded away): every bit costs a level of end pieces.
            let stepLike = ["sign", "step"].contains(first["activation"] as! String)
            let range = stepLike ? 56...80 : 120...199
            let (p1, p2) = (random.precision(range), random.precision(range))
            let (a, b) = (try spectrum.eigenvalues(precision: p1), try spectrum.eigenvalues(precision: p2))
            for row in rows {
                let k = row["k"] as! Int
                let reference = try referenceEnclosure(row["mu"] as! String, precision: 200)
                #expect(a[k].overlaps(b[k]), "\(key) μ_\(k) at \(p1) and \(p2) bits")
                if a[k].isExactZero {
                    // A zero proven by symmetry (abs: odd k); the quadrature's is rounding noise.
                    #expect(reference.magnitude < BigFloat(1e-40, precision: 64), "\(key) μ_\(k) = 0 vs \(row["mu"]!)")
                    continue
                }
                #expect(a[k].overlaps(reference), "\(key) μ_\(k): \(a[k]) vs \(row["mu"]!)")
                if !a[k].isExactZero { #expect(a[k].width < BigFloat(stepLike ? 1e-14 : 1e-30, precision: 64), "\(key) μ_\(k) width") }
            }
        }
    }

    /// exp(βt) against its Bessel closed form, 1/(2−t) against quadrature (Fixtures/generate_dot_product.py).
    @Test func dotProductSpectraAgainstClosedForms() throws {
        let rows = try fixture("dot_product.json")
        var thetaEnclosures: [String: [Interval]] = [:]
        for row in rows {
            let f = try DotProductFunction(parsing: row["f"] as! String)
            let k = row["k"] as! Int, d = row["dim"] as! Int
            let K = rows.filter { $0["f"] as! String == f.text && $0["dim"] as! Int == d }.map { $0["k"] as! Int }.max()!
            let spectrum = try KernelSpectrum(model: KernelModel(dotProduct: f), dimension: d, maxDegree: K)
            let laplace = f.text.contains("sqrt")
            #expect(spectrum.route == (laplace ? ThetaSpectrum.dotProductRouteName : "power series"))
            if laplace {
                // The θ route with endpoint pieces at the cusp: enclosures at 110 bits.
                let key = "\(f.text) \(d)"
                if thetaEnclosures[key] == nil { thetaEnclosures[key] = try spectrum.eigenvalues(precision: 110) }
                let mu = thetaEnclosures[key]![k]
                #expect(mu.overlaps(try referenceEnclosure(row["mu"] as! String, precision: 200)), "\(f.text) d=\(d) μ_\(k): \(mu) vs \(row["mu"]!)")
                #expect(mu.width < BigFloat(1e-30, precision: 64))
                continue
            }
            let value = try spectrum.certified(digits: 30)[k]
            let reference = try referenceEnclosure(row["mu"] as! String, precision: 200)
            let certified = try Interval(lower: BigFloat(Rational(parsing: value.lower), precision: 200, rounding: .down),
                                         upper: BigFloat(Rational(parsing: value.upper), precision: 200, rounding: .up))
            #expect(certified.overlaps(reference), "\(f.text) d=\(d) μ_\(k): \(value.value) vs \(row["mu"]!)")
        }
    }

    /// Depth-1 ReLU layers are exact (rational per-layer eigenvalues print exactly, ties included).
    @Test func depthOneLayersAreExact() throws {
        let spectrum = try KernelSpectrum(activation: .relu, dimension: 3, maxDegree: 8, kind: .ntk, depth: 1)
        let layers = try #require(try spectrum.exactLayerEigenvalues())
        let total = try #require(try spectrum.exactEigenvalues())
        for k in 0...8 { #expect(try layers[0][k] + layers[1][k] == total[k], "κ_0 + κ_1 = Θ at k = \(k)") }
    }

    /// Absolute monotonicity is what the series route's tail needs: proven structurally, refused otherwise.
    @Test func absoluteMonotonicity() throws {
        for (text, expected) in [("exp(2*t)", true), ("1/(2-t)", true), ("(3-t)^(-1/2)", true), ("cosh(t)*t^2+1", true),
                                 ("exp(-t)", false), ("1/(1-t)", false), ("exp(-sqrt(2-2*t))", false), ("sin(t)", false)] {
            #expect(try DotProductFunction(parsing: text).expression.isAbsolutelyMonotone(in: "t") == expected, "\(text)")
        }
        // Not absolutely monotone: the θ route integrates f(cos θ) instead.
        let laplace = try KernelSpectrum(model: KernelModel(dotProduct: DotProductFunction(parsing: "exp(-sqrt(2-2*t))")), dimension: 3, maxDegree: 4)
        #expect(laplace.route == ThetaSpectrum.dotProductRouteName)
    }

    /// Ziv's loop reports a value on a rounding boundary at once instead of running to its cap.
    @Test func tiesStopQuickly() throws {
        let start = Date()
        // 1/8 = 0.125 is a tie between 0.12 and 0.13, known here only through enclosures 1/8 ± 2^{−p}.
        #expect(throws: PrismError.self) {
            try CertifiedValue(digits: 2) { p in
                let eighth = try Rational(1, 8), unit = try Rational(1, 1).dividing(by: Rational(BigInt(2).power(p)))
                return try Interval(lower: Interval(eighth - unit, precision: p + 8).lower, upper: Interval(eighth + unit, precision: p + 8).upper)
            }
        }
        #expect(Date().timeIntervalSince(start) < 5)
    }

    /// §9's depth-1 series agree with the normalized series when the variances normalize them.
    @Test func varianceSeriesReduceToNormalized() throws {
        // erf with σ_w² = 1, q = d: Σ^(1) = t, and E[erf(z)²] = (2/π) arcsin(2/3) ≠ 1, so the kernel is
        // the normalized one times E[σ²] — compare μ_k ratios instead.
        let plain = try KernelSpectrum(activation: .erf, dimension: 3, maxDegree: 5).eigenvalues(precision: 100)
        let model = try KernelModel(activation: .erf, variances: KernelVariances(weight: 1, bias: 0))
        let general = try KernelSpectrum(model: model, dimension: 3, maxDegree: 5).eigenvalues(precision: 100)
        for k in [1, 3, 5] {
            let r1 = try general[k].dividing(by: plain[k]), r3 = try general[1].dividing(by: plain[1])
            #expect(r1.overlaps(r3), "μ_k(general)/μ_k(normalized) is the constant E[erf²] (k = \(k))")
        }
    }
}

@Suite struct NeuralTangentsAgreementTests {
    /// §9's kernels against neural-tangents 0.6.5's `kernel_fn` (float64), generated by
    /// Fixtures/generate_neural_tangents.py: 8 activations × depth 1–3 × NNGP/NTK × three (σ_w², σ_b²)
    /// pairs (bias on and off) × d = 3, 10 × six cosines. Prism's enclosures are certified; the
    /// reference carries float64 rounding (inputs and arithmetic), so the comparison is relative 1e-12.
    /// NT's Sign drops the δ in σ' (its NTK is its NNGP recursion with Σ̇ = 0); Prism refuses that NTK
    /// (σ' is a Dirac delta), so only Sign's NNGP is compared.
    @Test func kernelValuesMatchNeuralTangents() throws {
        let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil)!.appendingPathComponent("neural_tangents_kernels.json")
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let cases = root["cases"] as! [[String: Any]]
        var compared = 0, worst = 0.0
        var activations = Set<String>()
        var evaluators: [String: (Rational) throws -> Interval] = [:]
        for row in cases {
            let name = row["activation"] as! String
            let sigma = try Activation(parsing: name)
            let variances = try KernelVariances(weight: Rational(parsing: row["weight_variance"] as! String),
                                                bias: Rational(parsing: row["bias_variance"] as! String),
                                                norm2: Rational(row["q"] as! Int))
            let t = try Rational(parsing: row["t"] as! String)
            for kind in KernelKind.allCases {
                if kind == .ntk && sigma == .sign { continue }
                // q = d makes Σ^(1) = σ_w² t + σ_b² whatever d is: one series serves both dimensions and both kinds.
                let key = "\(name) \(kind) \(row["depth"]!) \(row["weight_variance"]!) \(row["bias_variance"]!)"
                if evaluators[key] == nil {
                    let model = try KernelModel(activation: sigma, kind: .nngp, depth: row["depth"] as! Int, variances: variances)
                    let both = try model.evaluators(dimension: row["d"] as! Int, precision: 50)
                    for k in KernelKind.allCases { evaluators[key.replacingOccurrences(of: " \(kind) ", with: " \(k) ")] = both[k == .nngp ? 0 : 1] }
                }
                let value = try evaluators[key]!(t)
                let reference = (row[kind.rawValue] as! NSNumber).doubleValue
                let mid = value.lower.double(rounding: .nearest)
                // Relative error, absolute below 1e-2 (kernels vanish at t = 0 for odd σ without bias).
                let error = Swift.abs(mid - reference) / Swift.max(1e-2, Swift.abs(reference))
                worst = Swift.max(worst, error)
                #expect(error < 1e-12, "\(name) \(kind) L=\(row["depth"]!) w=\(row["weight_variance"]!) b=\(row["bias_variance"]!) d=\(row["d"]!) t=\(row["t"]!): Prism \(mid) vs NT \(reference)")
                #expect(value.width.double(rounding: .up) <= 1e-13 * Swift.max(1e-2, Swift.abs(mid)), "the enclosure is narrower than the tolerance")
                compared += 1
                activations.insert(name)
            }
        }
        #expect(activations.count >= 5 && compared >= 1000, "\(compared) values, \(activations.count) activations, worst relative error \(worst)")
    }
}
