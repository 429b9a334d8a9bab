import Foundation
import Testing
@testable import PrismCLI

@Suite struct CNTKCommandTests {
    func run(_ args: String...) -> CommandResult { PrismCommand.execute(args) }

    @Test func exactRowsWithMultiplicities() {
        let r = run("cntk", "relu", "--channels", "3", "--pixels", "2", "--filters", "2", "--max-degree", "2", "--format", "csv")
        #expect(r.status == 0)
        let lines = r.standardOutput.split(separator: "\n")
        #expect(lines[0] == "index,exact,value,lower,upper,double,multiplicity")
        #expect(lines[1].hasPrefix("\"0,0\",5/12-2/9*pi^(-1),0.345931136403602072991607216279"))
        #expect(lines[2].hasPrefix("\"0,1\",1/12,"))
        #expect(lines[2].hasSuffix(",3"))
        #expect(lines.count == 7)
    }

    @Test func jsonNamesTheRouteAndTheSumRule() {
        let r = run("cntk", "relu", "--channels", "3", "--pixels", "4", "--filters", "2", "--max-degree", "2", "--kernel", "ntk",
                    "--sum-rule", "--format", "json")
        #expect(r.status == 0)
        #expect(r.standardOutput.contains("\"route\": \"exact"))
        #expect(r.standardOutput.contains("{\"index\": \"0,1,1,0\", \"exact\": \"0\", \"value\": \"0\""))
        #expect(r.standardOutput.contains("\"index\": \"gap\""))
    }

    @Test func decayRays() {
        let r = run("cntk", "relu", "--channels", "3", "--pixels", "2", "--filters", "2", "--max-degree", "8", "--decay", "--format", "csv")
        #expect(r.status == 0)
        #expect(r.standardOutput.hasPrefix("index,exact,value,lower,upper,double,ray,total_degree,exponent\n"))
        #expect(r.standardOutput.contains(",diagonal,8,"))
        #expect(r.standardOutput.contains("\"7,1\""))
    }

    @Test func badInputAndNotCertifiable() {
        let bad = run("cntk", "relu", "--channels", "3", "--pixels", "5", "--filters", "2", "--max-degree", "2")
        #expect(bad.status == 2 && bad.standardOutput.isEmpty && bad.standardError.contains("divide"))
        let filters = run("cntk", "relu", "--channels", "3", "--pixels", "4", "--filters", "2,x", "--max-degree", "2")
        #expect(filters.status == 2 && filters.standardError.contains("--filters"))
        let negative = run("cntk", "relu", "--channels", "3", "--pixels", "2", "--filters", "2", "--max-degree", "-1")
        #expect(negative.status == 2 && negative.standardOutput.isEmpty)
        let deep = run("cntk", "relu", "--channels", "4", "--pixels", "4", "--filters", "2,2", "--max-degree", "2")
        #expect(deep.status == 1 && deep.standardOutput.isEmpty && deep.standardError.contains("could not certify"))
    }

    @Test func arcCosineFamilyRoutes() {
        let abs = run("cntk", "abs", "--channels", "3", "--pixels", "2", "--filters", "2", "--max-degree", "1", "--format", "json")
        #expect(abs.status == 0 && abs.standardOutput.contains("\"route\": \"exact (one-level abs,"))
        let theta = run("cntk", "relu", "--channels", "4", "--pixels", "2", "--filters", "1,1", "--max-degree", "2", "--digits", "6", "--format", "json")
        #expect(theta.status == 0 && theta.standardOutput.contains("\"route\": \"theta quadrature (one-pixel fields: the depth-2 kernel on S^3)\""))
        #expect(theta.standardOutput.contains("{\"index\": \"1,1\", \"exact\": \"0\""))
        let sign = run("cntk", "sign", "--channels", "3", "--pixels", "2", "--filters", "2", "--max-degree", "1", "--kernel", "ntk")
        #expect(sign.status == 2 && sign.standardOutput.isEmpty && sign.standardError.contains("Dirac"))
    }

    @Test func plotRays() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("prism-cntk-\(getpid()).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = run("plot", "cntk", "relu", "--channels", "3", "--pixels", "2", "--filters", "2", "--degree", "8", "--kernel", "ntk", "--output", path)
        #expect(r.status == 0 && r.standardOutput.contains("3 rays"))
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.contains("(n,n,…)") && svg.contains("λ = 0 exactly"))
        let missing = run("plot", "cntk", "relu", "--channels", "3", "--degree", "8", "--output", path)
        #expect(missing.status == 2 && missing.standardError.contains("--pixels"))
    }
}
