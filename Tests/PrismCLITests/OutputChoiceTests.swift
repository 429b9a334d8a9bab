import Foundation
import Testing
@testable import PrismCLI

/// Issue 16.12: `--columns`, integer multiplicities, Taylor coefficients, and `emit` for spectra, layers
/// and dual series (each emitted array holds exactly the doubles of the command it names).
@Suite struct OutputChoiceTests {
    func run(_ args: [String]) -> CommandResult { PrismCommand.execute(args) }

    func rows(_ args: [String]) throws -> [[String: Any]] {
        let r = run(args + ["--format", "json"])
        #expect(r.status == 0, "\(args): \(r.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(r.standardOutput.utf8)) as! [String: Any]
        return object["rows"] as! [[String: Any]]
    }

    /// `emit --lang json` prints the rows itself (no --format).
    func emitRows(_ emit: [String]) throws -> [[String: Any]] {
        let r = run(["emit"] + emit + ["--lang", "json"])
        #expect(r.status == 0, "\(emit): \(r.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(r.standardOutput.utf8)) as! [String: Any]
        return object["rows"] as! [[String: Any]]
    }

    @Test func columnsSelectAndOrderFields() throws {
        #expect(run(["spectrum", "relu", "--dim", "3", "--degree", "2", "--columns", "multiplicity,index,exact", "--format", "csv"]).standardOutput
                == "multiplicity,index,exact\n1,0,3/8\n3,1,1/6\n5,2,3/128\n")
        let json = try rows(["connection", "--dim", "3", "--max-degree", "1", "--columns", "index,double"])
        #expect(json.count == 3 && Set(json[1].keys) == ["index", "double"])
        #expect(run(["connection", "--dim", "3", "--max-degree", "1", "--columns", "l,value", "--format", "csv"]).standardOutput == "l,value\n0,1\n0,0\n1,1\n")
        let text = run(["eval", "pi", "--digits", "5", "--columns", "value"])
        #expect(text.standardOutput == "value  3.1416\n")
        for bad in [["eval", "pi", "--columns", "foo"], ["eval", "pi", "--columns", "value,value"], ["eval", "pi", "--columns", ""],
                    ["eval", "pi", "--columns", "multiplicity"]] {
            let r = run(bad)
            #expect(r.status == 2 && r.standardOutput.isEmpty, "\(bad)")
        }
    }

    @Test func multiplicitiesAreJSONIntegers() throws {
        let json = try rows(["spectrum", "relu", "--dim", "10", "--degree", "3"])
        #expect(json.map { $0["multiplicity"] as? Int } == [1, 10, 54, 210])
    }

    /// sin: σ^(k)(0)/k! = 0, 1, 0, −1/6, 0, 1/120; the coefficients are the derivatives over k!.
    @Test func taylorCoefficients() throws {
        let c = try rows(["taylor", "sin", "--order", "5", "--coefficients"]).map { $0["exact"] as? String }
        #expect(c == ["0", "1", "0", "-1/6", "0", "1/120"])
        let d = try rows(["taylor", "exp", "--order", "4"]).map { $0["exact"] as? String }
        let e = try rows(["taylor", "exp", "--order", "4", "--coefficients"]).map { $0["exact"] as? String }
        #expect(d == ["1", "1", "1", "1", "1"] && e == ["1", "1", "1/2", "1/6", "1/24"])
    }

    @Test(arguments: [
        (["relu", "--what", "spectrum", "--dim", "3", "--degree", "4"], ["spectrum", "relu", "--dim", "3", "--degree", "4"]),
        (["erf", "--what", "spectrum", "--dim", "5", "--degree", "3", "--kernel", "ntk"], ["spectrum", "erf", "--dim", "5", "--degree", "3", "--kernel", "ntk"]),
        (["relu", "--what", "layers", "--dim", "3", "--degree", "2"], ["layers", "relu", "--dim", "3", "--degree", "2"]),
        (["erf", "--what", "dual", "--degree", "5"], ["kernel", "erf", "--degree", "5", "--series", "dual"]),
        (["tanh", "--what", "dual-derivative", "--degree", "4"], ["kernel", "tanh", "--degree", "4", "--series", "dual-derivative"]),
        (["sin", "--what", "ntk-first-layer", "--degree", "4"], ["kernel", "sin", "--degree", "4", "--series", "ntk-first-layer"]),
        (["tanh", "--what", "taylor-coefficients", "--degree", "6"], ["taylor", "tanh", "--order", "6", "--coefficients"]),
    ])
    func emittedValuesAreTheCommandsValues(_ emit: [String], _ command: [String]) throws {
        let emitted = try emitRows(emit).map { $0["double"] as? String }
        let expected = try rows(command).map { $0["double"] as? String }
        #expect(emitted == expected && !expected.isEmpty)
        let python = run(["emit"] + emit + ["--lang", "python"])
        #expect(python.status == 0 && python.standardOutput.contains("_DECIMAL"), "\(python.standardError)")
    }

    @Test func emitOptionsMustFitWhat() {
        for args in [["emit", "relu", "--what", "spectrum", "--degree", "3", "--lang", "c"],
                     ["emit", "relu", "--what", "taylor", "--degree", "3", "--lang", "c", "--depth", "2"],
                     ["emit", "relu", "--what", "hermite", "--degree", "3", "--lang", "c", "--kernel", "ntk"]] {
            let r = run(args)
            #expect(r.status == 2 && r.standardError.split(separator: "\n").count == 1, "\(args)")
        }
    }
}
