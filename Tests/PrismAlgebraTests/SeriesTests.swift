import Testing
import PrismNumbers
@testable import PrismAlgebra
import _PrismTestSupport


extension SplitMix64 {
    mutating func rational() -> Rational { rational(numerators: -50...50, denominators: 1...20) }
    mutating func polynomial(degree: Int) -> Polynomial<Rational> { Polynomial((0...degree).map { _ in rational() }) }
}

@Suite struct PolynomialTests {
    @Test func ringOperationsAgreeWithEvaluation() throws {
        var g = SplitMix64(seed: 1)
        for _ in 0..<100 {
            let p = g.polynomial(degree: Int.random(in: 0...8, using: &g)), r = g.polynomial(degree: Int.random(in: 0...8, using: &g))
            let x = g.rational()
            #expect(try p.multiplied(by: r).evaluate(at: x) == p.evaluate(at: x) * r.evaluate(at: x))
            #expect(try p.adding(r).evaluate(at: x) == p.evaluate(at: x) + r.evaluate(at: x))
            #expect(try p.composed(with: r).evaluate(at: x) == p.evaluate(at: r.evaluate(at: x)))
            // Product rule and ∫ then d/dx.
            #expect(try p.multiplied(by: r).derivative() == p.derivative().multiplied(by: r).adding(p.multiplied(by: r.derivative())))
            #expect(try p.integral().derivative() == p)
            if !r.isZero {
                let (quotient, remainder) = try p.divided(by: r)
                #expect(try quotient.multiplied(by: r).adding(remainder) == p)
                #expect(remainder.degree < r.degree)
            }
        }
    }

    @Test func intervalEvaluationEnclosesExactValue() throws {
        var g = SplitMix64(seed: 2)
        for _ in 0..<100 {
            let p = g.polynomial(degree: 12), x = g.rational()
            let precision = Int.random(in: 20...120, using: &g)
            let enclosure = try p.map { Interval($0, precision: precision) }.evaluate(at: Interval(x, precision: precision))
            #expect(enclosure.contains(try p.evaluate(at: x)))
        }
    }

    @Test func zeroPolynomialAndDivisionByZero() {
        let zero = Polynomial<Rational>([0, 0])
        #expect(zero.isZero && zero.degree == -1)
        #expect(throws: PrismError.divisionByZero) { try Polynomial<Rational>([1, 2]).divided(by: zero) }
    }
}

@Suite struct PowerSeriesTests {
    let N = 25
    var x: PowerSeries<Rational> { .variable(order: N, like: 0) }

    @Test func expOfLogIsIdentity() throws {
        let onePlusX = try x.adding(constant: 1)
        #expect(try onePlusX.log().exp() == onePlusX)
        #expect(try x.exp().log() == x)
    }

    @Test func hyperbolicAndCircularIdentities() throws {
        let (sh, ch) = try x.sinhCosh()
        #expect(try x.applying(.tanh) == sh.dividing(by: ch))
        let (s, c) = try x.sinCos()
        #expect(try s.multiplied(by: s).adding(c.multiplied(by: c)) == PowerSeries(constant: 1, order: N))
        #expect(try x.applying(.tan) == s.dividing(by: c))
        #expect(try x.applying(.tan).applying(.atan) == x)
        #expect(try x.applying(.sin).applying(.asin) == x)
        // sigmoid(x) = (1 + tanh(x/2))/2
        let half = try x.scaled(by: q("1/2"))
        #expect(try x.sigmoid() == half.applying(.tanh).adding(constant: 1).scaled(by: q("1/2")))
    }

    @Test func powersAndRoots() throws {
        let g = try x.adding(constant: 8).adding(x.multiplied(by: x).scaled(by: 3))
        let square = try g.multiplied(by: g)
        #expect(try square.power(q("1/2")) == g)
        #expect(try g.power(q("2/3")).multiplied(by: g.power(q("1/3"))) == g)
        #expect(try g.power(-2).multiplied(by: g).multiplied(by: g) == PowerSeries(constant: 1, order: N))
        #expect(try x.power(3) == PowerSeries((0...N).map { $0 == 3 ? Rational(1) : Rational(0) }))
        #expect(throws: PrismError.self) { try x.power(q("1/2")) }
    }

    @Test func compositionIsAssociative() throws {
        var rng = SplitMix64(seed: 3)
        for _ in 0..<10 {
            let f = PowerSeries((0...12).map { _ in rng.rational() })
            let g = PowerSeries([0] + (1...12).map { _ in rng.rational() })
            let h = PowerSeries([0] + (1...12).map { _ in rng.rational() })
            #expect(try f.composed(with: g).composed(with: h) == f.composed(with: g.composed(with: h)))
        }
        #expect(throws: PrismError.self) { try x.composed(with: x.adding(constant: 1)) }
    }

    @Test func erfSeriesOverExactReals() throws {
        // erf(x) = (2/√π) Σ (−1)^n x^{2n+1} / (n! (2n+1))
        let e = try PowerSeries<ExactReal>.variable(order: 9, like: ExactReal(0)).applying(.erf)
        let twoOverRootPi = try ExactReal(2) * ExactReal(.pi).power(q("-1/2"))
        for n in 0...4 {
            let c = try ExactReal(Rational((n % 2 == 0 ? 1 : -1)) / Rational(BigInt.factorial(n) * BigInt(2 * n + 1))) * twoOverRootPi
            #expect(try (e[2 * n + 1] - c).isZero)
            #expect(e[2 * n].isZero)
        }
    }

    @Test func intervalSeriesContainExactSeries() throws {
        // Containment: the series engine over intervals at a random precision encloses the
        // exact rational series of the same function.
        var rng = SplitMix64(seed: 4)
        for f in [RealFunction.exp, .sin, .cos, .tanh, .atan, .tan, .sinh] {
            let p = Int.random(in: 30...200, using: &rng)
            let exact = try x.applying(f)
            let enclosed = try PowerSeries<Interval>.variable(order: N, like: Interval(0, precision: p)).applying(f)
            for k in 0...N { #expect(enclosed[k].contains(exact[k]), "\(f) coefficient \(k) at \(p) bits") }
        }
        // With an irrational constant term: exp(1 + x) has coefficients e/k!.
        let shifted = try PowerSeries<Interval>.variable(order: 10, like: Interval(0, precision: 100)).adding(constant: Interval(1, precision: 100)).exp()
        let e = try ExactReal(.e).enclosure(precision: 400)
        var factorial = Rational(1)
        for k in 0...10 {
            if k > 0 { factorial *= Rational(k) }
            #expect(shifted[k].overlaps(try e.dividing(by: Interval(factorial, precision: 400))))
        }
    }

    @Test func doubleSeriesWithinAFewUlps() throws {
        let d = try PowerSeries<Double>.variable(order: 20, like: 0).exp()
        var factorial = 1.0
        for k in 0...20 {
            if k > 0 { factorial *= Double(k) }
            #expect(abs(d[k] - 1 / factorial) <= 8 * (1 / factorial).ulp, "k = \(k)")
        }
    }
}

