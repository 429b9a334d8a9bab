import Testing
@testable import PrismNumbers
import _PrismTestSupport

@Suite struct ExpressionParserTests {
    let parser = ExpressionParser()

    @Test func precedenceAndAssociativity() throws {
        func value(_ s: String) throws -> Rational? { try parser.parse(s).exactValue()?.rational }
        #expect(try value("-2^2") == -4)
        #expect(try value("2^3^2") == 512)
        #expect(try value("2^-1") == q("1/2"))
        #expect(try value("1-2-3") == -4)
        #expect(try value("12/3/2") == 2)
        #expect(try value("(1+2)*3") == 9)
        #expect(try value("1+2*3") == 7)
        #expect(try value("2e-3") == q("0.002"))
        #expect(try value("+3") == 3)
        #expect(try value("pow(2, 10)") == 1024)
        #expect(try value("abs(-3/4)") == q("3/4"))
    }

    @Test func errorsNameTheProblemAndItsPosition() {
        let cases: [(String, Int)] = [
            ("erf(", 5), ("2^^3", 3), ("", 1), ("1+", 3), ("(1+2", 5), ("1+2)", 4), ("foo(1)", 1),
            ("y+1", 1), ("2 $ 3", 3), ("sin 1", 1), ("exp(1,2)", 1), ("1..2", 3), ("erf", 1),
        ]
        for (text, position) in cases {
            do {
                _ = try parser.parse(text)
                Issue.record("\(text) parsed")
            } catch PrismError.parse(let message, let p) {
                #expect(p == position, "\(text): \(message) at \(p)")
                #expect(!message.isEmpty)
            } catch {
                Issue.record("\(text): \(error)")
            }
        }
    }

    @Test func variablesOnlyWhereAllowed() throws {
        let withX = ExpressionParser(variables: ["x"])
        #expect(try withX.parse("x*tanh(x)") == .multiply(.variable("x"), .call("tanh", [.variable("x")])))
        #expect(throws: PrismError.self) { try parser.parse("x") }
    }

    @Test func limitsAreEnforced() {
        let deep = String(repeating: "(", count: 500) + "1" + String(repeating: ")", count: 500)
        #expect(throws: PrismError.self) { try parser.parse(deep) }
        #expect(throws: PrismError.self) { try parser.parse(String(repeating: "1+", count: 6000) + "1") }
        #expect(throws: PrismError.self) { try parser.parse("1e9999999") }
    }
}
