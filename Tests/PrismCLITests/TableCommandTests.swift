import Foundation
import Testing
@testable import PrismCLI
@testable import PrismTables

/// The committed `Tables/` tree: its MANIFEST matches the files, and a regenerated subset matches them
/// byte for byte (CI's check; `prism table --all --output Tables` regenerates everything).
@Suite struct TableCommandTests {
    static let tablesDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Tables").path

    /// Cheap tables from every family (exact routes, the integrator, the θ route), regenerated in CI;
    /// `make` (scripts/tables.sh) regenerates and compares the whole tree.
    static let checkedSubset = ["taylor/tanh", "taylor/gelu_tanh", "hermite/relu", "hermite/sigmoid", "hermite/gelu",
                                "kernel/nngp-level/leaky_relu_1_10", "kernel/dual/erf", "kernel/ntk-first-layer/sin",
                                "connection/d10", "spectrum/relu/d10-ntk-L1", "spectrum/relu/d3-nngp-L2",
                                "blog/activation-derivatives"]

    func run(_ args: [String]) -> CommandResult { PrismCommand.execute(args) }

    @Test func committedManifestMatchesTheFiles() throws {
        let manifest = try String(contentsOfFile: Self.tablesDirectory + "/MANIFEST", encoding: .utf8)
        #expect(manifest == (try TableTree.manifestOnDisk(Self.tablesDirectory)))
        #expect(try String(contentsOfFile: Self.tablesDirectory + "/README.md", encoding: .utf8) == TableTree.readme())
    }

    @Test func regeneratedSubsetMatchesCommittedTables() {
        let r = run(["table", "--check", Self.tablesDirectory, "--threads", "2"] + Self.checkedSubset.flatMap { ["--only", $0] })
        #expect(r.status == 0, "\(r.standardError)")
        #expect(r.standardOutput.contains("identical"))
    }

    /// A table's JSON file is exactly what the command in its header prints.
    @Test func tableJSONIsTheCommandsJSON() throws {
        for path in ["hermite/relu", "connection/d10", "kernel/dual/erf"] {
            let spec = try TableTree().only([path]).specs[0]
            let fromCommand = run(spec.command(digits: TableCatalogue.defaultDigits) + ["--format", "json"])
            let committed = try String(contentsOfFile: Self.tablesDirectory + "/\(path).json", encoding: .utf8)
            #expect(fromCommand.standardOutput == committed, "\(path)")
        }
    }

    @Test func checkDetectsATamperedFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prism-table-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let wrote = run(["table", "--all", "--output", dir, "--shard", "1/128"])
        #expect(wrote.status == 0, "\(wrote.standardError)")
        let shard = try TableTree().shard(1, of: 128).specs.map(\.path)
        let manifest = run(["table", "--manifest", "--output", dir])
        #expect(manifest.status == 2) // the other shards' files are missing
        let path = dir + "/\(shard[0]).csv"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        #expect(run(["table", "--check", dir, "--only", shard[0]]).status == 1) // no MANIFEST yet
        try (original + "tampered\n").write(toFile: path, atomically: true, encoding: .utf8)
        let check = run(["table", "--check", dir, "--only", shard[0]])
        #expect(check.status == 1 && check.standardError.contains(shard[0] + ".csv"))
    }

    @Test func listAndOnlyPrint() {
        let list = run(["table", "--list"])
        #expect(list.status == 0 && list.standardOutput.split(separator: "\n").count == TableCatalogue.all.count)
        let one = run(["table", "--only", "connection/d2", "--format", "csv"])
        #expect(one.standardOutput.hasPrefix("m,l,exact,value,lower,upper,double\n0,0,1,1,1,1,0x1p+0\n"))
    }

    @Test func badInputIsOneLineAndExitTwo() {
        for args in [["table", "--all"], ["table", "--all", "--output", "/tmp/x", "--shard", "3/2"],
                     ["table", "--all", "--output", "/tmp/x", "--shard", "a/b"], ["table", "--only", "nope"],
                     ["table"], ["table", "--list", "--all", "--output", "/tmp/x"], ["table", "--list", "--threads", "0"]] {
            let r = run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.standardOutput.isEmpty && r.standardError.split(separator: "\n").count == 1, "\(args)")
        }
    }
}
