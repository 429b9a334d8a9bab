import Testing
import PrismNumbers
import PrismIntegration
@testable import PrismActivations

/// The structural growth bounds |g(u)| ≤ A + B|u| (or A e^{B|u|}) that cut the Gaussian tails of the
/// Hermite integrals, checked against enclosures of g at many points: a bound below |g| anywhere
/// would make every certified Hermite coefficient of g wrong. Covers the derivative and square
/// expressions the deep kernels build from catalogue activations (sigmoid' and softplus² need
/// division by 1 + e^{−x} and log of 1 + eˣ, which are bounded away from 0).
@Suite struct GrowthBoundTests {
    @Test func boundsHoldAtManyPoints() throws {
        var expressions: [Activation] = [Activation.sigmoid, .softplus, .silu, .gelu, .tanh].compactMap { a in a.definition.map { Activation.expression($0, text: a.name) } }
        for a in [Activation.sigmoid, .softplus, .silu] {
            expressions.append(try a.derivative())
            expressions.append(try a.squared())
        }
        for text in ["log(1+x^2)", "x/(2+x^2)", "exp(-x)/(1+exp(-x))^2", "log(1/2+exp(x))", "x^3/(1+x^2)^2", "cosh(x/3)/(1+x^2)"] {
            expressions.append(try Activation(parsing: text))
        }
        for a in expressions {
            let g: Growth
            do { g = try a.growth() } catch { Issue.record("\(a.name): \(error)"); continue }
            guard let e = a.definition else { Issue.record("no expression for \(a.name)"); continue }
            for step in -120...120 {
                let u = Rational(step) / Rational(4) // −30 … 30
                let value = try e.substituting(.number(u)).enclosure(precision: 80).absoluteValue.upper
                let au = u.magnitude
                let bound = g.exponential
                    ? try Interval(g.a, precision: 80) * Interval(g.b * au, precision: 80).applying(.exp)
                    : Interval(g.a + g.b * au, precision: 80)
                #expect(value <= bound.lower, "\(a.name) at \(u): |g| ≤ \(value) exceeds the bound \(g)")
            }
        }
    }

    @Test func unboundedDenominatorsAndLogsAreRefused() throws {
        for text in ["x/(x-1)", "log(x^2)", "1/(1-exp(-x))", "log(exp(x)-1/2)"] {
            #expect(throws: PrismError.self, "\(text)") { try Activation(parsing: text).growth() }
        }
    }
}
