import Foundation
import Testing
@testable import PrismCLI

/// `prism --help` and `prism COMMAND --help` (at 100 columns) against the snapshots in
/// Fixtures/help/. After a deliberate change of a help text, re-record them with
/// `PRISM_RECORD_HELP=1 swift test --skip-build --filter HelpSnapshotTests` and review the diff.
@Suite struct HelpSnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/help")
    static let recording = ProcessInfo.processInfo.environment["PRISM_RECORD_HELP"] == "1"
    static let commands = ["prism"] + PrismCommand.configuration.subcommands.compactMap { $0.configuration.commandName }

    @Test(arguments: commands)
    func helpMatchesItsSnapshot(_ command: String) throws {
        let r = PrismCommand.execute(command == "prism" ? ["--help"] : [command, "--help"], columns: 100)
        #expect(r.status == 0 && r.standardError.isEmpty)
        let file = Self.directory.appendingPathComponent("\(command).txt")
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try r.standardOutput.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let snapshot = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no snapshot \(file.path); record it with PRISM_RECORD_HELP=1")
            return
        }
        #expect(r.standardOutput == snapshot, "help of \(command) changed; re-record with PRISM_RECORD_HELP=1 if intended")
    }

    /// Every option default and the catalogue parameters' defaults appear in the help texts.
    @Test func defaultsAppearInHelp() {
        let hermite = PrismCommand.execute(["hermite", "--help"], columns: 100).standardOutput
        for text in ["leaky_relu = leaky_relu(1/100)", "elu = elu(1)", "(default: 1)", "default: normalized)", "(default: 30)", "default: text)"] {
            #expect(hermite.contains(text), "\(text)")
        }
        let spectrum = PrismCommand.execute(["spectrum", "--help"], columns: 100).standardOutput
        #expect(spectrum.contains("default: nngp") && spectrum.contains("(default: 1)"))
    }
}
