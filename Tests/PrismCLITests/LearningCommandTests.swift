import Foundation
import Testing
@testable import PrismCLI

@Suite struct LearningCommandTests {
    func run(_ args: String...) -> CommandResult { PrismCommand.execute(args) }
    func json(_ r: CommandResult) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(r.standardOutput.utf8)) as! [String: Any]
    }

    @Test func heaRowsAndExactRationals() throws {
        let h = try json(run("hea", "exp:1", "--gamma", "1/4,1/8,1/16", "--modes", "5", "--exact", "--digits", "10", "--format", "json"))
        let rows = h["rows"] as! [[String: Any]]
        #expect(rows.map { $0["alpha"] as! String } == ["0", "1", "0,1", "0,0,1", "2"])
        #expect(rows[1]["exact"] as? String == "1/4" && rows[1]["degree"] as? Int == 1)
        #expect(rows[0]["exact_eigenvalue"] as? String == "1.045646274") // 1.04564627366… (Nyström reference in PrismLearningTests)
        #expect((h["parameters"] as! [String: Any])["summability"] as? String == "summable")
    }

    @Test func nonSummableAndBadInput() throws {
        let r = run("hea", "laplace:1", "--gamma", "powerlaw:10,1", "--modes", "5")
        #expect(r.status == 1 && r.standardOutput.isEmpty && r.standardError.contains("not summable"))
        #expect(run("hea", "rbf:0", "--gamma", "1").status == 2)
        #expect(run("hea", "rbf:1", "--gamma", "1,-1").status == 2)
        #expect(run("learn", "erf", "--dim", "3", "--n", "0", "--target", "1:1").status == 2)
        #expect(run("learn", "erf", "--dim", "3", "--n", "10", "--target", "1").status == 2)
    }

    @Test func learnFromKernelAndFromFile() throws {
        let direct = try json(run("learn", "--dot-product", "exp(2*t)", "--dim", "10", "--n", "1,50", "--target", "1:1", "--digits", "10", "--format", "json"))
        let rows = direct["rows"] as! [[String: Any]]
        // κ for n = 50 against the mpmath reference of PrismLearningTests (0.07280029388013876868…).
        #expect(((rows[1]["kappa"] as! [String: Any])["value"] as! String) == "0.07280029388")
        // A spectrum file is the whole spectrum: μ_0 = 1 with multiplicity 3 gives κ = 1 at n = 3/2.
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("prism-learn-\(getpid()).json")
        try #"{"rows": [{"index": 0, "lower": "1", "upper": "1", "multiplicity": "3"}]}"#.write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let f = try json(run("learn", "--spectrum", file.path, "--n", "3/2", "--target", "0:1", "--format", "json"))
        #expect((((f["rows"] as! [[String: Any]])[0]["kappa"] as! [String: Any])["value"] as! String) == "1")
        #expect(run("learn", "--spectrum", file.path, "--n", "3", "--target", "0:1").status == 2)
    }

    @Test func effectiveDimensionRow() throws {
        let s = try json(run("spectrum", "erf", "--dim", "3", "--degree", "1", "--effective-dimension", "--digits", "12", "--format", "json"))
        let last = (s["rows"] as! [[String: Any]]).last!
        #expect(last["index"] as? String == "d_eff" && (last["value"] as! String).hasPrefix("3.24255517727"))
        #expect(run("spectrum", "erf", "--dim", "3", "--degree", "1", "--residual-after", "1").status == 2)
    }
}

@Suite struct LearningPlotTests {
    @Test func heaAndLearningCurveFigures() throws {
        let dir = FileManager.default.temporaryDirectory
        let hea = dir.appendingPathComponent("prism-hea-\(getpid()).svg"), curve = dir.appendingPathComponent("prism-lc-\(getpid()).svg")
        defer { try? FileManager.default.removeItem(at: hea); try? FileManager.default.removeItem(at: curve) }
        let a = PrismCommand.execute(["plot", "hea", "exp:1", "--gamma", "1/4,1/8", "--degree", "4", "--modes", "10", "--output", hea.path])
        #expect(a.status == 0)
        #expect(try String(contentsOf: hea, encoding: .utf8).contains("exact (Mehler)"))
        let b = PrismCommand.execute(["plot", "learning-curve", "erf", "--dim", "3", "--degree", "64", "--n", "1,10,100", "--target", "1:1,3:1",
                                      "--output", curve.path])
        #expect(b.status == 0)
        #expect(try String(contentsOf: curve, encoding: .utf8).contains("k = 3"))
        #expect(PrismCommand.execute(["plot", "hea", "exp:1", "--degree", "4", "--output", hea.path]).status == 2)
    }
}
