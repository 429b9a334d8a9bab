import Testing
import PrismNumbers
import PrismAlgebra
@testable import PrismIntegration
import _PrismTestSupport

@Suite struct BisectionTests {
    /// Depth first: a split piece's children, in the order given, come before the next initial piece.
    @Test func visitsDepthFirstInTheOrderGiven() throws {
        var visited: [String] = []
        let initial = Segment.uniform(from: 0, to: 1, count: 2)
        Bisection.run(initial) { piece -> Bisection.Step<Segment> in
            visited.append("\(piece.lower)…\(piece.upper)@\(piece.level)")
            return piece.level == 0 && piece.lower.isZero ? .split(piece.halves(upperFirst: true)) : .accept
        }
        #expect(visited == ["0…1/2@0", "1/4…1/2@1", "0…1/4@1", "1/2…1@0"])
    }

    /// A piece at the deepest level throws instead of splitting; toward a singular end the end's half keeps
    /// its level and the other restarts at 0; shares are proportional to the width.
    @Test func levelsAndShares() throws {
        let deep = Segment(0, q("1/1024"), level: 10)
        #expect(throws: PrismError.self) { try deep.bisected(maxLevel: 10) { "too deep" } }
        #expect(try deep.bisected(maxLevel: 11) { "" }.map(\.level) == [11, 11])
        let atEnd = Segment(q("1/2"), 1, level: 7).halves(towardSingularityAt: 1)
        #expect(atEnd.map(\.level) == [0, 7])
        #expect(atEnd[1].lower == q("3/4"))
        let share = Segment(0, q("1/4")).share(of: BigFloat(1, precision: 64), over: 2, precision: 64)
        #expect(share.rational == q("1/8"))
    }
}

@Suite struct WeightedMomentsTests {
    /// ∫₀^π e^θ cos jθ dθ = ((−1)^j e^π − 1)/(1 + j²) and ∫₀^π e^θ sin jθ dθ = j(1 − (−1)^j e^π)/(1 + j²), at two
    /// random precisions (the moments j = 0 are the plain integral ∫₀^π e^θ dθ = e^π − 1).
    @Test func fourierMomentsOfTheExponential() throws {
        var g = SplitMix64(seed: 0x5EED_0101)
        let J = 12
        for _ in 0..<2 {
            let p = g.precision(40...200)
            let series: (PowerSeries<Interval>) throws -> [PowerSeries<Interval>] = { [try $0.applying(.exp)] }
            let m = try FourierMoments.integrate(components: 1, maxFrequency: J, accuracyBits: p, precision: p + 40, order: 24,
                                                 pieces: 8, atPoint: series, overPiece: series)
            let hp = 2 * p + 200
            let ePi = try Interval.constant(.pi, precision: hp).applying(.exp)
            for j in 0...J {
                let sign = Interval(j % 2 == 0 ? 1 : -1, precision: hp), one = Interval(1, precision: hp)
                let denominator = Interval(1 + j * j, precision: hp)
                let cosine = try (sign * ePi - one).dividing(by: denominator)
                let sine = try (Interval(j, precision: hp) * (one - sign * ePi)).dividing(by: denominator)
                #expect(m.cos[0][j].contains(cosine), "p = \(p), j = \(j): \(m.cos[0][j]) ∌ \(cosine)")
                #expect(m.sin[0][j].contains(sine), "p = \(p), j = \(j): \(m.sin[0][j]) ∌ \(sine)")
                #expect(m.cos[0][j].width < BigFloat(1, precision: 64).scaled(byPowerOfTwo: -p + 4), "p = \(p), j = \(j): \(m.cos[0][j]) too wide")
            }
        }
    }

    /// E[cos(sz) He_n(z)] = E[(d/dz)ⁿ cos(sz)] = (−1)^{n/2} sⁿ e^{−s²/2} for even n, 0 for odd n, at two random
    /// precisions, from the integrator given σ by its series alone.
    @Test func hermiteMomentsOfTheCosine() throws {
        var g = SplitMix64(seed: 0x5EED_0102)
        let s = q("3/2"), N = 10
        let cosine: HermiteIntegrator.Branch = { try $0.applying(.cos) }
        let integrator = HermiteIntegrator(negativeBranch: cosine, positiveBranch: cosine, growth: Growth(a: 1, b: 0, exponential: false),
                                           scaleEnclosure: { Interval(s, precision: $0) }, degree: N)
        var previous: [Interval]? = nil
        for _ in 0..<2 {
            let p = g.precision(40...160)
            let moments = try integrator.moments(precision: p)
            let hp = 2 * p + 200
            let gaussian = try (Interval(-(s * s) / 2, precision: hp)).applying(.exp)
            for n in 0...N {
                let exact = n % 2 == 1 ? Interval(0, precision: hp)
                    : Interval(n % 4 == 0 ? 1 : -1, precision: hp) * (try Interval(s, precision: hp).power(n)) * gaussian
                #expect(moments[n].contains(exact), "p = \(p), n = \(n): \(moments[n]) ∌ \(exact)")
                if let previous { expectOverlap(previous[n], moments[n], "n = \(n)") }
            }
            previous = moments
        }
    }
}

@Suite struct GaussLegendreTests {
    /// The n-point rule integrates x^{2k} over [−1, 1] exactly for 2k ≤ 2n − 1: Σ wᵢ ξᵢ^{2k} ∋ 2/(2k + 1), and the odd
    /// moments ∋ 0; n ≥ 201 is refused.
    @Test func integratesPolynomialsExactly() throws {
        for n in [1, 5, 12] {
            let rule = try GaussLegendre(nodes: n, precision: 120)
            for m in 0..<(2 * n) {
                var sum = Interval(0, precision: 120)
                for (x, w) in zip(rule.nodes, rule.weights) { sum = sum + w * (try x.power(m)) }
                let exact = m % 2 == 1 ? Rational(0) : Rational(2) / Rational(m + 1)
                #expect(sum.contains(exact), "n = \(n), m = \(m): \(sum) ∌ \(exact)")
                #expect(sum.width < BigFloat(1e-30, precision: 64), "n = \(n), m = \(m): \(sum) too wide")
            }
        }
        #expect(throws: PrismError.self) { try GaussLegendre(nodes: 201, precision: 64) }
    }
}
