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
            #expect(v[0].exact == (kind == "nngp" ? "1/64" : "1/32"))
            #expect(v[1].value == v[0].value && v[2].value == v[3].value && v[4].exact == "0")
            let rule = try spectrum(.relu, 4, 8, [8], try ConvolutionalArchitecture(channels: 4, pixels: 8, filters: [8]).multiIndices(maxDegree: 2), kind)
                .sumRule(digits: 10)
            #expect(!rule.gap.lower.hasPrefix("-") && rule.partial.double < rule.total.double)
        }
    }

    /// One level of degree 1 at total degree 1 is exact on every route (`oneLevelLinear`: the odd part of the field kernel is
    /// c·u): λ = c/(ζqR) with c = 1 − λ_σ/2 (NNGP) or 2 − λ_σ (NTK), and the routes' own enclosures contain it — field
    /// quadrature (two pixels at ζ = 2, leaky_relu(1/4): c = 25/34), mean series (eight at ζ = 4), fields of three with
    /// readouts R = 2 (ζ = 4); step (degree 0, odd part ν·arcsin(u)/π) has none. At 2^−40, which separates c/(ζqR) from any
    /// rational of denominator below 2^20: the field quadrature's enclosures at 2^−60 cost 92 s of CPU here, at 2^−40 32 s.
    @Test func linearRowsAreExact() throws {
        let leaky = try Activation(parsing: "leaky_relu(0.25)")
        let cases: [(Activation, Int, Int, [Int], String, Rational?)] = [
            (leaky, 2, 2, [2], "nngp", Rational(25) / Rational(136)), (.relu, 4, 8, [8], "ntk", Rational(1) / Rational(32)),
            (leaky, 4, 6, [3], "ntk", Rational(25) / Rational(408)), (.step, 2, 2, [2], "nngp", nil)]
        for (σ, ζ, P, filters, kind, expected) in cases {
            var index = [Int](repeating: 0, count: P)
            index[P - 1] = 1
            let s = try spectrum(σ, ζ, P, filters, [index], kind)
            #expect(s.route != .exact)
            #expect(try s.exactValues()[0]?.rational == expected, "\(σ.name) ζ = \(ζ) \(filters) \(kind)")
            if let expected {
                #expect(try s.enclosures(precision: 40)[0].contains(Interval(expected, precision: 200)), "\(σ.name) ζ = \(ζ) \(filters) \(kind)")
            }
        }
    }

    /// One level at even ζ beyond the 1,199 terms of the dual series, where the closed forms of one level go on to 4,000:
    /// ζ = 2 on eight pixels (E[uᵐ] ~ m^−4 against the NNGP's coefficient tail ~ m^−3/2: about 2^−57 at 1,199 terms) and ζ = 4
    /// on four (the NTK: 2^−53), against mpmath's Fourier–Bessel integrals (Fixtures/generate_cntk_bessel.py), a method
    /// Prism does not use: enclosures at 2^−60 and the certified values at 10 digits.
    @Test func evenFieldsPastTheDualSeriesOrder() throws {
        let fixture: BesselFixture = try loadFixture("cntk_bessel_mpmath.json")
        #expect(fixture.relu_one_level_eight_pixels_zeta2.count == 3 && fixture.relu_one_level_four_pixels_zeta4.count == 5)
        for (rows, ζ, W) in [(fixture.relu_one_level_eight_pixels_zeta2, 2, 8), (fixture.relu_one_level_four_pixels_zeta4, 4, 4)] {
            for kind in ["nngp", "ntk"] {
                let mine = rows.filter { $0.kind == kind }
                guard !mine.isEmpty else { continue }
                let s = try spectrum(.relu, ζ, W, [W], mine.map(\.index), kind)
                #expect(s.route == .meanSeries)
                let p = 60
                let enclosures = try s.enclosures(precision: p)
                let certified = try s.certified(digits: 10)
                for (row, (e, v)) in zip(mine, zip(enclosures, certified)) {
                    let reference = try mpmathReference(row.value, relative: "1e-15", absolute: 100 * (try Rational(parsing: row.agree)))
                    #expect(e.overlaps(reference), "ζ = \(ζ) \(kind) \(row.index): \(e) vs \(row.value)")
                    #expect(e.width < BigFloat(1, precision: 64).scaled(byPowerOfTwo: 2 - p))
                    let x = try #require(Double(row.value))
                    #expect(abs(v.double - x) <= 1e-12 * x, "ζ = \(ζ) \(kind) \(row.index): \(v.value) vs \(row.value)")
                }
            }
        }
    }

    /// Where the series cannot reach the digits (ζ = 2 on four pixels: E[uᵐ] ~ m^−2 against the NNGP's m^−3/2 tail, about
    /// 2^−45 at 4,000 terms), Ziv's loop stops with the limit named.
    @Test func limitsSayWhy() throws {
        let s = try spectrum(.relu, 2, 4, [4], [[2, 0, 0, 0], [1, 1, 0, 0]], "nngp")
        #expect(s.route == .meanSeries)
        do {
            _ = try s.certified(digits: 8)
            Issue.record("ζ = 2, four pixels, NNGP at 8 digits was certified")
        } catch PrismError.notCertified(let why) {
            #expect(why.contains("mean series: all 4000 terms (the limit)"), "\(why)")
        }
    }

    /// The closed forms of one level about 0 (`ChainSeries(parts:…)`, any order) and the dual series from the Hermite coefficients
    /// (`DeepKernel`, to 1,199): overlapping enclosures of every coefficient, NNGP and NTK.
    @Test func closedFormsAgreeWithTheDualSeries() throws {
        for σ in [Activation.relu, try Activation(parsing: "leaky_relu(0.25)"), .step] {
            let parts = try #require(σ.arcCosineParts)
            for kind in parts.degree == 1 ? [KernelKind.nngp, .ntk] : [.nngp] {
                let M = DeepKernel.maxOrder - 1
                let closed = try ChainSeries(activation: σ, depth: 1, kind: kind, order: M, precision: 80, centre: 0)
                let dual = try ChainSeries(activation: σ, depth: 1, kind: kind, order: M, precision: 80)
                for (m, (a, b)) in zip(closed.value, dual.value).enumerated() { #expect(a.overlaps(b), "\(σ.name) \(kind) f_\(m): \(a) vs \(b)") }
                for (m, (a, b)) in zip(closed.slope ?? [], dual.slope ?? []).enumerated() { #expect(a.overlaps(b), "\(σ.name) B_\(m): \(a) vs \(b)") }
                #expect(closed.value.count == dual.value.count && (closed.slope?.count ?? 0) >= (dual.slope?.count ?? 0))
            }
        }
        #expect(ChainSeries.maxOrder(depth: 1) == 4000 && ChainSeries.maxOrder(depth: 2) == DeepKernel.maxOrder)
    }
}

/// Fixtures/cntk_bessel_mpmath.json (Fixtures/generate_cntk_bessel.py): mpmath's Fourier–Bessel integrals for one level at
/// even ζ, at two working precisions; `agree` = |high − low| is the reference's error scale (an estimate, not a bound).
private struct BesselFixture: Decodable {
    struct Row: Decodable { let kind: String; let index: [Int]; let value: String; let agree: String }
    let relu_one_level_eight_pixels_zeta2: [Row]
    let relu_one_level_four_pixels_zeta4: [Row]
}
