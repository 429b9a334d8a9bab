import Testing
@testable import PrismConvolutional
import PrismNumbers
import PrismActivations
import PrismKernels

/// The mean-series route (`MeanSeries`): a first filter spanning the field makes the field kernel the depth-L sphere kernel
/// at the pixels' mean, summed as a power series against exact moments of the mean.
@Suite struct MeanSeriesTests {
    /// One level at odd ζ, where the exact route has closed forms from the piecewise-polynomial density of the mean: the series
    /// (a different algorithm: generating functions of the pixels' moments, a tail bound from E[u^m]) must contain them,
    /// for relu (NNGP, NTK), leaky_relu and step, and meet 2^−p.
    @Test func agreesWithTheExactRoute() throws {
        let cases: [(Activation, Int, Int, KernelKind)] = [(.relu, 3, 4, .nngp), (.relu, 3, 4, .ntk), (.relu, 5, 3, .ntk),
                                                           (try Activation(parsing: "leaky_relu(0.25)"), 3, 4, .ntk), (.step, 3, 4, .nngp)]
        let indices = [[0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0], [2, 0, 0, 0], [2, 1, 0, 0], [3, 0, 0, 0], [1, 1, 1, 1]]
        for (σ, ζ, W, kind) in cases {
            let block = indices.map { Array($0.prefix(W)) }
            let architecture = try ConvolutionalArchitecture(channels: ζ, pixels: W, filters: [W])
            let exact = try ConvolutionalSpectrum(activation: σ, architecture: architecture, indices: block, kind: kind)
            #expect(exact.route == .exact)
            let p = 30
            let series = try MeanSeries(architecture: architecture, activation: σ, kind: kind).eigenvalues(block, precision: p)
            for (k, (e, s)) in zip(block, zip(try exact.enclosures(precision: 120), series)) {
                #expect(s.contains(e), "\(σ.name) ζ = \(ζ) \(kind) \(k): \(s) ∌ \(e)")
                #expect(s.width < BigFloat(1, precision: 64).scaled(byPowerOfTwo: 2 - p))
            }
        }
    }

    /// Even ζ = 4 on three pixels, where the field quadrature (three variables, in the pixels' angles) also applies; and
    /// chains (filters 4,1 and 4,1,1 at ζ = 3: the field quadrature in the mean's angle): sign, whose deep series has enclosed
    /// coefficients because sign is odd, and relu and step, whose truncated compositions give lower bounds with the
    /// deficiency bound D(r)/r^m.
    @Test func agreesWithTheFieldQuadrature() throws {
        let parts = try #require(Activation.relu.arcCosineParts), signParts = try #require(Activation.sign.arcCosineParts)
        let stepParts = try #require(Activation.step.arcCosineParts)
        let cases: [(Activation, ArcCosineParts, Int, Int, [Int], KernelKind, [[Int]])] = [
            (.relu, parts, 4, 3, [3], .ntk, [[0, 0, 0], [0, 0, 1], [1, 1, 0], [2, 0, 0]]),
            (.sign, signParts, 3, 4, [4, 1], .nngp, [[1, 0, 0, 0], [0, 1, 0, 0], [1, 1, 1, 0], [3, 0, 0, 0]]),
            (.relu, parts, 3, 4, [4, 1], .ntk, [[0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0], [2, 0, 0, 0]]),
            (.step, stepParts, 3, 4, [4, 1, 1], .nngp, [[0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0]])]
        for (σ, ψ, ζ, P, filters, kind, indices) in cases {
            let architecture = try ConvolutionalArchitecture(channels: ζ, pixels: P, filters: filters)
            let p = 20
            let route = try MeanSeries(architecture: architecture, activation: σ, kind: kind)
            #expect(route.enclosed == (filters.count == 1 || σ == .sign))
            let series = try route.eigenvalues(indices, precision: p)
            let quadrature = try FieldQuadrature(architecture: architecture, parts: ψ, kind: kind).eigenvalues(indices, precision: p)
            for (k, (s, q)) in zip(indices, zip(series, quadrature)) {
                #expect(s.overlaps(q), "\(σ.name) \(filters) \(k): \(s) vs \(q)")
                #expect(s.width < BigFloat(1, precision: 64).scaled(byPowerOfTwo: 2 - p))
            }
        }
    }

    /// ζ = 4 on eight pixels, one level of size 8: beyond the field quadrature, served by the mean series. Closed form: the odd
    /// part of the ReLU duals is linear (k = u/2 + even, k + u·k̇ = u + even), so λ_{0,…,0,1} = c·E[u·t_8] = c/(8ζ): 1/64
    /// (NNGP), 1/32 (NTK); odd total degrees ≥ 3 are exact zeros; the kernel is symmetric in the pixels; the sum rule's gap
    /// is non-negative.
    @Test func evenFieldOfEightPixels() throws {
        for (kind, expected) in [("nngp", Rational(1) / Rational(64)), ("ntk", Rational(1) / Rational(32))] {
            let indices = [[0, 0, 0, 0, 0, 0, 0, 1], [1, 0, 0, 0, 0, 0, 0, 0], [2, 0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 2, 0, 0, 0, 0],
                           [1, 1, 1, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0]]
            let s = try spectrum(.relu, 4, 8, [8], indices, kind)
            #expect(s.route == .meanSeries)
            #expect(s.routeName.hasPrefix("mean series (the first filter spans the field"))
            #expect(s.provenZero([1, 1, 1, 0, 0, 0, 0, 0]) && !s.provenZero([2, 0, 0, 0, 0, 0, 0, 0]))
            let v = try s.certified(digits: 12)
            let closed = try CertifiedValue(exact: ExactReal(expected), digits: 12)
            #expect(v[0].value == closed.value && v[0].double == closed.double, "\(kind): \(v[0].value)")
            #expect(v[1].value == v[0].value && v[2].value == v[3].value && v[4].exact == "0")
            let rule = try spectrum(.relu, 4, 8, [8], try ConvolutionalArchitecture(channels: 4, pixels: 8, filters: [8]).multiIndices(maxDegree: 2), kind)
                .sumRule(digits: 10)
            #expect(!rule.gap.lower.hasPrefix("-") && rule.partial.double < rule.total.double)
        }
    }

    /// Where the series cannot reach the digits (ζ = 4 on four pixels: E[u^m] ~ m^−6 against the NTK's m^−1/2 tail), Ziv's loop
    /// stops with the limit named.
    @Test func limitsSayWhy() throws {
        let s = try spectrum(.relu, 4, 4, [4], [[2, 0, 0, 0], [1, 1, 0, 0]], "ntk")
        #expect(s.route == .meanSeries)
        do {
            _ = try s.certified(digits: 8)
            Issue.record("ζ = 4, four pixels, NTK at 8 digits was certified")
        } catch PrismError.notCertified(let why) {
            #expect(why.contains("mean series: all 1199 terms (the limit)"), "\(why)")
        }
    }
}
