import Foundation
import Testing
@testable import PrismCLI
import PrismNumbers

/// Issue 16's reliability items as regressions: parsing, messages, limits, exactness.
@Suite struct ReliabilityTests {
    func run(_ args: String...) -> CommandResult { PrismCommand.execute(args) }

    @Test func optionValuesMayBeNegativeAndExpressionsMayStartWithMinus() {
        #expect(run("poly", "gegenbauer", "--degree", "1", "--lambda", "-1/4", "--format", "csv").standardOutput == "index,exact,value,lower,upper,double\n0,0,0,0,0,0x0p+0\n1,-1/2,-0.5,-0.5,-0.5,-0x1p-1\n")
        #expect(run("eval", "-1/3", "--digits", "3", "--format", "csv").standardOutput.hasPrefix("index,exact,value,lower,upper,double\n0,-1/3,-0.333,"))
        #expect(run("eval", "--", "-2").standardOutput.contains("exact   -2"))
        #expect(run("eval", "--", "--2").standardOutput.contains("exact   2"))
        #expect(run("table", "--list", "--format", "csv").status == 0)
    }

    @Test func repeatedOptionsAreRejected() {
        for args in [["hermite", "tanh", "--degree", "3", "--degree", "4"], ["eval", "pi", "--digits", "5", "--digits=6"],
                     ["spectrum", "relu", "--dim", "3", "--dim", "4", "--degree", "2"]] {
            let r = PrismCommand.execute(args)
            #expect(r.status == 2 && r.standardOutput.isEmpty && r.standardError.hasSuffix("given more than once\n"), "\(args): \(r)")
        }
        #expect(run("table", "--only", "connection/d2", "--only", "connection/d3", "--format", "csv").status == 0)
    }

    @Test func messagesNameTheActualProblem() {
        #expect(run("taylor", "leaky_relu(1/0)", "--order", "3").standardError.contains("leaky_relu(1/0): the parameter is invalid (division by zero)"))
        let degree = run("hermite", "tanh", "--degree", "")
        #expect(degree.standardError.contains("--degree") && !degree.standardError.contains("tanh"))
        #expect(run("hermite", "x/(x-1)", "--degree", "3").standardError.contains("cannot bound the growth"))
        let claim = run("verify", "nope")
        #expect(claim.status == 2 && claim.standardError.hasPrefix("prism: unknown claim 'nope'; known: ") && !claim.standardError.contains("domain"))
        let unknown = run("hermite", "swich", "--degree", "2")
        #expect(unknown.status == 2 && unknown.standardError.contains("unknown activation 'swich'; known: identity, relu, leaky_relu"))
        #expect(unknown.standardError.contains("did you mean swish?"))
        #expect(run("help", "nonsense").status == 2)
    }

