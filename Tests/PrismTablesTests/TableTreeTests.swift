import Foundation
import Testing
import PrismNumbers
@testable import PrismTables

@Suite struct SHA256Tests {
    /// FIPS 180-4 example vectors (NIST CSRC "SHA256.pdf"): one block, two blocks, and the empty string.
    @Test func standardVectors() {
        #expect(SHA256.hexDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hexDigest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hexDigest([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    /// Lengths around the padding boundaries (55, 56, 63, 64, 65 bytes) against the system's sha256sum.
    @Test func paddingBoundariesAgainstSha256sum() throws {
        let tool = "/usr/bin/sha256sum"
        guard FileManager.default.isExecutableFile(atPath: tool) else { return }
        for length in [1, 55, 56, 63, 64, 65, 119, 1000] {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("prism-sha-\(length)")
            try Data(bytes).write(to: url)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = [url.path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            process.waitUntilExit()
            let expected = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).prefix(64)
            #expect(SHA256.hexDigest(bytes) == String(expected), "length \(length)")
        }
    }
}

@Suite struct TableTreeTests {
    @Test func shardsPartitionTheCatalogue() throws {
        let tree = TableTree()
        for n in [1, 3, 8] {
            let paths = try (1...n).flatMap { try tree.shard($0, of: n).specs.map(\.path) }
            #expect(paths.sorted() == tree.specs.map(\.path).sorted())
        }
        #expect(throws: PrismError.self) { try tree.shard(0, of: 3) }
        #expect(throws: PrismError.self) { try tree.shard(4, of: 3) }
        #expect(Set(tree.specs.map(\.path)).count == tree.specs.count)
    }

    @Test func slugsAreFileNames() {
        #expect(TableCatalogue.slug("leaky_relu(1/10)") == "leaky_relu_1_10")
        #expect(TableCatalogue.slug("elu(1)") == "elu_1")
    }

    /// The same bytes whatever the thread count (an integrated table, exact tables, a two-index table).
    @Test func filesDoNotDependOnThreadCount() throws {
        let tree = try TableTree().only(["hermite/elu_1", "taylor/gelu", "connection/d3", "spectrum/relu/d3-ntk-L1", "blog/activation-derivatives"])
        let one = try tree.files(threads: 1), three = try tree.files(threads: 3)
        #expect(one.map(\.path) == three.map(\.path) && one.map(\.contents) == three.map(\.contents))
        #expect(one.map(\.path).prefix(3) == ["hermite/elu_1.csv", "hermite/elu_1.json", "hermite/elu_1.md"])
    }

    @Test func manifestIsSha256sumFormatSortedByPath() {
        let text = TableTree.manifest([("b.csv", "x\n"), ("a/c.json", "{}\n")])
        let lines = text.split(separator: "\n")
        #expect(lines.filter { !$0.hasPrefix("#") }.map { String($0.dropFirst(66)) } == ["a/c.json", "b.csv"])
        #expect(lines.last == Substring(SHA256.hexDigest(Array("x\n".utf8)) + "  b.csv"))
    }

    @Test func markdownHasHeaderCommandAndOneLinePerRow() throws {
        let spec = try TableTree().only(["connection/d2"]).specs[0]
        let files = try spec.files(digits: 30)
        let md = files[2].contents
        #expect(md.hasPrefix("# Connection coefficients"))
        #expect(md.contains("Reproduce: `prism connection --dim 2 --max-degree 20`"))
        let tableLines = md.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(tableLines.count == 2 + 21 * 22 / 2) // header, rule, rows (m, l) with 0 ≤ l ≤ m ≤ 20
    }
}
