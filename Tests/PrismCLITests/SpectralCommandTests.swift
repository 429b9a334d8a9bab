import Foundation
import Testing
@testable import PrismCLI

@Suite struct SpectralCommandTests {
    func run(_ args: String...) -> CommandResult { PrismCommand.execute(args) }
    func json(_ r: CommandResult) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.standardOutput.utf8)) as! [String: Any]
    }

    @Test func hermiteAndKernelRows() throws {
        let h = try json(run("hermite", "relu", "--degree", "3", "--format", "json"))
        let rows = h["rows"] as! [[String: Any]]
        #expect(rows[0]["exact"] as? String == "1/2*pi^(-1/2)*2^(1/2)")
        #expect(rows[3]["exact"] as? String == "0")
        #expect((h["parameters"] as! [String: Any])["route"] as? String == "closed form")
        let k = try json(run("kernel", "relu", "--degree", "2", "--format", "json"))
        #expect((k["rows"] as! [[String: Any]])[1]["exact"] as? String == "1/4")
    }

    @Test func spectrumRowsCarryMultiplicities() throws {
        let s = try json(run("spectrum", "erf", "--dim", "3", "--degree", "3", "--digits", "12", "--format", "json"))
        let rows = s["rows"] as! [[String: Any]]
        #expect(rows.map { $0["multiplicity"] as! Int } == [1, 3, 5, 7])
        #expect(rows[0]["exact"] as? String == "0" && rows[2]["exact"] as? String == "0")
        #expect((rows[1]["value"] as! String).hasPrefix("0.320531251183"))
    }

    @Test func layersRowsHaveLayerAndRatio() throws {
        let l = try json(run("layers", "erf", "--dim", "3", "--degree", "1", "--digits", "10", "--format", "json"))
        let rows = l["rows"] as! [[String: Any]]
        #expect(rows.count == 4)
        #expect(rows[3]["layer"] as? Int == 1 && rows[3]["ratio"] as? String == "1")
        #expect(rows[0]["ratio"] is NSNull) // degree 0: the readout eigenvalue is exactly 0 (erf is odd)
    }

    @Test func verifyJSONShape() throws {
        let v = try json(run("verify", "dandi-jacot/theorem-2", "--format", "json"))
        #expect(v["command"] as? String == "verify")
        let claims = v["claims"] as! [[String: Any]]
        #expect(claims[0]["verdict"] as? String == "refuted")
        #expect(claims[0]["corrected_by"] as? String == "dandi-jacot/theorem-2-corrected")
        let evidence = claims[0]["evidence"] as! [[String: Any]]
        #expect(Set(evidence[0].keys) == ["case", "lhs", "rhs", "detail"])
    }

    @Test(arguments: [
        ["hermite", "tanh", "--degree", "3", "--scale", "0"], ["hermite", "tanh", "--degree", "3", "--scale", "-1"],
        ["hermite", "tanh", "--degree", "-3"], ["hermite", "tanh", "--degree", "3", "--basis", "weird"],
        ["hermite", "1/x", "--degree", "2"], ["kernel", "tanh", "--degree", "3", "--alpha", "0"],
        ["kernel", "relu", "--degree", "3", "--expansion", "small-norm"], ["kernel", "tanh", "--degree", "3", "--dim", "0"],
        ["spectrum", "erf", "--dim", "1", "--degree", "3"], ["spectrum", "erf", "--dim", "3", "--degree", "-1"],
        ["spectrum", "erf", "--dim", "3", "--degree", "3", "--depth", "0"], ["spectrum", "step", "--dim", "3", "--degree", "3", "--kernel", "ntk"],
        ["layers", "erf", "--dim", "3", "--degree", "2", "--depth", "99"], ["verify"], ["verify", "no/such-claim"],
    ])
    func badInputIsExitTwo(_ args: [String]) {
        let r = PrismCommand.execute(args)
        #expect(r.status == 2, "\(args): \(r)")
        #expect(r.standardOutput.isEmpty)
        #expect(r.standardError.hasPrefix("prism: ") && r.standardError.filter { $0 == "\n" }.count == 1, "\(r.standardError)")
    }
}
