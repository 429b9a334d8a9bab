import Foundation
import Testing
@testable import PrismCLI

/// Every entry of `BadInputCatalogue` run as a real process (the built `prism` binary) in an empty
/// temporary directory, under a memory limit (ulimit -v 4 GiB) and a time limit (10 s): exit 2,
/// exactly one line on stderr, nothing on stdout, nothing written. Cases run in parallel.
@Suite struct BadInputTests {
    /// The `prism` executable next to the test bundle (`swift build --build-tests` builds both).
    static let executable: String? = {
        var candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()]
        var url = URL(fileURLWithPath: CommandLine.arguments[0])
        for _ in 0..<4 { url.deleteLastPathComponent(); candidates.append(url) }
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/debug"))
        return candidates.map { $0.appendingPathComponent("prism").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Run { var status: Int32; var standardOutput: String; var standardError: String; var seconds: Double }

    /// Runs `prism arguments` in `directory` under `ulimit -v` (KiB), killed after `timeout` seconds.
    static func run(_ arguments: [String], in directory: URL, memoryKiB: Int = 4 << 20, timeout: Double = 10) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(memoryKiB); exec \"$0\" \"$@\"", executable!] + arguments
        process.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let start = Date()
        try process.run()
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: killer)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        killer.cancel()
        return Run(status: process.terminationStatus, standardOutput: String(decoding: stdout, as: UTF8.self),
                   standardError: String(decoding: stderr, as: UTF8.self), seconds: Date().timeIntervalSince(start))
    }

    @Test func catalogueIsLarge() {
        #expect(BadInputCatalogue.cases.count >= 150)
        let covered = Set(BadInputCatalogue.cases.compactMap { $0.first })
        for command in PrismCommand.configuration.subcommands {
            let name = command.configuration.commandName ?? ""
            #expect(covered.contains(name), "no bad-input case for \(name)")
        }
    }

    @Test(arguments: BadInputCatalogue.cases)
    func badInputExitsTwoWithOneLineAndWritesNothing(_ template: [String]) throws {
        guard let executable = Self.executable else {
            Issue.record("the prism executable is not built next to the tests (run swift build --build-tests)")
            return
        }
        _ = executable
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("prism-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(at: directory) }
        let arguments = template.map { $0.replacingOccurrences(of: "OUT", with: directory.path) }
        let r = try Self.run(arguments, in: directory)
        #expect(r.status == 2, "\(template): status \(r.status), stderr \(r.standardError)")
        #expect(r.standardOutput.isEmpty, "\(template)")
        #expect(r.standardError.hasPrefix("prism: ") && r.standardError.filter { $0 == "\n" }.count == 1
                && r.standardError.hasSuffix("\n"), "\(template): \(r.standardError)")
        #expect(r.seconds < 10, "\(template) took \(r.seconds) s")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty, "\(template) wrote files")
    }
}