    @Test func aliasesAndCaseInsensitiveNames() {
        #expect(run("hermite", "Swish", "--degree", "2", "--format", "csv") == run("hermite", "silu", "--degree", "2", "--format", "csv"))
        #expect(run("hermite", "SiLU", "--degree", "2") == run("hermite", "silu", "--degree", "2"))
        #expect(run("hermite", "MISH", "--degree", "1", "--digits", "5", "--format", "csv")
                == run("hermite", "x*tanh(softplus(x))", "--degree", "1", "--digits", "5", "--format", "csv"))
        #expect(run("hermite", "Leaky_ReLU", "--degree", "3") == run("hermite", "leaky_relu(1/100)", "--degree", "3"))
    }

    /// Limits are checked before any work: each refusal comes at once.
    @Test func limitsBeforeWork() {
        for args in [["hermite", "tanh", "--degree", "1000000000"], ["taylor", "tanh", "--order", "1000000000"],
                     ["connection", "--dim", "3", "--max-degree", "400", "--digits", "10000"], ["kernel", "tanh", "--degree", "1000000000"]] {
            let start = Date()
            let r = PrismCommand.execute(args)
            #expect(r.status == 2 && r.standardError.contains("limit"), "\(args): \(r)")
            #expect(Date().timeIntervalSince(start) < 1, "\(args)")
        }
    }

    /// (1 + 10^−19)^(10^19) − e = −e/(2·10^19) + O(10^−38): computed, not refused.
    @Test func hugeIntegerExponentsAreComputed() {
        let r = run("eval", "(1+1/10^19)^(10^19)-e", "--digits", "10", "--format", "csv")
        #expect(r.status == 0, "\(r.standardError)")
        #expect(r.standardOutput.contains(",-1.359140914e-19,"))
    }

    /// relu(x)² is x² on x > 0 and 0 below: its moments are exact (issue 16.3: it used to run Ziv's loop
    /// to its cap on the exact zero b₄). b₀ = 1/2, b₂ = 1/√2, b₄ = 0, b₃ = 1/√(3π)·… as x·relu(x).
    @Test func piecewisePolynomialsAreExact() {
        let start = Date()
        let square = run("hermite", "relu(x)^2", "--degree", "6", "--format", "csv")
        #expect(Date().timeIntervalSince(start) < 5)
        #expect(square.status == 0, "\(square.standardError)")
        let lines = square.standardOutput.split(separator: "\n")
        #expect(lines[1].hasPrefix("0,1/2,"))
        #expect(lines[3].hasPrefix("2,1/2*2^(1/2),"))
        #expect(lines[5].hasPrefix("4,0,"))
        #expect(run("hermite", "x*relu(x)", "--degree", "6", "--format", "csv") .standardOutput == square.standardOutput)
        // Against the integrator: the same values with the exact column dropped (x²·step(x) + 0·x³ forces no closed form).
        let integrated = run("hermite", "relu(x)^2+0*sin(x)", "--degree", "3", "--digits", "20", "--format", "csv")
        let exact = run("hermite", "relu(x)^2", "--degree", "3", "--digits", "20", "--format", "csv")
        func values(_ r: CommandResult) -> [String] { r.standardOutput.split(separator: "\n").dropFirst().map { String($0.split(separator: ",", omittingEmptySubsequences: false)[2]) } }
        #expect(integrated.status == 0 && values(integrated) == values(exact), "\(integrated.standardError)")
    }

    @Test func progressIsSilentWithoutATerminal() {
        let r = PrismCommand.execute(["verify", "dandi-jacot/eq-16"], progress: false)
        #expect(r.status == 0 && r.standardError.isEmpty)
    }

    /// A single long certified computation reports the passes of Ziv's loop it goes through (item 7:
    /// "say how long big-but-legal jobs will take").
    /// An enclosure that decides nothing below 200 bits takes three passes (99, 198, 396 bits); the
    /// observer sees them in order with what earlier passes decided.
    @Test func zivPassesAreReportedToTheProgressLine() {
        final class Passes: ZivObserver, @unchecked Sendable {
            var seen: [ZivPass] = []
            let lock = NSLock()
            func begin(_ pass: ZivPass) { lock.lock(); seen.append(pass); lock.unlock() }
        }
        let passes = Passes()
        let values = try? ZivProgress.$observer.withValue(passes) {
            try CertifiedValue.certifyAll(count: 2, digits: 20, startPrecision: 99) { p in
                let third = Interval(try Rational(1, 3), precision: p), wide = try Interval(lower: BigFloat(0.0), upper: BigFloat(1.0))
                return p < 200 ? [wide, wide] : [third, third]
            }
        }
        #expect(values?.count == 2)
        #expect(passes.seen.map(\.number) == [1, 2, 3])
        #expect(passes.seen.map(\.precision) == [99, 198, 396])
        #expect(passes.seen.last?.decided == 0 && passes.seen.last?.count == 2)
        // The line a terminal shows during pass 3: where the loop is, and the next pass's expected time
        // from the previous one's (4–16× per doubling).
        let line = Progress.line(label: "hermite", elapsed: 14, done: 0, total: 0,
                                 passes: passes.seen.enumerated().map { ($0.element, [0.0, 2.0, 8.0][$0.offset]) })
        #expect(line == "prism hermite: 14 s, pass 3 of Ziv's loop at 396 bits; pass 2 took 6 s, this one about 24 s–2 min")
        // Jobs that count steps keep their step line.
        #expect(Progress.line(label: "table", elapsed: 12, done: 37, total: 129, passes: []) == "prism table: 12 s, 37/129, about 30 s left")
    }

    /// Catalogue activations whose kernels need σ' or σ² as expressions (softplus² = log(1+eˣ)², silu' has
    /// (1 + e^{−x})² in a denominator) used to exit 2 with "cannot bound the growth" from `spectrum` and
    /// `layers` while `hermite` and `kernel` handled them (like gaussian in item 2). Denominators and log
    /// arguments proven ≥ c > 0 now have growth bounds (checked pointwise in GrowthBoundTests).
    @Test func smoothCatalogueSpectraNeedNoGrowthOverride() {
        for args in [["spectrum", "softplus", "--dim", "3", "--degree", "2", "--digits", "6"],
                     ["spectrum", "silu", "--dim", "3", "--degree", "2", "--digits", "6", "--kernel", "ntk"]] {
            let r = PrismCommand.execute(args)
            #expect(r.status == 0 && r.standardError.isEmpty, "\(args): \(r.standardError)")
            #expect(r.standardOutput.split(separator: "\n").count >= 4)
        }
    }
}
