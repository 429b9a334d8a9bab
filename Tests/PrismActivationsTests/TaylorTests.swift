import Testing
import PrismNumbers
@testable import PrismActivations

@Suite struct TaylorTests {
    @Test func tanhGivesSignedTangentNumbers() throws {
        // tanh^{(2n+1)}(0) = (−1)^n T_{2n+1}, tangent numbers (OEIS A000182).
        let tangent = ["1", "2", "16", "272", "7936", "353792", "22368256", "1903757312", "209865342976", "29088885112832", "4951498053124096"]
        let d = try Activation.tanh.taylorDerivatives(order: 21)
        for (n, t) in tangent.enumerated() {
            let expected = Rational(BigInt(t)!) * (n % 2 == 0 ? 1 : -1)
            #expect(d[2 * n + 1].rational == expected, "tanh^(\(2 * n + 1))(0)")
            #expect(d[2 * n].isZero)
        }
    }

    @Test func exactTypesPerActivation() throws {
        // Integers for tanh, rationals for sigmoid/sin/exp/silu, exact reals with 1/√(2π) for gelu,
        // powers of √(2/π) for gelu_tanh, log 2 for softplus.
        for a in [Activation.tanh, .sigmoid, .sin, .cos, .exp, .silu, .identity, .gaussian, .monomial(7)] {
            for v in try a.taylorDerivatives(order: 30) { #expect(v.rational != nil, "\(a.name)") }
        }
        for v in try Activation.tanh.taylorDerivatives(order: 30) { #expect(v.rational!.isInteger) }
        #expect(try Activation.softplus.taylorDerivatives(order: 2)[0].description == "log2")
        #expect(try Activation.gelu.taylorDerivatives(order: 2)[2].description == "pi^(-1/2)*2^(1/2)")
        #expect(try Activation.erf.taylorDerivatives(order: 1)[1].description == "2*pi^(-1/2)")
        #expect(try Activation.geluTanh.taylorDerivatives(order: 2)[2].description == "pi^(-1/2)*2^(1/2)")
    }

    @Test func identitiesBetweenActivations() throws {
        let N = 30
        let sigmoid = try Activation.sigmoid.taylorCoefficients(order: N)
        let silu = try Activation.silu.taylorCoefficients(order: N)
        let softplus = try Activation.softplus.taylorCoefficients(order: N + 1)
        let tanhHalf = try Activation(parsing: "(1+tanh(x/2))/2").taylorCoefficients(order: N)
        for k in 0...N {
            #expect(try (sigmoid[k] - tanhHalf[k]).isZero, "sigmoid = (1+tanh(x/2))/2 at \(k)")
            // silu = x·sigmoid: c_k(silu) = c_{k−1}(sigmoid)
            #expect(try (silu[k] - (k == 0 ? .zero : sigmoid[k - 1])).isZero)
            // softplus' = sigmoid: (k+1) c_{k+1}(softplus) = c_k(sigmoid)
            #expect(try (softplus[k + 1] * ExactReal(k + 1) - sigmoid[k]).isZero)
        }
        // User expressions may call catalogue activations: mish'(0) = tanh(log 2) = 3/5.
        #expect(try Activation(parsing: "x*tanh(softplus(x))").taylorDerivatives(order: 1)[1].rational == (try Rational(3, 5)))
    }

    @Test(arguments: ["relu", "abs", "step", "sign", "elu", "elu(1/2)", "leaky_relu", "leaky_relu(1/10)", "x*relu(x)", "abs(x)+x"])
    func nonAnalyticActivationsAreErrorsThatSayWhy(_ name: String) throws {
        let a = try Activation(parsing: name)
        do {
            _ = try a.taylorDerivatives(order: 5)
            Issue.record("\(name) produced a Taylor table")
        } catch PrismError.domain(let message) {
            #expect(message.hasPrefix("no Taylor series at 0: ") && message.contains(" is "), "\(message)")
        }
    }

    @Test func parsing() throws {
        #expect(try Activation(parsing: "leaky_relu(1/10)") == .leakyRelu(try Rational(1, 10)))
        #expect(try Activation(parsing: "monomial(3)") == .monomial(3))
        #expect(try Activation(parsing: " tanh ") == .tanh)
        #expect(throws: PrismError.self) { try Activation(parsing: "monomial(-1)") }
        #expect(throws: PrismError.self) { try Activation(parsing: "monomial(1/2)") }
        #expect(throws: PrismError.self) { try Activation(parsing: "") }
        do { _ = try Activation(parsing: "x*tanh(") } catch PrismError.parse(_, let p) { #expect(p == 8) }
        do { _ = try Activation(parsing: "foo") } catch PrismError.parse(let m, let p) { #expect(p == 1 && m.hasPrefix("unknown activation 'foo'; known: identity, relu")) }
        #expect(throws: PrismError.self) { try Activation.tanh.taylorDerivatives(order: -1) }
        #expect(throws: PrismError.self) { try Activation.tanh.taylorDerivatives(order: Activation.maxTaylorOrder + 1) }
    }
}
