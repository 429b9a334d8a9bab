import Testing
@testable import PrismNumbers

@Suite struct ExactRealTests {
    func exact(_ text: String) throws -> ExactReal {
        let value = try ExpressionParser().parse(text).exactValue()
        return try #require(value, "\(text) should be exact")
    }

    @Test func canonicalForms() throws {
        #expect(try exact("1/3+1/6").description == "1/2")
        #expect(try exact("sqrt(8)").description == "2*2^(1/2)")
        #expect(try exact("sqrt(2)*sqrt(2)").description == "2")
        #expect(try exact("sqrt(12)/sqrt(3)").description == "2")
        #expect(try exact("(2*pi)^(-1/2)").description == "1/2*pi^(-1/2)*2^(1/2)")
        #expect(try exact("pi-pi").isZero)
        #expect(try exact("exp(1)*exp(-1)").description == "1")
        #expect(try exact("exp(log2)").description == "2")
        #expect(try exact("log(8*exp(2))").description == "2+3*log2")
        #expect(try exact("(1+sqrt2)^2").description == "3+2*2^(1/2)")
        #expect(try exact("sin(pi/4)").description == "1/2*2^(1/2)")
        #expect(try exact("cos(2*pi/3)").description == "-1/2")
        #expect(try exact("tan(pi/3)").description == "3^(1/2)")
        #expect(try exact("acos(-1/2)").description == "2/3*pi")
        #expect(try exact("gamma(5)").description == "24")
        #expect(try exact("gamma(-1/2)").description == "-2*pi^(1/2)")
        #expect(try exact("(4/9)^(3/2)").description == "8/27")
        #expect(try exact("12^(1/3)").description == "2^(2/3)*3^(1/3)")
    }

    @Test func printParseRoundTrip() throws {
        for text in ["1/2*pi^(-1/2)*2^(1/2)", "e^(1/3)+3*log2", "-2/3*pi^2*euler", "7-5^(1/2)", "2^(2/3)*3^(1/3)*pi^(-1)"] {
            let x = try exact(text)
            #expect(try exact(x.description) == x, "\(text)")
            #expect(x.description == (try exact(x.description)).description)
        }
    }

    @Test func enclosuresContainTheValueAtTwoPrecisions() throws {
        // Arb's test: enclosures at two precisions must overlap, the finer inside the coarse width.
        for text in ["(2*pi)^(-1/2)", "e^(1/3)+3*log2", "2^(2/3)*3^(1/3)*pi^(-1)", "euler*pi-e"] {
            let x = try exact(text)
            let coarse = try x.enclosure(precision: 60), fine = try x.enclosure(precision: 600)
            #expect(coarse.overlaps(fine))
            #expect(coarse.contains(fine.midpoint))
            #expect(fine.accurateBits > 550)
        }
    }

    @Test func invalidExactOperationsThrow() {
        #expect(throws: PrismError.divisionByZero) { try ExpressionParser().parse("pi/(pi-pi)").exactValue() }
        #expect(throws: PrismError.self) { try ExpressionParser().parse("log(0)").exactValue() }
        #expect(throws: PrismError.self) { try ExpressionParser().parse("(-8)^(1/3)").exactValue() }
        #expect(throws: PrismError.self) { try ExpressionParser().parse("gamma(-3)").exactValue() }
        #expect(throws: PrismError.self) { try ExpressionParser().parse("tan(pi/2)").exactValue() }
        #expect(throws: PrismError.self) { try ExpressionParser().parse("asin(2)").exactValue() }
    }

    @Test func notExactIsNil() throws {
        for text in ["sin(1)", "1/(1+sqrt2)", "log(3)", "gamma(1/3)", "pi^pi"] {
            #expect(try ExpressionParser().parse(text).exactValue() == nil, "\(text)")
        }
    }
}
