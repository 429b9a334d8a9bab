import Testing
@testable import PrismNumbers
import _PrismTestSupport

/// Containment: an enclosure computed at a low random precision must contain the
/// value at sample points computed at a much higher precision (the inclusion principle).
@Suite struct IntervalTests {
    static let domains: [(RealFunction, ClosedRange<Double>)] = [
        (.exp, -50...50), (.log, 1e-6...100), (.log1p, -0.999...50), (.expm1, -40...40), (.sqrt, 0...100),
        (.sin, -100...100), (.cos, -100...100), (.tan, -20...20), (.atan, -100...100),
        (.asin, -1...1), (.acos, -1...1), (.sinh, -30...30), (.cosh, -30...30), (.tanh, -30...30),
        (.erf, -10...10), (.erfc, -10...27), (.gamma, -20...30), (.lgamma, -20...60),
    ]

    @Test(arguments: domains.map(\.0))
    func functionEnclosuresContainHighPrecisionValues(_ f: RealFunction) throws {
        let domain = Self.domains.first { $0.0 == f }!.1
        var g = SplitMix64(seed: UInt64(f.rawValue.hashValue & 0xffff) &+ 7)
        var certified = 0
        let trials = 120
        for _ in 0..<trials {
            let p = Int.random(in: 8...300, using: &g)
            let a = Rational.random(in: domain, using: &g)
            let widthExponent = Int.random(in: -40...0, using: &g)
            let width = Bool.random(using: &g) ? Rational(0) : try Rational(1).power(1) * (try Rational(2).power(widthExponent))
            let b = min(a + width, q(String(domain.upperBound)))
            let x = try Interval(lower: BigFloat(min(a, b), precision: p, rounding: .down), upper: BigFloat(max(a, b), precision: p, rounding: .up))
            let enclosure: Interval
            do { enclosure = try x.applying(f) } catch PrismError.notCertified { continue } catch PrismError.domain { continue }
            certified += 1
            // Sample points: both ends, the midpoint, and a random point.
            var points = [x.lower.rational!, x.upper.rational!, x.midpoint.rational!]
            points.append(x.lower.rational! + (x.upper.rational! - x.lower.rational!) * Rational.random(in: 0...1, using: &g))
            for t in points {
                guard let value = try? Interval(t, precision: 3000).applying(f) else { continue }
                #expect(enclosure.contains(value), "\(f)(\(t)) at \(p) bits: \(enclosure) ∌ \(value)")
            }
        }
        #expect(certified >= trials * 3 / 4, "\(f): only \(certified) of \(trials) intervals enclosed")
    }

    @Test func arithmeticContainsExactRationalResults() throws {
        var g = SplitMix64(seed: 11)
        for _ in 0..<300 {
            let p = Int.random(in: 2...200, using: &g)
            let a = Rational.random(maxDigits: 15, using: &g), b = Rational.random(maxDigits: 15, using: &g)
            let x = Interval(a, precision: p), y = Interval(b, precision: p)
            #expect((x + y).contains(a + b))
            #expect((x - y).contains(a - b))
            #expect((x * y).contains(a * b))
            #expect((-x).contains(-a))
            if !b.isZero, !y.containsZero { #expect(try x.dividing(by: y).contains(a / b)) }
            let n = Int.random(in: -5...7, using: &g)
            if !(n < 0 && a.isZero), let r = try? x.power(n) { #expect(r.contains(try a.power(n))) }
            #expect(x.absoluteValue.contains(a.magnitude))
        }
    }

    @Test func divisionByIntervalsContainingZero() throws {
        let one = Interval(1, precision: 53)
        #expect(throws: PrismError.divisionByZero) { try one.dividing(by: Interval(0, precision: 53)) }
        let straddle = try Interval(lower: BigFloat(-1), upper: BigFloat(1))
        #expect(throws: PrismError.self) { try one.dividing(by: straddle) }
        #expect(try Interval(lower: BigFloat(-2), upper: BigFloat(3)).power(2) == (try Interval(lower: BigFloat(0), upper: BigFloat(9))))
    }

    @Test func nonMonotoneFunctionsIncludeTheirExtrema() throws {
        // sin over [1, 2] contains π/2 where sin = 1; cos over [3, 3.5] contains π where cos = −1.
        let s = try Interval(lower: BigFloat(1), upper: BigFloat(2)).applying(.sin)
        #expect(s.upper == BigFloat(1))
        let c = try Interval(lower: BigFloat(3), upper: BigFloat(3.5)).applying(.cos)
        #expect(c.lower == BigFloat(-1))
        let wide = try Interval(lower: BigFloat(-10), upper: BigFloat(10)).applying(.sin)
        #expect(wide.lower == BigFloat(-1) && wide.upper == BigFloat(1))
        let ch = try Interval(lower: BigFloat(-1), upper: BigFloat(2)).applying(.cosh)
        #expect(ch.lower == BigFloat(1))
        // Γ over [1, 2] contains its minimum near 1.4616.
        let gm = try Interval(lower: BigFloat(1), upper: BigFloat(2)).applying(.gamma)
        #expect(gm.lower < BigFloat(0.8857) && BigFloat(0.8856) < gm.lower)
        #expect(throws: PrismError.self) { try Interval(lower: BigFloat(1.5), upper: BigFloat(1.6)).applying(.tan) }
        #expect(throws: PrismError.self) { try Interval(lower: BigFloat(-2.5), upper: BigFloat(-1.5)).applying(.gamma) }
        #expect(throws: PrismError.self) { try Interval(-3, precision: 53).applying(.gamma) }
    }

    /// Regression: MPFR asserts when asked for the exponent of 0; intervals with a zero endpoint
    /// (found by the interval series tests) must not reach it.
    @Test(arguments: RealFunction.allCases)
    func intervalsWithAZeroEndpoint(_ f: RealFunction) throws {
        for x in [try Interval(lower: BigFloat(0), upper: BigFloat(0.25)), try Interval(lower: BigFloat(-0.25), upper: BigFloat(0)), Interval(0, precision: 64)] {
            do { _ = try x.applying(f) } catch let e as PrismError { #expect(e != .overflow(""), "\(f)") }
        }
    }

    @Test func domainErrorsAndUndecidedArguments() throws {
        #expect(throws: PrismError.domain("log needs an argument > 0")) { try Interval(-1, precision: 53).applying(.log) }
        #expect(throws: PrismError.self) { try Interval(2, precision: 53).applying(.asin) }
        let aroundZero = try Interval(lower: BigFloat(-1e-10), upper: BigFloat(1e-10))
        #expect(throws: PrismError.notCertified("log argument not separated from 0")) { try aroundZero.applying(.log) }
    }

    @Test func gammaMinimumConstantsAreCertified() throws {
        // ψ(x) < 0 left of x₀ and > 0 right of it (MPFR's digamma is correctly rounded, so its sign is exact).
        let x0 = Interval.gammaMinimumPoint(precision: 300)
        func digammaSign(_ x: BigFloat) -> Int { BigFloat.make(precision: 300) { mpfrDigamma($0, x) }.signum }
        #expect(digammaSign(x0.lower) < 0)
        #expect(digammaSign(x0.upper) > 0)
        // Γ ≥ the stored lower bound at both ends of the x₀ enclosure, and the bound is within 1e-55.
        let m = Interval.gammaMinimumValue(precision: 300)
        for x in [x0.lower, x0.upper] {
            let value = try Interval(x).applying(.gamma)
            #expect(m.lower < value.lower)
            #expect(value.lower.subtracting(m.lower, precision: 300, rounding: .up) < BigFloat(1e-55, precision: 300))
        }
    }
}
