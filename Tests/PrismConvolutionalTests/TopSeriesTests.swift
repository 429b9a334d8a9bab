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
        let cases = [([2, 2], KernelKind.nngp, four, Rational(0)), ([2, 2], .ntk, four, 0), ([2, 2, 1], .ntk, four, 0), ([2], .nngp, two, 0), ([2], .ntk, two, 0),
                     ([2, 2], .nngp, four, Rational(1) / Rational(2)), ([2, 2], .ntk, four, Rational(1) / Rational(2)), ([2], .ntk, two, Rational(5) / Rational(16))]
        for (filters, kind, blocks, centre) in cases {
            let architecture = try ConvolutionalArchitecture(channels: 5, pixels: blocks[0].count, filters: filters)
            let P = 6, goal = 24
            let series = try TopSeries(architecture: architecture, activation: .relu, kind: kind).moments(blocks, powers: P, goals: [Int](repeating: goal, count: P + 1), centre: centre)
            let quadrature = try FieldQuadrature(architecture: architecture, parts: relu, kind: kind, powers: P, centre: centre).moments(blocks, precision: goal)
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
        func goals(_ goal: Int, powers P: Int) -> [Int] { [Int](repeating: goal, count: P + 1) }
        #expect(throws: TopSeries.MomentsCache.Miss.self) { try series.childMoments(blocks, powers: 4, goals: goals(20, powers: 4), cachedOnly: true) }
        let wide = try series.childMoments(blocks, powers: 7, goals: goals(30, powers: 7))
        let cached = try series.childMoments(blocks, powers: 4, goals: goals(20, powers: 4))
        #expect(throws: TopSeries.MomentsCache.Miss.self) { try series.childMoments(blocks, powers: 4, goals: goals(20, powers: 4), cachedOnly: true) }
        let preview = try series.childMoments(blocks, powers: 4, goals: goals(40, powers: 4), cachedOnly: true)
        let fresh = try TopSeries(architecture: architecture, activation: .relu, kind: .ntk).childMoments(blocks, powers: 4, goals: goals(20, powers: 4))
        // Per-power goals (`childGoals`): an entry serves a request only where each power's goal is met.
        let other = TopSeries.MomentsCache(), subtree = try #require(series.subtree), one = [[Interval(0, precision: 64), Interval(0, precision: 64)]]
        other.store(subtree, [[0, 0]], one, powers: 2, goals: [30, 30, 12])
        #expect(other.moments(of: subtree, [[0, 0]], powers: 2, goals: [20, 20, 12], ntk: false) != nil)
        #expect(other.moments(of: subtree, [[0, 0]], powers: 2, goals: [20, 20, 20], ntk: false) == nil)
        #expect(other.moments(of: subtree, [[0, 0]], powers: 1, goals: [20, 20], ntk: false) != nil)
        for (j, block) in blocks.enumerated() {
            #expect(cached[j].count == 9 && fresh[j].count == 9 && preview[j].count == 9)
            #expect(zip(cached[j], Array(wide[j][0..<4]) + Array(wide[j][7...11])).allSatisfy { $0 == $1 }, "\(block)")
            #expect(zip(preview[j], cached[j]).allSatisfy { $0 == $1 }, "\(block)")
            for (i, (a, b)) in zip(cached[j], fresh[j]).enumerated() { #expect(a.overlaps(b), "\(block) component \(i): \(a) vs \(b)") }
        }
    }

    /// `ChainSeries`' recentred closed forms, k(c + (1 − c)x) and k̇(c + (1 − c)x): non-negative coefficients, value 1 at x = 1,
    /// partial sums at x = ±1/2 within the geometric tail of the closed forms evaluated directly, and at c = 0 the coefficients
    /// of `DeepKernel` (from the Hermite coefficients, another route).
    @Test func recentredChainAgreesWithTheClosedForms() throws {
        let p = 96, M = 80
        for (σ, kind) in [(Activation.relu, KernelKind.nngp), (.relu, .ntk), (.leakyRelu(Rational(1) / Rational(4)), .ntk), (.step, .nngp)] {
            let parts = try #require(σ.arcCosineParts)
            for c in [Rational(0), Rational(1) / Rational(3), Rational(1) / Rational(2), Rational(19) / Rational(32)] {
                let chain = try ChainSeries(parts: parts, kind: kind, order: M, precision: p, centre: c)
                #expect(chain.value.count == M + 1 && chain.valueAtOne.contains(Rational(1)))
                for coefficient in chain.value + (chain.slope ?? []) { #expect(coefficient.lower.signum >= 0, "\(σ.name) c = \(c): \(coefficient)") }
                for x in [Rational(1) / Rational(2), Rational(-1) / Rational(2)] {
                    let u = BigFloat(c + (1 - c) * x, precision: 64, rounding: .nearest)
                    func partial(_ series: [Interval]) -> Interval {
                        var sum = Interval(0, precision: p), power = Interval(1, precision: p)
                        for a in series { sum = sum + a * power; power = power * Interval(x, precision: p) }
                        return sum
                    }
                    let (k, kdot) = try parts.duals(at: Interval(u))
                    let gap = (partial(chain.value) - k).magnitude
                    #expect(gap < BigFloat(1, precision: 64).scaled(byPowerOfTwo: -55), "\(σ.name) c = \(c) x = \(x): k off by \(gap)")
                    if let slope = chain.slope, let kdot {
                        let gap = (partial(slope) - kdot).magnitude
                        #expect(gap < BigFloat(1, precision: 64).scaled(byPowerOfTwo: -55), "\(σ.name) c = \(c) x = \(x): k̇ off by \(gap)")
                    }
                }
                if c.signum == 0 {
                    let series = try ChainSeries(activation: σ, depth: 1, kind: kind, order: M, precision: p)
                    for (a, b) in zip(chain.value + (chain.slope ?? []), series.value + (series.slope ?? [])) { #expect(a.overlaps(b), "\(σ.name): \(a) vs \(b)") }
                }
            }
        }
    }

    /// The centres (`TopSeries.centre`): 2,2,2 at ζ = 4 expands about 1/2 over its subtrees, whose own series (2,2 on four) about
    /// 85/256 = ⌊256/3⌋/256 over theirs (the field quadrature's; outputs ≥ 0, so c ≤ 1/3); pixels as the children, chains of two levels and abs (not monotone):
    /// about 0; and a nested child's value at its own centre bounds the centre above it (k(85/256) ≈ 0.502).
    @Test func centres() throws {
        func centre(_ σ: Activation, _ ζ: Int, _ P: Int, _ filters: [Int]) throws -> Rational {
            try TopSeries(architecture: try ConvolutionalArchitecture(channels: ζ, pixels: P, filters: filters), activation: σ, kind: .nngp).centre
        }
        #expect(try centre(.relu, 4, 8, [2, 2, 2]) == Rational(1) / Rational(2))
        #expect(try centre(.relu, 4, 4, [2, 2]) == Rational(85) / Rational(256))
        #expect(try centre(.relu, 5, 2, [2]) == 0)
        #expect(try centre(.relu, 5, 8, [2, 2, 2, 1]) == 0)
        #expect(try centre(.abs, 4, 8, [2, 2, 2]) == 0)
        #expect(try centre(.step, 4, 8, [2, 2, 2]) > 0)
    }

    /// `childGoals`: the children's moments of high powers, seen only by the chain's far coefficients (through the binomial
    /// shares of vᵐ), get fewer bits than the first powers, never more than the uniform goal; NNGP and NTK of 2,2,2 at ζ = 4, at
    /// 48 and at 1,150 powers (where the shares of the highest powers underflow, 2^−1151: they get the least goal, 8 bits).
    @Test func childGoalsFallWithThePower() throws {
        for (kind, M) in [(KernelKind.nngp, 48), (.ntk, 48), (.nngp, 1150)] {
            let series = try TopSeries(architecture: try ConvolutionalArchitecture(channels: 4, pixels: 8, filters: [2, 2, 2]), activation: .relu, kind: kind)
            let goal = 51
            let chain = try series.chain(kind, order: M, precision: 96)
            let tail = TopSeries.mass(chain.value[...], atOne: chain.valueAtOne.upper).double(rounding: .up)
            let goals = series.childGoals(chain, tail: tail, order: M, goal: goal)
            let uniform = series.uniformGoal(goal)
            #expect(goals.count == M + 2 && goals.allSatisfy { $0 <= uniform && $0 >= 8 })
            for i in 2...M { #expect(goals[i] <= goals[i - 1] + 1, "\(kind) i = \(i): \(goals[i - 1]) → \(goals[i])") }
            #expect(goals[M + 1] <= goals[1] - 10, "\(kind): \(goals)")
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
            #expect(why.contains("top series: 2^-") && why.contains("powers of the 2 subtrees' outputs (4 pixels each; limit 3999)"), "\(why)")
        }
    }
}
