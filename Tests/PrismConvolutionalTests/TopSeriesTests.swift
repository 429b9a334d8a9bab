import Testing
@testable import PrismConvolutional
import PrismNumbers
import PrismActivations
import PrismKernels

/// The top-series route (`TopSeries`): the last level's kernel as a power series in the mean of its subtrees' outputs, against
/// the subtrees' moments from one field-quadrature pass with powers.
@Suite struct TopSeriesTests {
    /// Fields the field quadrature also integrates whole (at most three variables): the two routes share no step beyond the
    /// levels' formulas (the field quadrature integrates K over the field; the top series integrates Σⁱ, Θ·Σⁱ over a
    /// subtree and sums the chain's series against generating functions of those moments). Cases: 2,2 on four pixels at ζ = 5
    /// (subtree: one mean variable, or its two pixels), 1,3 on three at ζ = 4 (even ζ; subtree: one pixel), NNGP and NTK, relu and abs;
    /// trailing levels of size 1 above the grouping level (2,2,1 and 1,2,1: a chain of two levels, whose truncated compositions for
    /// relu are only lower bounds widened by `ChainSeries`' Cauchy bound, for the odd sign exact); pixels as the children (3,1 on
    /// three and 2 on two at ζ = 5: their exact moments from connection coefficients).
    @Test func agreesWithTheFieldQuadrature() throws {
        let relu = try #require(Activation.relu.arcCosineParts), abs = try #require(Activation.abs.arcCosineParts)
        let sign = try #require(Activation.sign.arcCosineParts)
        let cases: [(Activation, ArcCosineParts, Int, Int, [Int], KernelKind, [[Int]])] = [
            (.relu, relu, 5, 4, [2, 2], .nngp, [[0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0], [1, 0, 1, 0], [2, 0, 0, 0], [1, 1, 1, 1]]),
            (.relu, relu, 5, 4, [2, 2], .ntk, [[0, 0, 0, 0], [1, 0, 0, 0], [1, 0, 1, 0], [0, 2, 0, 0]]),
            (.abs, abs, 5, 4, [2, 2], .nngp, [[0, 0, 0, 0], [2, 0, 0, 0], [1, 1, 0, 0], [1, 0, 1, 0]]),
            (.relu, relu, 4, 3, [1, 3], .ntk, [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 0, 2]]),
            (.relu, relu, 5, 4, [2, 2, 1], .nngp, [[0, 0, 0, 0], [1, 0, 0, 0], [1, 0, 1, 0], [2, 0, 0, 0]]),
            (.relu, relu, 5, 4, [2, 2, 1], .ntk, [[0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0], [0, 1, 1, 0]]),
            (.sign, sign, 5, 4, [2, 2, 1], .nngp, [[0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 1, 0]]),
            (.relu, relu, 4, 2, [1, 2, 1], .ntk, [[0, 0], [1, 0], [1, 1], [0, 2]]),
            (.relu, relu, 5, 3, [3, 1], .ntk, [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 0, 2]]),
            (.relu, relu, 5, 2, [2], .nngp, [[0, 0], [1, 0], [1, 1], [2, 0]])]
        // The last case again with the subtree's two pixels as its variables (span 1): powers over a two-variable quadrature.
        for (σ, ψ, ζ, P, filters, kind, indices, span) in cases.map({ ($0.0, $0.1, $0.2, $0.3, $0.4, $0.5, $0.6, Int?.none) })
            + [(.relu, relu, 5, 4, [2, 2], .ntk, [[0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0], [0, 1, 1, 0]], 1)] {
            let architecture = try ConvolutionalArchitecture(channels: ζ, pixels: P, filters: filters)
            let p = 24
            let series = try TopSeries(architecture: architecture, activation: σ, kind: kind, span: span).eigenvalues(indices, precision: p)
            let quadrature = try FieldQuadrature(architecture: architecture, parts: ψ, kind: kind).eigenvalues(indices, precision: p)
            for (k, (s, q)) in zip(indices, zip(series, quadrature)) {
                #expect(s.overlaps(q), "\(σ.name) ζ = \(ζ) \(filters) \(kind) \(k): \(s) vs \(q)")
                #expect(s.width < BigFloat(1, precision: 64).scaled(byPowerOfTwo: 2 - p), "\(k): \(s)")
            }
        }
    }

    /// `moments` — a field's output moments E[Σⁱ Π P] and E[Θ Σⁱ Π P] for a top series one level up (the nested route) — against
    /// the field quadrature's moments of the same powers over the whole field, where both apply: 2,2 and 2,2,1 on four pixels
    /// and 2 on two (pixels as the children) at ζ = 5, NNGP and NTK, i ≤ 6. The two share no step beyond the levels' formulas:
    /// the series raises the chain's series to the i-th power against the moments of the mean of two children, the quadrature
    /// integrates Σⁱ over the field.
    @Test func nestedMomentsAgreeWithTheFieldQuadrature() throws {
        let relu = try #require(Activation.relu.arcCosineParts)
        let four = [[0, 0, 0, 0], [1, 0, 0, 0], [1, 1, 0, 0], [1, 0, 1, 0], [0, 2, 0, 0]], two = [[0, 0], [1, 0], [1, 1], [0, 2]]
        for (filters, kind, blocks) in [([2, 2], KernelKind.nngp, four), ([2, 2], .ntk, four), ([2, 2, 1], .ntk, four), ([2], .nngp, two), ([2], .ntk, two)] {
            let architecture = try ConvolutionalArchitecture(channels: 5, pixels: blocks[0].count, filters: filters)
            let P = 6, goal = 24
            let series = try TopSeries(architecture: architecture, activation: .relu, kind: kind).moments(blocks, powers: P, goal: goal)
            let quadrature = try FieldQuadrature(architecture: architecture, parts: relu, kind: kind, powers: P).moments(blocks, precision: goal)
            for (κ, (s, q)) in zip(blocks, zip(series, quadrature)) {
                #expect(s.count == (kind == .nngp ? P : 2 * P + 1) && s.count == q.count)
                for (i, (a, b)) in zip(s, q).enumerated() {
                    #expect(a.overlaps(b), "\(filters) \(kind) \(κ) component \(i): \(a) vs \(b)")
                    #expect(a.width < BigFloat(1, precision: 64).scaled(byPowerOfTwo: 2 - goal), "\(κ) component \(i): \(a)")
                }
            }
        }
    }

    /// `TopSeries.MomentsCache`: subtree moments computed for more powers and a higher goal serve a later pass as slices (the
    /// NTK layout: E[Σⁱ Π P] for i = 1…P, then E[Θ Σⁱ Π P] for i = 0…P), overlapping a fresh computation of fewer powers; a
    /// preview (`cachedOnly`) takes moments of a lower goal only when the goal itself is not cached, and a cache without the
    /// subtree has nothing to give.
    @Test func cachedMomentsAreSlicesOfTheComputed() throws {
        let architecture = try ConvolutionalArchitecture(channels: 5, pixels: 4, filters: [2, 2])
        let blocks = [[0, 0], [1, 0], [1, 1]]
        let cache = TopSeries.MomentsCache()
        let series = try TopSeries(architecture: architecture, activation: .relu, kind: .ntk, cache: cache)
        #expect(throws: TopSeries.MomentsCache.Miss.self) { try series.childMoments(blocks, powers: 4, goal: 20, cachedOnly: true) }
        let wide = try series.childMoments(blocks, powers: 7, goal: 30)
        let cached = try series.childMoments(blocks, powers: 4, goal: 20)
        #expect(throws: TopSeries.MomentsCache.Miss.self) { try series.childMoments(blocks, powers: 4, goal: 20, cachedOnly: true) }
        let preview = try series.childMoments(blocks, powers: 4, goal: 40, cachedOnly: true)
        let fresh = try TopSeries(architecture: architecture, activation: .relu, kind: .ntk).childMoments(blocks, powers: 4, goal: 20)
        for (j, block) in blocks.enumerated() {
            #expect(cached[j].count == 9 && fresh[j].count == 9 && preview[j].count == 9)
            #expect(zip(cached[j], Array(wide[j][0..<4]) + Array(wide[j][7...11])).allSatisfy { $0 == $1 }, "\(block)")
            #expect(zip(preview[j], cached[j]).allSatisfy { $0 == $1 }, "\(block)")
            for (i, (a, b)) in zip(cached[j], fresh[j]).enumerated() { #expect(a.overlaps(b), "\(block) component \(i): \(a) vs \(b)") }
        }
    }

    /// Which fields the top series takes: every filter stack with a filter ≥ 2 (children that are pixels, subtrees the field
    /// quadrature integrates, or subtrees it takes in turn), not one of filters of size 1 only (the theta route's).
    @Test func nestedCoverage() throws {
        for (ζ, P, filters, covered) in [(5, 16, [2, 2, 2, 2], true), (3, 8, [1, 2, 2, 2], true), (3, 64, [2, 2, 2, 2, 2, 2], true),
                                         (4, 8, [2, 2, 2], true), (4, 8, [4, 2], true), (4, 16, [4, 4], true), (4, 4, [4], true),
                                         (4, 4, [1, 1], false)] {
            let architecture = try ConvolutionalArchitecture(channels: ζ, pixels: P, filters: filters)
            #expect(((try? TopSeries(architecture: architecture, activation: .relu, kind: .nngp)) != nil) == covered, "ζ = \(ζ) \(filters)")
        }
        let s = try ConvolutionalSpectrum(activation: .relu, architecture: try ConvolutionalArchitecture(channels: 5, pixels: 16, filters: [2, 2, 2, 2]),
                                          maxDegree: 0, kind: .nngp)
        #expect(s.route == .topSeries)
        #expect(s.routeName.contains("their moments by the same series over their 2 subtrees each, whose moments by one field quadrature over 2 variables"),
                "\(s.routeName)")
    }

    /// `powerMajorant` bounds every Taylor coefficient of every power Σⁱ (1 ≤ i ≤ M) and, for the NTK, Θ·Σⁱ (0 ≤ i ≤ M): checked
    /// against the powers multiplied out, for series near Σ = 1 (C(r) > 1 for every r), away from it, and with signs.
    @Test func powerMajorantBoundsEveryPower() throws {
        typealias Series = FieldQuadrature.Series
        let low = 64, N = 8, M = 40
        func series(_ values: [Double]) -> Series { Series(values.map { Interval(Rational(Int(($0 * 4096).rounded())) / Rational(4096), precision: low) }) }
        let cases = [[0.999, -0.2, 0.3, -0.05, 0.01, 0.002, -0.001, 0.0004, 0.0001],
                     [0.4, 0.3, -0.2, 0.1, 0.05, -0.02, 0.01, 0.005, -0.001],
                     [-0.7, 0.9, 0.5, -0.4, 0.3, 0.2, -0.1, 0.05, 0.02]]
        for (index, values) in cases.enumerated() {
            let sigma = series(values), theta = series(values.map { 2 - $0 })
            for ntk in [false, true] {
                let G = FieldQuadrature.powerMajorant(sigma: sigma, theta: ntk ? theta : nil, powers: M, order: N, precision: low)
                var power = Series(constant: Interval(1, precision: low), order: N)
                for i in 0...M {
                    let candidates = (i >= 1 ? [power] : []) + (ntk ? [try power.multiplied(by: theta)] : [])
                    for c in candidates {
                        for b in 0...N { #expect(!(G[b] < c[b].magnitude), "case \(index), i = \(i), b = \(b): \(G[b]) < \(c[b].magnitude)") }
                    }
                    power = try power.multiplied(by: sigma)
                }
            }
        }
    }

    /// 2,2,2 on eight pixels at ζ = 5: four first-level groups (beyond the field quadrature), served by the top series over
    /// two subtrees of four pixels (one field quadrature over their two means). The kernel is invariant under the tree's
    /// symmetries (swapping the pixels of a group, the groups of a pair, the two halves): overlapping enclosures for equivalent
    /// multi-indices, disjoint ones otherwise; the sum rule's gap K(1…1) − Σ mult·λ is not refuted (its upper end is positive).
    @Test func hierarchicalFieldOfEightPixels() throws {
        let architecture = try ConvolutionalArchitecture(channels: 5, pixels: 8, filters: [2, 2, 2])
        let indices = try architecture.multiIndices(maxDegree: 2)
        let s = try ConvolutionalSpectrum(activation: .relu, architecture: architecture, indices: indices, kind: .nngp)
        #expect(s.route == .topSeries)
        #expect(s.routeName.hasPrefix("top series (the last level's kernel as a power series in the mean of its 2 subtrees' outputs"))
        let p = 30
        let v = try s.enclosures(precision: p)
        func value(_ k: [Int]) throws -> Interval { v[try #require(indices.firstIndex(of: k))] }
        let e1 = try value([1, 0, 0, 0, 0, 0, 0, 0]), pair = try value([1, 1, 0, 0, 0, 0, 0, 0])
        let cousins = try value([1, 0, 1, 0, 0, 0, 0, 0]), distant = try value([1, 0, 0, 0, 1, 0, 0, 0])
        let images = try [[0, 0, 0, 0, 0, 0, 0, 1], [0, 0, 0, 0, 0, 0, 1, 1], [0, 1, 0, 1, 0, 0, 0, 0], [0, 0, 0, 1, 0, 0, 1, 0]].map(value)
        #expect(e1.overlaps(images[0]) && pair.overlaps(images[1]) && cousins.overlaps(images[2]) && distant.overlaps(images[3]))
        #expect(!pair.overlaps(cousins) && !cousins.overlaps(distant) && !e1.overlaps(pair))
        for x in v { #expect(x.width < BigFloat(1, precision: 64).scaled(byPowerOfTwo: 2 - p)) }
        var sum = Interval(0, precision: p + 32)
        for (x, m) in zip(v, try s.multiplicities()) { sum = sum + x * Interval(Rational(m), precision: p + 32) }
        #expect(BigFloat(0, precision: 64) < (Interval(1, precision: p + 32) - sum).upper)
    }

    /// Where the series needs more powers than the limit and cannot reach the digits' bits even at the limit (2,2,2 on eight
    /// pixels at ζ = 3: E[vᵐ] ~ m^−8 against 30 digits) the route says so at once, without computing.
    @Test func limits() throws {
        let deep = try ConvolutionalSpectrum(activation: .relu, architecture: try ConvolutionalArchitecture(channels: 3, pixels: 8, filters: [2, 2, 2]),
                                             indices: [[1, 0, 0, 0, 0, 0, 0, 0]], kind: .nngp)
        #expect(deep.route == .topSeries)
        do {
            _ = try deep.certified(digits: 30)
            Issue.record("30 digits at ζ = 3 should exceed the powers")
        } catch PrismError.notCertified(let why) {
            #expect(why.contains("top series: 2^-") && why.contains("powers of the 2 subtrees' outputs (4 pixels each; limit 1198)"), "\(why)")
        }
    }
}
