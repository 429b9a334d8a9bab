import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PrismCLI

/// `prism emit` output compiled, imported and parsed by the real tools; `prism plot` files parsed as XML.
@Suite struct EmitPlotCommandTests {
    func run(_ args: String...) -> CommandResult { PrismCommand.execute(args) }

    /// The certified doubles of a command's JSON rows, by bit pattern ("inf" included).
    func doubles(_ args: String...) throws -> [Double] { try doubles(args) }

    func doubles(_ args: [String]) throws -> [Double] {
        let r = PrismCommand.execute(args + ["--format", "json"])
        #expect(r.status == 0, "\(r.standardError)")
        let object = try JSONSerialization.jsonObject(with: Data(r.standardOutput.utf8)) as! [String: Any]
        return (object["rows"] as! [[String: Any]]).map { strtod($0["double"] as! String, nil) }
    }

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("prism-emit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Finds an executable on PATH.
    static func tool(_ name: String) -> String? {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let path = "\(dir)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    /// Runs a program; returns its status and standard output (standard error appended on failure).
    @discardableResult
    func shell(_ executable: String, _ arguments: [String], in directory: URL) throws -> (Int32, String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = directory
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        return (p.terminationStatus, p.terminationStatus == 0 ? text : text + String(decoding: errors, as: UTF8.self))
    }

    // MARK: C

    /// The header compiles under -std=c99 -Wall -Wextra -pedantic -Werror, and a program printing the array with
    /// %a prints exactly the certified doubles, HUGE_VAL entries included (tanh's σ^(k)(0) overflows past k ≈ 170).
    // Skipped, visibly, where gcc is missing (setup.sh installs it).
    @Test(.enabled(if: EmitPlotCommandTests.tool("gcc") != nil, "gcc is not on PATH"), arguments: [
        (["relu", "--what", "hermite", "--degree", "8"], ["hermite", "relu", "--degree", "8"]),
        (["tanh", "--what", "taylor", "--degree", "200"], ["taylor", "tanh", "--order", "200"]),
        (["gelu", "--what", "kernel", "--degree", "6"], ["kernel", "gelu", "--degree", "6"]),
    ])
    func cHeaderCompilesAndHoldsTheDoubles(_ emit: [String], _ reference: [String]) throws {
        let gcc = try #require(EmitPlotCommandTests.tool("gcc"))
        let r = PrismCommand.execute(["emit"] + emit + ["--lang", "c", "--name", "values"])
        #expect(r.status == 0, "\(r.standardError)")
        let expected = try doubles(reference)
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try r.standardOutput.write(to: dir.appendingPathComponent("values.h"), atomically: true, encoding: .utf8)
        let main = """
        #include <stdio.h>
        #include "values.h"
        #include "values.h" /* the include guard makes a second inclusion harmless */
        int main(void) {
            int i;
            for (i = 0; i < VALUES_LENGTH; i++) printf("%a\\n", values[i]);
            return 0;
        }
        """
        try main.write(to: dir.appendingPathComponent("main.c"), atomically: true, encoding: .utf8)
        let flags = ["-std=c99", "-Wall", "-Wextra", "-pedantic", "-Werror"]
        let (status, log) = try shell(gcc, flags + ["-o", "main", "main.c"], in: dir)
        #expect(status == 0, "\(log)")
        let (runStatus, printed) = try shell(dir.appendingPathComponent("main").path, [], in: dir)
        #expect(runStatus == 0)
        let values = printed.split(separator: "\n").map { strtod(String($0), nil) }
        #expect(values.count == expected.count && !values.isEmpty)
        for (a, b) in zip(values, expected) { #expect(a.bitPattern == b.bitPattern, "\(a) vs \(b)") }

        // Pasted into a .c file that never uses the array, it still compiles warning-free.
        try (r.standardOutput + "int main(void) { return 0; }\n").write(to: dir.appendingPathComponent("unused.c"), atomically: true, encoding: .utf8)
        let (unusedStatus, unusedLog) = try shell(gcc, flags + ["-c", "unused.c"], in: dir)
        #expect(unusedStatus == 0, "\(unusedLog)")
    }

    // MARK: Python

    /// The module imports; its floats are the certified doubles (compared through float.hex), and every
    /// rational exact string parses with fractions.Fraction and rounds to the same double.
    @Test(.enabled(if: EmitPlotCommandTests.tool("python3") != nil, "python3 is not on PATH"))
    func pythonModuleImportsWithTheDoubles() throws {
        let python = try #require(EmitPlotCommandTests.tool("python3"))
        let r = run("emit", "leaky_relu(1/10)", "--what", "kernel", "--degree", "7", "--lang", "python")
        #expect(r.status == 0, "\(r.standardError)")
        #expect(r.standardOutput.contains("leaky_relu_1_10_kernel = ["))
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try r.standardOutput.write(to: dir.appendingPathComponent("prism_values.py"), atomically: true, encoding: .utf8)
        let script = """
        import fractions, prism_values as m
        v = m.leaky_relu_1_10_kernel
        assert len(v) == len(m.leaky_relu_1_10_kernel_EXACT) == len(m.leaky_relu_1_10_kernel_DECIMAL)
        rationals = 0
        for x, e in zip(v, m.leaky_relu_1_10_kernel_EXACT):
            print(x.hex())
            if e is not None and all(c in "-0123456789/" for c in e):
                assert float(fractions.Fraction(e)) == x, (e, x)
                rationals += 1
        print("rationals", rationals)
        """
        let (status, out) = try shell(python, ["-c", script], in: dir)
        #expect(status == 0, "\(out)")
        let lines = out.split(separator: "\n")
        let expected = try doubles("kernel", "leaky_relu(1/10)", "--degree", "7")
        let hexes = lines.dropLast().map { strtod(String($0), nil) }
        #expect(hexes.count == expected.count)
        for (a, b) in zip(hexes, expected) { #expect(a.bitPattern == b.bitPattern) }
        // c_1 = (1 + a)²/4 and the zero odd levels ℓ ≥ 3 are rational.
        let rationals = Int(lines.last!.split(separator: " ").last!) ?? 0
        #expect(rationals >= 4, "\(out)")
    }

    @Test(.enabled(if: EmitPlotCommandTests.tool("python3") != nil, "python3 is not on PATH"))
    func pythonHoldsInfinities() throws {
        let python = try #require(EmitPlotCommandTests.tool("python3"))
        let r = run("emit", "tanh", "--what", "taylor", "--degree", "200", "--lang", "python", "--name", "t", "--digits", "5")
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try r.standardOutput.write(to: dir.appendingPathComponent("t_mod.py"), atomically: true, encoding: .utf8)
        let (status, out) = try shell(python, ["-c", "import t_mod, math; print(sum(math.isinf(x) for x in t_mod.t), t_mod.t[3], t_mod.t_EXACT[3])"], in: dir)
        #expect(status == 0, "\(out)")
        let fields = out.split(separator: " ").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        #expect((Int(fields[0]) ?? 0) > 0 && fields[1] == "-2.0" && fields[2] == "-2")
    }

    // MARK: Swift, JSON, LaTeX

    /// The Swift output type-checks; its hex literals are the certified doubles.
    @Test(.enabled(if: EmitPlotCommandTests.tool("swiftc") != nil, "swiftc is not on PATH"))
    func swiftOutputTypeChecks() throws {
        let r = run("emit", "tanh", "--what", "hermite", "--degree", "5", "--lang", "swift", "--digits", "20")
        #expect(r.status == 0, "\(r.standardError)")
        let literals = r.standardOutput.split(separator: "\n").filter { $0.hasPrefix("    ") && $0.contains("// n = ") }
            .map { strtod(String($0.trimmingCharacters(in: .whitespaces).split(separator: ",")[0]), nil) }
        let expected = try doubles("hermite", "tanh", "--degree", "5", "--digits", "20")
        #expect(literals.map(\.bitPattern) == expected.map(\.bitPattern))
        #expect(r.standardOutput.contains("let tanh_hermite_EXACT: [String?] = [\n    \"0\",\n    nil,"))
        let swiftc = try #require(EmitPlotCommandTests.tool("swiftc"))
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try r.standardOutput.write(to: dir.appendingPathComponent("values.swift"), atomically: true, encoding: .utf8)
        let (status, log) = try shell(swiftc, ["-typecheck", "values.swift"], in: dir)
        #expect(status == 0, "\(log)")
    }

    /// --lang json is the CONTRACT document, with the rows of the command it mirrors.
    @Test func jsonRowsMatchTheCommand() throws {
        let r = run("emit", "relu", "--what", "hermite", "--degree", "5", "--lang", "json", "--digits", "12")
        let emitted = try JSONSerialization.jsonObject(with: Data(r.standardOutput.utf8)) as! [String: Any]
        let hermite = try JSONSerialization.jsonObject(with: Data(run("hermite", "relu", "--degree", "5", "--digits", "12", "--format", "json").standardOutput.utf8)) as! [String: Any]
        #expect(emitted["command"] as? String == "emit")
        #expect(emitted["conventions"] as? String == hermite["conventions"] as? String)
        #expect((emitted["parameters"] as! [String: Any])["name"] as? String == "relu_hermite")
        #expect(NSArray(array: emitted["rows"] as! [Any]).isEqual(to: hermite["rows"] as! [Any]))
    }

    @Test func latexIsBooktabs() {
        let r = run("emit", "relu", "--what", "hermite", "--degree", "3", "--lang", "latex")
        #expect(r.status == 0)
        for piece in ["\\toprule", "\\midrule", "\\bottomrule", "\\label{tab:relu_hermite}",
                      "    0 & $\\frac{1}{2}\\,\\pi^{-1/2}\\,\\sqrt{2}$ & $0.398942280401432677939946059934$ \\\\",
                      "    1 & $\\frac{1}{2}$ & $0.5$ \\\\"] {
            #expect(r.standardOutput.contains(piece), "\(piece)")
        }
    }

    @Test func defaultNameAndDeterminism() {
        let a = run("emit", "leaky_relu(1/10)", "--what", "taylor", "--degree", "3", "--lang", "c")
        // leaky_relu is not analytic at 0: no Taylor table, exit 2.
        #expect(a.status == 2)
        let b = run("emit", "x*tanh(softplus(x))", "--what", "taylor", "--degree", "4", "--lang", "c")
        #expect(b.status == 0 && b.standardOutput.contains("static const double x_tanh_softplus_x_taylor[X_TANH_SOFTPLUS_X_TAYLOR_LENGTH]"))
        #expect(b.standardOutput.contains("Generated by `prism emit 'x*tanh(softplus(x))' --what taylor --degree 4 --lang c`"))
        #expect(b == run("emit", "x*tanh(softplus(x))", "--what", "taylor", "--degree", "4", "--lang", "c"))
    }

    @Test(arguments: [
        ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "c", "--name", "int"],
        ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "c", "--name", "2x"],
        ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "c", "--name", "a-b"],
        ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "python", "--name", "lambda"],
        ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "rust"],
        ["emit", "tanh", "--what", "moments", "--degree", "3", "--lang", "c"],
        ["emit", "tanh", "--what", "taylor", "--degree", "-1", "--lang", "c"],
        ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "c", "--scale", "2"],
        ["emit", "tanh", "--what", "hermite", "--degree", "3", "--lang", "c", "--dim", "3"],
        ["emit", "tanh", "--what", "hermite", "--degree", "3", "--lang", "c", "--scale", "0"],
        ["emit", "relu", "--what", "taylor", "--degree", "3", "--lang", "c"],
        ["emit", "nope", "--what", "taylor", "--degree", "3", "--lang", "c"],
        ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "c", "--digits", "0"],
        ["plot"], ["plot", "pie", "erf"],
        ["plot", "spectrum", "relu", "--dim", "3", "--degree", "5", "--output", "/nonexistent-prism-dir/x.svg"],
        ["plot", "spectrum", "relu", "--dim", "3", "--degree", "5", "--output", "x.gif"],
        ["plot", "layers", "relu", "erf", "--dim", "3", "--degree", "5", "--output", "/tmp/x.svg"],
        ["plot", "spectrum", "relu", "--dim", "3", "--degree", "5", "--depth", "2", "--depths", "1,2", "--output", "/tmp/x.svg"],
        ["plot", "spectrum", "relu", "--dim", "3", "--degree", "5", "--depths", "1,x", "--output", "/tmp/x.svg"],
        ["plot", "spectrum", "relu", "erf", "--dim", "3", "--degree", "5", "--depths", "1,2", "--output", "/tmp/x.svg"],
        ["plot", "hermite", "tanh", "--degree", "5", "--depths", "1,2", "--output", "/tmp/x.svg"],
        ["plot", "spectrum", "relu", "--dim", "3", "--degree", "5", "--scale", "2", "--output", "/tmp/x.svg"],
        ["plot", "hermite", "relu", "--degree", "5", "--dim", "3", "--output", "/tmp/x.svg"],
        ["plot", "spectrum", "relu", "--dim", "3", "--degree", "5"],
        ["plot", "spectrum", "erf", "--dim", "1", "--degree", "5", "--output", "/tmp/x.svg"],
        ["plot", "spectrum", "erf", "--degree", "5", "--output", "/tmp/x.svg"],
        ["plot", "hermite", "identity", "--degree", "0", "--output", "/tmp/prism-never-written.svg"],
        ["plot", "layers", "erf", "--dim", "3", "--degree", "3", "--depth", "0", "--output", "/tmp/x.svg"],
        // CONTRACT's --format/--digits do not apply to emit (its format is --lang) and plot (an SVG of doubles).
        ["emit", "tanh", "--what", "taylor", "--degree", "3", "--lang", "c", "--format", "json"],
        ["plot", "hermite", "tanh", "--degree", "5", "--output", "/tmp/x.svg", "--digits", "20"],
        ["plot", "hermite", "tanh", "--degree", "5", "--output", "/tmp/x.svg", "--format=csv"],
    ])
    func badInputIsExitTwo(_ args: [String]) {
        let r = PrismCommand.execute(args)
        if args.contains(where: { $0.hasPrefix("--format") || ($0 == "--digits" && args[0] == "plot") }) {
            #expect(r.standardError.contains("does not apply to \(args[0])"), "\(r.standardError)")
        }
        #expect(r.status == 2, "\(args): \(r)")
        #expect(r.standardOutput.isEmpty)
        #expect(r.standardError.hasPrefix("prism: ") && r.standardError.filter { $0 == "\n" }.count == 1, "\(r.standardError)")
    }

    // MARK: plot

    /// Parses an SVG file as XML; returns the element names in document order and all text content.
    func parseSVG(_ url: URL) throws -> (elements: [String], text: String) {
        final class Collector: NSObject, XMLParserDelegate {
            var elements: [String] = []
            var text = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) { elements.append(name) }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        }
        let parser = try #require(XMLParser(contentsOf: url))
        let collector = Collector()
        parser.delegate = collector
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        return (collector.elements, collector.text)
    }

    @Test func plotSpectrumWritesDeterministicSVG() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("relu.svg").path
        let r = run("plot", "spectrum", "relu", "--dim", "3", "--degree", "16", "--weight", "multiplicity", "--output", path)
        #expect(r.status == 0, "\(r.standardError)")
        #expect(r.standardOutput == "wrote \(path): nngp spectrum of relu, 9 eigenvalues drawn, k = 1…16\n")
        let first = try Data(contentsOf: URL(fileURLWithPath: path))
        let svg = try parseSVG(URL(fileURLWithPath: path))
        #expect(svg.elements.first == "svg")
        #expect(svg.elements.filter { $0 == "polyline" }.count == 3) // μ_k, N(d,k)μ_k and μ_k's fitted power law
        // relu's NNGP has μ_k = 0 for odd k ≥ 3, which the caption names (μ_k written μ<sub>k</sub>).
        #expect(svg.text.contains("μk = 0 exactly, not drawn: k = 3, 5, 7, …, 15 (7 values)."))
        #expect(svg.text.contains("k = 0 is not drawn (log axis); μ0 = 0.375."))
        #expect(svg.text.contains("fit ∝ k−"))
        _ = run("plot", "spectrum", "relu", "--dim", "3", "--degree", "16", "--weight", "multiplicity", "--output", path)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == first)
    }

    @Test func plotLayersAndHermite() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let layers = dir.appendingPathComponent("layers.svg")
        let r = run("plot", "layers", "sin", "--dim", "3", "--degree", "6", "--depth", "2", "--output", layers.path)
        #expect(r.status == 0, "\(r.standardError)")
        let l = try parseSVG(layers)
        #expect(l.elements.filter { $0 == "polyline" }.count == 3) // one per layer ℓ = 0, 1, 2
        #expect(l.text.contains("ℓ = 0 (first layer)") && l.text.contains("ℓ = 2 (readout)"))
        // sin is odd: the readout eigenvalue vanishes at even k, where the ratio is undefined.
        #expect(l.text.contains("μk(κL) = 0 exactly (ratio undefined), not drawn: k = 2, 4, 6."))

        let hermite = dir.appendingPathComponent("tanh.svg")
        #expect(run("plot", "hermite", "tanh", "--degree", "15", "--output", hermite.path, "--title", "tanh <&> b_n").status == 0)
        let h = try parseSVG(hermite)
        #expect(h.text.contains("tanh <&> b_n")) // escaped in the file, restored by the parser
        #expect(h.text.contains("bn = 0 exactly, not drawn: n = 2, 4, 6, …, 14 (7 values)."))
        #expect(h.elements.filter { $0 == "circle" }.count == 8 + 1) // 8 odd degrees and the legend marker
    }

    /// Overlays: several activations, or --depths, draw one curve family each (no fitted line);
    /// even and odd degrees are separate series when both occur; --no-caption drops the caption.
    @Test func plotOverlaysParityAndCaption() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let overlay = dir.appendingPathComponent("overlay.svg")
        let r = run("plot", "hermite", "tanh", "gelu", "erf", "--degree", "12", "--no-caption", "--output", overlay.path)
        #expect(r.status == 0, "\(r.standardError)")
        #expect(r.standardOutput == "wrote \(overlay.path): Hermite coefficients of 3 activations, 19 drawn, n = 1…12\n")
        let o = try parseSVG(overlay)
        #expect(o.elements.filter { $0 == "polyline" }.count == 3 && !o.text.contains("not drawn") && !o.text.contains("fit"))
        let depths = dir.appendingPathComponent("depths.svg")
        #expect(run("plot", "spectrum", "erf", "--dim", "3", "--degree", "6", "--depths", "1,2", "--output", depths.path).status == 0)
        let d = try parseSVG(depths)
        #expect(d.text.contains("L = 1") && d.text.contains("L = 2") && d.text.contains("depths 1, 2"))
        // gelu at depth 2 has eigenvalues at odd and even k: two series and a fitted line for each.
        let parity = dir.appendingPathComponent("gelu.svg")
        #expect(run("plot", "spectrum", "gelu", "--dim", "3", "--degree", "12", "--depth", "2", "--output", parity.path).status == 0)
        let p = try parseSVG(parity)
        #expect(p.text.contains("μk, k even") && p.text.contains("μk, k odd"))
        #expect(p.elements.filter { $0 == "polyline" }.count == 4)
    }

    /// PDF and PNG go through rsvg-convert or cairosvg (skipped, visibly, where neither is on PATH).
    @Test(.enabled(if: PlotOutputOptions.converter() != nil, "no rsvg-convert or cairosvg on PATH"))
    func plotPDFAndPNG() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, magic) in [("f.pdf", Array("%PDF".utf8)), ("f.png", [0x89, 0x50, 0x4E, 0x47])] {
            let url = dir.appendingPathComponent(name)
            let r = run("plot", "hermite", "tanh", "--degree", "9", "--output", url.path)
            #expect(r.status == 0, "\(r.standardError)")
            #expect(Array(try Data(contentsOf: url).prefix(4)) == magic)
        }
    }
}
