import Foundation
import Testing
@testable import PrismCLI

@Suite struct EvalCommandTests {
    func run(_ args: String...) -> CommandResult { PrismCommand.execute(args) }

    @Test func exactAndCertifiedText() {
        let r = run("eval", "1/3+1/6")
        #expect(r.status == 0 && r.standardError.isEmpty)
        #expect(r.standardOutput.contains("exact   1/2"))
        let pi = run("eval", "pi", "--digits", "20")
        #expect(pi.standardOutput.contains("value   3.1415926535897932385"))
        #expect(pi.standardOutput.contains("lower   3.1415926535897932384"))
        #expect(pi.standardOutput.contains("double  0x1.921fb54442d18p+1"))
    }

    @Test func jsonFollowsTheContract() throws {
        let r = run("eval", "erf(1/2)*pi", "--format", "json", "--digits", "25")
        #expect(r.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(r.standardOutput.utf8)) as! [String: Any]
        #expect(object["prism"] as? String == "0.1.0")
        #expect(object["command"] as? String == "eval")
        let parameters = object["parameters"] as! [String: Any]
        #expect(parameters["digits"] as? Int == 25)
        let rows = object["rows"] as! [[String: Any]]
        #expect(rows.count == 1)
        #expect(rows[0]["exact"] is NSNull)
        #expect((rows[0]["value"] as! String).hasPrefix("1.635198592331852018885971"))
        for key in ["index", "value", "lower", "upper", "double"] { #expect(rows[0][key] != nil, "\(key)") }
    }

    @Test func csvHasHeaderAndRow() {
        let r = run("eval", "sqrt(2)", "--format", "csv", "--digits", "10")
        #expect(r.standardOutput == "index,exact,value,lower,upper,double\n0,2^(1/2),1.414213562,1.414213562,1.414213563,0x1.6a09e667f3bcdp+0\n")
    }

    @Test func negativeExpressionsAndValuesAreNotOptions() {
        #expect(run("eval", "-2^2").standardOutput.contains("exact   -4"))
        #expect(run("eval", "--digits", "5", "-pi").standardOutput.contains("value   -3.1416"))
        let bad = run("eval", "pi", "--digits", "-3")
        #expect(bad.status == 2 && bad.standardOutput.isEmpty)
        #expect(bad.standardError.contains("--digits"))
    }

    @Test(arguments: [
        ["eval", "1/0"], ["eval", "erf("], ["eval", "2^^3"], ["eval", ""], ["eval", "log(-1)"], ["eval", "x+1"],
        ["eval", "pi", "--digits", "0"], ["eval", "pi", "--digits", "100000"], ["eval", "pi", "--digits", "abc"],
        ["eval", "pi", "--format", "xml"], ["eval"], ["eval", "pi", "--bogus", "1"], ["nonsense"], ["eval", "gamma(0)"],
        ["eval", "1e99999999"], ["eval", "asin(2)"], ["eval", "(-8)^(1/3)"],
    ])
    func badInputIsOneLineOnStderrAndExitTwo(_ args: [String]) {
        let r = PrismCommand.execute(args)
        #expect(r.status == 2, "\(args): \(r)")
        #expect(r.standardOutput.isEmpty)
        #expect(r.standardError.hasPrefix("prism: "))
        #expect(r.standardError.filter { $0 == "\n" }.count == 1, "\(r.standardError)")
    }

    @Test func parseErrorsGivePosition() {
        #expect(run("eval", "2^^3").standardError == "prism: parse error at position 3: unexpected '^'\n")
        #expect(run("eval", "1/0").standardError == "prism: division by zero\n")
    }

    @Test func uncertifiableIsExitOne() {
        let r = run("eval", "1/(sin(1)-sin(1))", "--digits", "5")
        #expect(r.status == 1)
        #expect(r.standardOutput.isEmpty)
        #expect(r.standardError.hasPrefix("prism: could not certify"))
    }

    @Test func helpGoesToStdout() {
        let r = run("--help")
        #expect(r.status == 0 && r.standardOutput.contains("eval"))
        let h = run("help", "eval")
        #expect(h.status == 0 && h.standardOutput.contains("--digits"))
    }
}
