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

    /// A copy of the committed tree checks out; `--manifest --output DIR` rewrites the same MANIFEST; a
    /// tampered file and a stray file each make `--check` exit 1 naming them; a partial tree has no MANIFEST.
    @Test func checkDetectsATamperedFileAndAStrayFile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prism-table-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: Self.tablesDirectory, toPath: dir)
        let table = "connection/d2"
        let clean = run(["table", "--check", dir, "--only", table])
        #expect(clean.status == 0, "\(clean.standardError)")
        let manifest = run(["table", "--manifest", "--output", dir])
        #expect(manifest.status == 0, "\(manifest.standardError)")
        #expect(try String(contentsOfFile: dir + "/MANIFEST", encoding: .utf8) == String(contentsOfFile: Self.tablesDirectory + "/MANIFEST", encoding: .utf8))

        let path = dir + "/\(table).csv"
        let original = try String(contentsOfFile: path, encoding: .utf8)
        try (original + "tampered\n").write(toFile: path, atomically: true, encoding: .utf8)
        let tampered = run(["table", "--check", dir, "--only", table])
        #expect(tampered.status == 1 && tampered.standardError.contains("first \(table).csv"), "\(tampered.standardError)")
        try original.write(toFile: path, atomically: true, encoding: .utf8)

        try "stray\n".write(toFile: dir + "/kernel/stray.txt", atomically: true, encoding: .utf8)
        let stray = run(["table", "--check", dir, "--only", table])
        #expect(stray.status == 1 && stray.standardError.contains("kernel/stray.txt (not part of the tree)"), "\(stray.standardError)")
        try FileManager.default.removeItem(atPath: dir + "/kernel/stray.txt")
        #expect(run(["table", "--check", dir, "--only", table]).status == 0)

        // A partial tree (one shard) has no MANIFEST to write: every catalogue file must be there.
        let partial = dir + "-shard"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        let wrote = run(["table", "--all", "--output", partial, "--shard", "1/128"])
        #expect(wrote.status == 0, "\(wrote.standardError)")
        let missing = run(["table", "--manifest", "--output", partial])
        #expect(missing.status == 2 && missing.standardError.contains("missing or unreadable table file"), "\(missing.standardError)")
    }

    /// Destinations are checked before any table is computed: exit 2 at once, nothing written.
    @Test func badDestinationsFailAtOnce() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prism-dest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let file = dir + "/existing-file"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        for args in [["table", "--check", dir + "/nonexistent"], ["table", "--all", "--output", dir + "/missing/child"],
                     ["table", "--all", "--output", "/proc/prism-x"], ["table", "--all", "--output", file],
                     ["table", "--manifest", "--output", dir + "/nonexistent"], ["table", "--check", file]] {
            let start = Date()
            let r = run(args)
            #expect(r.status == 2 && r.standardOutput.isEmpty && r.standardError.split(separator: "\n").count == 1, "\(args): \(r)")
            #expect(Date().timeIntervalSince(start) < 2, "\(args) took too long")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["existing-file"])
    }

    @Test func listPrintsEveryFormat() throws {
        let csv = run(["table", "--list", "--format", "csv"])
        #expect(csv.status == 0 && csv.standardOutput.hasPrefix("path,command\ntaylor/tanh,\"prism taylor tanh --order 30\"\n"))
        let json = run(["table", "--list", "--format", "json"])
        let object = try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as! [String: Any]
        #expect((object["tables"] as! [[String: Any]]).count == TableCatalogue.all.count)
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
