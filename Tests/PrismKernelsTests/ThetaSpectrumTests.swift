import Testing
import PrismNumbers
import PrismActivations
import PrismBases
@testable import PrismKernels

/// mpmath references (a reference, never a bound): the closed-form composed kernel
/// Σ^(ℓ+1) = (sin φ + (π − φ) cos φ)/π with φ = acos Σ^(ℓ), Σ̇^(ℓ+1) = (π − φ)/π, Θ = Σ_ℓ κ_ℓ,
/// integrated against P_k^{(d)}(cos θ) sin^{d−2}θ by mpmath.quad at mp.dps = 50 on 16 equal pieces
/// of [0, π] (`Benchmarks/anchors/spectrum_anchor.py --references` regenerates them).
/// (d, depth, kind, k, μ_k to 45 digits)
private let references: [(Int, Int, KernelKind, Int, String)] = [
    (3, 2, .nngp, 0, "0.54412868833572671500738248594351815458274252"),
    (3, 2, .nngp, 1, "0.107490893739061723028517949558141670428751593"),
    (3, 2, .nngp, 4, "0.000795419787478722294507147677638290586782982461"),
    (10, 3, .nngp, 5, "0.00000357616336575569419991521920421247485471687724"),
    (10, 5, .ntk, 0, "1.8702001966802301895287477460481107380731175"),
    (10, 5, .ntk, 1, "0.0966507250869460643607079223715780662335888441"),
    (10, 5, .ntk, 2, "0.0143937781161848095801311666367734381517998882"),
    (2, 3, .ntk, 4, "0.0520198227414942739947011237533606222610354431"),
]

@Suite struct ThetaSpectrumTests {
    /// Depth 1: the θ route (angle recursion, Fourier moments) contains the exact arc-cosine
    /// eigenvalues, NNGP and NTK, on the circle, S² and S⁹.
    @Test(arguments: [2, 3, 10])
    func depthOneContainsExactEigenvalues(_ d: Int) throws {
        for kind in [KernelKind.nngp, .ntk] {
            let exact = try #require(try ArcCosineSpectrum.eigenvalues(kind: kind, dimension: d, maxDegree: 8))
            let theta = try ThetaSpectrum(dimension: d, maxDegree: 8, kind: kind, depth: 1).eigenvalues(precision: 60)
            for k in 0...8 {
                let value = try exact[k].enclosure(precision: 200)
                #expect(theta[k].contains(value), "\(kind) d = \(d) k = \(k): \(exact[k]) vs \(theta[k])")
                #expect(theta[k].isExactZero || theta[k].width < BigFloat(1).scaled(byPowerOfTwo: -56))
            }
        }
    }

    /// Depths 2, 3 and 5: the enclosures at 64 bits contain the mpmath references (± 10⁻³⁰).
    @Test func deepKernelsContainIndependentReferences() throws {
        var groups: [String: [(Int, String)]] = [:]
        for (d, L, kind, k, value) in references { groups["\(d) \(L) \(kind.rawValue)", default: []].append((k, value)) }
        for (key, rows) in groups {
            let parts = key.split(separator: " ")
            let spectrum = try ThetaSpectrum(dimension: Int(parts[0])!, maxDegree: rows.map(\.0).max()!,
                                             kind: KernelKind(rawValue: String(parts[2]))!, depth: Int(parts[1])!)
            let mu = try spectrum.eigenvalues(precision: 64)
            for (k, value) in rows {
                let reference = try Rational(parsing: value)
                let slack = try Rational(parsing: "1e-30")
                let band = try Interval(lower: BigFloat(reference - slack, precision: 200, rounding: .down),
                                        upper: BigFloat(reference + slack, precision: 200, rounding: .up))
                #expect(mu[k].overlaps(band), "\(key) k = \(k): \(mu[k]) vs mpmath \(value)")
                #expect(mu[k].width < BigFloat(1).scaled(byPowerOfTwo: -60), "\(key) k = \(k): width \(mu[k].width)")
            }
        }
    }

    /// Certified digits are the correctly rounded digits of the mpmath references (depth-3 NTK on
    /// S²: μ_0 = 1.348421133274676275881177953646052908872628, μ_3 = 0.0351710516817425857459005391156362686550030069,
    /// μ_6 = 0.00436505103266134680773702628247658840131103269), at 25 digits.
    @Test func certifiedDigitsMatchReferences() throws {
        let values = try KernelSpectrum(activation: .relu, dimension: 3, maxDegree: 6, kind: .ntk, depth: 3).certified(digits: 25)
        #expect(values[0].value == "1.348421133274676275881178")
        #expect(values[3].value == "0.03517105168174258574590054")
        #expect(values[6].value == "0.004365051032661346807737026")
    }

