import Foundation
import Testing
@testable import PrismCLI

@Suite struct AlgebraCommandTests {
    func run(_ args: String...) -> CommandResult { PrismCommand.execute(args) }

    func rows(_ r: CommandResult) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(r.standardOutput.utf8)) as! [String: Any]
        return object["rows"] as! [[String: Any]]
    }

    @Test func taylorRowsAreExact() throws {
        let r = run("taylor", "gelu", "--order", "4", "--format", "json")
        #expect(r.status == 0)
        let rows = try rows(r)
        #expect(rows.count == 5)
        #expect(rows[2]["exact"] as? String == "pi^(-1/2)*2^(1/2)")
        #expect(rows[2]["value"] as? String == "0.797884560802865355879892119869")
        #expect(rows[3]["exact"] as? String == "0" && rows[3]["value"] as? String == "0")
    }

    @Test func polyFamilies() throws {
        #expect(try rows(run("poly", "hermite-he", "--degree", "4", "--format", "json")).map { $0["exact"] as! String } == ["3", "0", "-6", "0", "1"])
        #expect(try rows(run("poly", "hermite-h", "--degree", "3", "--format", "json")).map { $0["exact"] as! String } == ["0", "-12", "0", "8"])
        #expect(try rows(run("poly", "legendre", "--dim", "3", "--degree", "2", "--format", "json")).map { $0["exact"] as! String } == ["-1/2", "0", "3/2"])
        #expect(try rows(run("poly", "chebyshev", "--degree", "3", "--format", "json")).map { $0["exact"] as! String } == ["0", "-3", "0", "4"])
        #expect(try rows(run("poly", "gegenbauer", "--lambda", "1", "--degree", "2", "--format", "json")).map { $0["exact"] as! String } == ["-1", "0", "4"])
    }

    @Test func connectionRowsAreIndexedByMAndL() throws {
        let r = run("connection", "--dim", "3", "--max-degree", "2", "--format", "json")
        let table = try rows(r)
        #expect(table.count == 6)
        let last = table[5]
        #expect((last["index"] as! [String: Int]) == ["m": 2, "l": 2])
        #expect(last["exact"] as? String == "2/3")
        #expect(run("connection", "--dim", "3", "--max-degree", "1", "--format", "csv").standardOutput.hasPrefix("m,l,exact,value,lower,upper,double\n"))
    }

    @Test(arguments: [
        ["taylor", "relu", "--order", "3"], ["taylor", "tanh", "--order", "-3"], ["taylor", "tanh", "--order", "100000"],
        ["taylor", "x*tanh(", "--order", "3"], ["taylor", "tanh"], ["taylor", "nosuch", "--order", "2"],
        ["poly", "hermite-he", "--degree", "-1"], ["poly", "legendre", "--degree", "3"], ["poly", "legendre", "--dim", "1", "--degree", "3"],
        ["poly", "gegenbauer", "--degree", "3"], ["poly", "gegenbauer", "--lambda", "0", "--degree", "3"], ["poly", "laguerre", "--degree", "3"],
        ["poly", "hermite-he", "--degree", "999999999"], ["connection", "--dim", "1", "--max-degree", "3"],
        ["connection", "--dim", "3", "--max-degree", "-2"], ["connection", "--dim", "3", "--max-degree", "100000"],
    ])
    func badInputIsExitTwoWithOneLine(_ args: [String]) {
        let r = PrismCommand.execute(args)
        #expect(r.status == 2, "\(args): \(r)")
        #expect(r.standardOutput.isEmpty)
        #expect(r.standardError.hasPrefix("prism: ") && r.standardError.filter { $0 == "\n" }.count == 1, "\(r.standardError)")
    }

    @Test func errorsSayWhy() {
        #expect(run("taylor", "relu", "--order", "3").standardError.contains("not differentiable at 0"))
        #expect(run("taylor", "x*tanh(", "--order", "3").standardError.contains("position 8"))
    }
}
