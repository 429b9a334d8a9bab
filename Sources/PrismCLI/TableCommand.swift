import ArgumentParser
import Foundation
import PrismNumbers
import PrismTables

struct TableCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "table",
        abstract: "Write, check, list or print the certified tables Prism keeps in Tables/.",
        discussion: """
        --all --output DIR writes the whole tree (CSV, JSON and Markdown per table, README.md and MANIFEST \
        with the SHA-256 of every file), byte-for-byte the same at any --threads. --shard i/n writes only \
        every n-th table starting at the i-th (spread shards over machines, then run --manifest --output DIR \
        once every shard is in place). --check DIR regenerates (all, a --shard, or --only tables) and \
        compares with DIR and its MANIFEST (exit 1 on any difference, a file that is not part of the tree included). \
        Destinations are checked before any table is computed: --check and --manifest need an existing directory, \
        --all --output DIR a writable directory or a new one in an existing parent. --list lists the tables; \
        --only PATH prints one table to stdout in --format.
        """
    )

    @Flag(help: "Every table of the catalogue.") var all = false
    @Option(name: .customLong("output"), parsing: .unconditional, help: "Directory to write the tree into.") var outputDirectory: String?
    @Option(parsing: .unconditional, help: "Write or check only shard i of n (e.g. 2/8).") var shard: String?
    @Option(parsing: .unconditional, help: "Worker threads (results do not depend on it).") var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(parsing: .unconditional, help: "Check the tree in this directory against a regeneration.") var check: String?
    @Flag(help: "Write DIR/MANIFEST (and README.md) for the files already in --output DIR.") var manifest = false
    @Flag(help: "List the tables (path and the command that prints the same rows).") var list = false
    @Option(parsing: .unconditionalSingleValue, help: "A table path (see --list); repeatable.") var only: [String] = []
    @OptionGroup var options: OutputOptions

    static var repeatableOptions: Set<String> { ["--only"] }

    func validate() throws {
        guard threads >= 1, threads <= 1024 else { throw ValidationError("--threads must be in 1...1024, got \(threads)") }
        let modes = [all, check != nil, manifest, list, !only.isEmpty && check == nil].filter { $0 }.count
        guard modes == 1 || (modes == 2 && all && check != nil) else {
            throw ValidationError("choose one of --all --output DIR, --check DIR, --manifest --output DIR, --list, --only PATH")
        }
        if all || manifest, outputDirectory == nil, check == nil { throw ValidationError("--\(all ? "all" : "manifest") needs --output DIR") }
    }

    /// `i/n` → (i, n).
    func shardNumbers() throws -> (Int, Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 10_000, (1...n).contains(i) else {
            throw PrismError.domain("--shard must be i/n with 1 ≤ i ≤ n ≤ 10000, got '\(shard)'")
        }
        return (i, n)
    }

    func output() throws -> String {
        var tree = TableTree(digits: options.digits)
        if list {
            let rows = tree.specs.map { ($0.path, "prism " + $0.command(digits: options.digits).joined(separator: " ")) }
            switch options.format {
            case .text: return rows.map { "\($0.0)  \($0.1)\n" }.joined()
            case .csv: return "path,command\n" + rows.map { "\($0.0),\"\($0.1.replacingOccurrences(of: "\"", with: "\"\""))\"\n" }.joined()
            case .json:
                return JSONValue.object([("prism", .string(prismVersion)), ("command", .string("table")),
                                         ("tables", .array(rows.map { .object([("path", .string($0.0)), ("command", .string($0.1))]) }))]).pretty
            }
        }
        if let (i, n) = try shardNumbers() { tree = try tree.shard(i, of: n) }
        let progress = Progress.current
        let report: (Int, Int) -> Void = { progress.update($0, of: $1) }
        if let directory = check {
            if !only.isEmpty { tree = try tree.only(only) }
            let differing = try tree.check(against: directory, threads: threads, progress: report)
            guard differing.isEmpty else {
                throw PrismError.notCertified("\(differing.count) file(s) in \(directory) differ from the regenerated tables, first \(differing[0])")
            }
            return "\(directory): \(tree.specs.count) tables regenerated, identical; MANIFEST matches the files\n"
        }
        if !only.isEmpty {
            let reports = try tree.only(only).specs.map { try $0.report(digits: options.digits) }
            return try reports.map { try options.render($0) }.joined(separator: options.format == .text ? "\n" : "")
        }
        guard let directory = outputDirectory else { throw ValidationError("--output DIR is needed") }
        if manifest {
            try TableTree.requireDirectory(directory)
            let text = try TableTree.manifestOnDisk(directory)
            try TableTree.write([("README.md", TableTree.readme()), ("MANIFEST", text)], to: directory)
            return "wrote \(directory)/MANIFEST (\(text.split(separator: "\n").count - 2) files)\n"
        }
        // The destination is checked (and probed) before any table is computed.
        let created = try TableTree.prepareDestination(directory)
        do {
            let files = try tree.files(threads: threads, progress: report)
            var written = files
            if shard == nil {
                let full = [("README.md", TableTree.readme())] + files
                written = full + [("MANIFEST", TableTree.manifest(full))]
            } else {
                written.append(("README.md", TableTree.readme()))
            }
            try TableTree.write(written, to: directory)
            let note = shard.map { " (shard \($0); run `prism table --manifest --output \(directory)` when every shard is done)" } ?? ""
            return "wrote \(written.count) files for \(tree.specs.count) tables to \(directory)\(note)\n"
        } catch {
            if created { TableTree.removeIfEmpty(directory) }
            throw error
        }
    }
}