    /// Sum rule Σ_k N(d,k) μ_k = f(1) = 1 on the circle (depth-2 NNGP): the partial sums stay below
    /// 1 (μ_k ≥ 0) and reach it up to the tail.
    @Test func sumRuleOnTheCircle() throws {
        let K = 40
        let mu = try ThetaSpectrum(dimension: 2, maxDegree: K, kind: .nngp, depth: 2).eigenvalues(precision: 64)
        var partial = Interval(0, precision: 100)
        for k in 0...K {
            #expect(mu[k].upper.signum > 0, "μ_\(k) = \(mu[k]) should be positive")
            partial = partial + mu[k] * Interval(k == 0 ? 1 : 2, precision: 100)
        }
        #expect(partial.upper < BigFloat(1))
        #expect(BigFloat(1) - partial.lower < BigFloat(1).scaled(byPowerOfTwo: -10), "1 − Σ = \(BigFloat(1) - partial.lower)")
    }

    /// Arb-style: enclosures at two precisions overlap, and the finer one is narrower.
    @Test func twoPrecisionsOverlap() throws {
        let spectrum = try ThetaSpectrum(dimension: 3, maxDegree: 6, kind: .nngp, depth: 3)
        let coarse = try spectrum.eigenvalues(precision: 40), fine = try spectrum.eigenvalues(precision: 80)
        for k in 0...6 {
            #expect(coarse[k].overlaps(fine[k]), "k = \(k): \(coarse[k]) vs \(fine[k])")
            #expect(fine[k].width < coarse[k].width)
            #expect(fine[k].width < BigFloat(1).scaled(byPowerOfTwo: -76))
        }
    }

    /// The layer parts κ_ℓ add up to the NTK; at depth 1 the readout κ_1 is the NNGP (exact route).
    @Test func layersAddUpToTheKernel() throws {
        let K = 5
        let layers = try ThetaSpectrum(dimension: 3, maxDegree: K, kind: .ntk, depth: 2).layerEigenvalues(precision: 80)
        let ntk = try ThetaSpectrum(dimension: 3, maxDegree: K, kind: .ntk, depth: 2).eigenvalues(precision: 80)
        #expect(layers.count == 3)
        for k in 0...K {
            let sum = layers[0][k] + layers[1][k] + layers[2][k]
            #expect(sum.overlaps(ntk[k]), "k = \(k): Σ_ℓ \(sum) vs \(ntk[k])")
        }
        let nngp = try #require(try ArcCosineSpectrum.eigenvalues(kind: .nngp, dimension: 5, maxDegree: 4))
        let depthOne = try KernelSpectrum(activation: .relu, dimension: 5, maxDegree: 4, kind: .ntk, depth: 1).layerEigenvalues(precision: 64)
        for k in 0...4 { #expect(depthOne[1][k].contains(try nngp[k].enclosure(precision: 200)), "k = \(k)") }
    }

    /// Routes, and bad input as typed errors.
    @Test func routesAndBadInput() throws {
        #expect(try KernelSpectrum(activation: .relu, dimension: 10, maxDegree: 3, kind: .ntk, depth: 1).route == "exact (arc-cosine moments)")
        #expect(try KernelSpectrum(activation: .relu, dimension: 10, maxDegree: 3, kind: .ntk, depth: 5).route == ThetaSpectrum.routeName)
        #expect(try KernelSpectrum(activation: .relu, dimension: 10, maxDegree: 3, kind: .ntk, depth: 1).exactLayerEigenvalues() != nil) // depth-1 layers are exact
        #expect(try KernelSpectrum(activation: .erf, dimension: 10, maxDegree: 3, kind: .ntk, depth: 3).route == "power series")
        #expect(throws: PrismError.domain("dimension d must be ≥ 2, got 1")) { try ThetaSpectrum(dimension: 1, maxDegree: 3, kind: .nngp, depth: 2) }
        for (d, K, L) in [(2001, 3, 2), (3, 301, 2), (3, -1, 2), (3, 3, 0), (3, 3, 21)] {
            #expect(throws: PrismError.self) { try ThetaSpectrum(dimension: d, maxDegree: K, kind: .ntk, depth: L) }
            do { _ = try ThetaSpectrum(dimension: d, maxDegree: K, kind: .ntk, depth: L) } catch let error as PrismError {
                guard case .limitExceeded = error else { Issue.record("\(d) \(K) \(L): \(error)"); continue }
            }
        }
    }
}
