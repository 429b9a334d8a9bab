import ArgumentParser
import Foundation
import PrismNumbers
import PrismActivations
import PrismKernels
import PrismTables

/// The figures `prism plot` draws.
enum PlotKind: String, ExpressibleByArgument, CaseIterable {
    case spectrum, layers, hermite, cntk
    case learningCurve = "learning-curve", hea
}

/// `prism plot spectrum|layers|hermite ACT… … --output FILE.svg|.pdf|.png`: the figures of
/// Docs/cli.md, from the same computations as `prism spectrum`, `prism layers` and `prism hermite`
/// (values plotted are the certified doubles).
struct PlotCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Figures: eigenvalue decay, layer-wise NTK ratios, Hermite coefficient magnitudes (log–log).",
        discussion: """
        prism plot spectrum ACT… --dim D --degree K [--kernel nngp|ntk] [--depth L | --depths L1,L2,…] \
        [--weight none|multiplicity] --output F.svg: μ_k against k (as prism spectrum; --weight multiplicity also \
        draws N(d,k)·μ_k). prism plot layers ACT --dim D --degree K [--depth L] --output F.svg: μ_k(κ_ℓ)/μ_k(κ_L) \
        against k, one line per layer ℓ (as prism layers). prism plot hermite ACT… --degree N [--scale S] [--basis B] \
        --output F.svg: |b_n| against n (as prism hermite). Several activations (or --depths) overlay their curves. \
        Axes are log–log and end at the data; even and odd degrees are separate series when both occur; decay plots \
        of one curve carry a least-squares power law fitted over the upper half of its degrees. Values a \
        logarithmic axis cannot show (exact zeros, degree 0) are left out and the caption says which; \
        --no-caption leaves the caption out. --output F.pdf or F.png converts the SVG with rsvg-convert or \
        cairosvg (exit 2 if neither is on PATH). The same command writes the same bytes.
        """
    )

    @Argument(help: "spectrum | layers | hermite") var figure: PlotKind
    @Argument(help: "The activation (several overlay their curves; layers takes one).") var activations: [String]
    @Option(parsing: .unconditional, help: "The highest degree K (or N).") var degree: Int
    @Option(name: .customLong("dim"), parsing: .unconditional, help: "spectrum, layers: sphere dimension d ≥ 2.") var dimension: Int?
    @Option(parsing: .unconditional, help: "spectrum: nngp | ntk (default nngp).") var kernel: KernelKind?
    @Option(parsing: .unconditional, help: "spectrum, layers: number of hidden layers L ≥ 1 (default 1).") var depth: Int?
    @Option(parsing: .unconditional, help: "spectrum: several depths overlaid, e.g. 1,2,3.") var depths: String?
    @Option(parsing: .unconditional, help: "spectrum: none | multiplicity (also draw N(d,k)·μ_k; default none).") var weight: PlotWeight?
    @Option(parsing: .unconditional, help: "hermite: the scale s > 0 (default 1).") var scale: String?
    @Option(parsing: .unconditional, help: "hermite: normalized | probabilists | physicists (default normalized).") var basis: HermiteBasis?
    @OptionGroup var variances: VarianceOptions
    @Option(parsing: .unconditional, help: "cntk: channels ζ per pixel.") var channels: Int?
    @Option(parsing: .unconditional, help: "cntk: number of pixels P.") var pixels: Int?
    @Option(parsing: .unconditional, help: "cntk: filter sizes q1,q2,….") var filters: String?
    @OptionGroup var plot: PlotOutputOptions
    @OptionGroup var learning: LearningPlotOptions

    func validate() throws {
        let applies: [(String, Bool, Set<PlotKind>)] = [
            ("--dim", dimension != nil, [.spectrum, .layers, .learningCurve]), ("--kernel", kernel != nil, [.spectrum, .cntk, .learningCurve, .hea]),
            ("--depth", depth != nil, [.spectrum, .layers, .learningCurve, .hea]), ("--depths", depths != nil, [.spectrum]),
            ("--weight", weight != nil, [.spectrum]), ("--scale", scale != nil, [.hermite]), ("--basis", basis != nil, [.hermite]),
            ("--channels", channels != nil, [.cntk]), ("--pixels", pixels != nil, [.cntk]), ("--filters", filters != nil, [.cntk]),
            ("--weight-variance", variances.weight != nil, [.spectrum, .layers]), ("--bias-variance", variances.bias != nil, [.spectrum, .layers]),
            ("--norm2", variances.norm2 != nil, [.spectrum, .layers]),
        ]
        for (option, given, kinds) in applies where given && !kinds.contains(figure) {
            throw ValidationError("\(option) does not apply to prism plot \(figure.rawValue)")
        }
        if [.spectrum, .layers].contains(figure) { _ = try requiredDimension() }
        if activations.isEmpty { throw ValidationError("prism plot \(figure.rawValue) needs an activation") }
        if figure == .layers && activations.count > 1 { throw ValidationError("prism plot layers takes one activation, got \(activations.count)") }
        if depth != nil && depths != nil { throw ValidationError("give --depth L or --depths L1,L2,…, not both") }
        if depths != nil && activations.count > 1 { throw ValidationError("--depths overlays the depths of one activation; got \(activations.count) activations") }
        if activations.count > 7 { throw ValidationError("at most 7 curves overlay in one figure, got \(activations.count) activations") }
        _ = try depthList()
    }

    /// The depths to draw: --depths, else --depth, else 1.
    func depthList() throws -> [Int] {
        guard let depths else { return [depth ?? 1] }
        let words = depths.split(separator: ",", omittingEmptySubsequences: false)
        let list = words.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !list.isEmpty, list.count == words.count else { throw ValidationError("--depths must be integers separated by commas, got \"\(depths)\"") }
        guard list.count <= 7 else { throw ValidationError("at most 7 depths overlay in one figure, got \(list.count)") }
        return list
    }

    /// --dim, which spectrum and layers need (`validate()` asks for it first).
    func requiredDimension() throws -> Int {
        guard let dimension else { throw ValidationError("prism plot \(figure.rawValue) needs --dim D") }
        return dimension
    }

    func output() throws -> String {
        // hea takes a kernel name (rbf:W2 …), not only an activation.
        if figure == .hea { return try plotHEA() }
        let sigmas = try activations.map { try Activation(parsing: $0) }
        switch figure {
        case .spectrum:
            return try plotSpectrum(sigmas, dimension: try requiredDimension(), kernel: kernel ?? .nngp, depths: try depthList(), weight: weight ?? .none)
        case .layers:
            return try plotLayers(sigmas[0], dimension: try requiredDimension(), depth: depth ?? 1)
        case .hermite:
            return try plotHermite(sigmas, scale: try Rational(parsing: scale ?? "1"), basis: basis ?? .normalized)
        case .cntk:
            return try plotCNTK(sigmas[0], kernel: kernel ?? .nngp)
        case .learningCurve: return try plotLearningCurve()
        case .hea: return try plotHEA()
        }
    }
}

/// Options every figure takes.
struct PlotOutputOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "The file to write: .svg, or .pdf/.png through rsvg-convert or cairosvg (its directory must exist).") var output: String
    @Option(parsing: .unconditional, help: "A title replacing the default one (_{…} and ^{…} write sub- and superscripts).") var title: String?
    @Flag(name: .customLong("no-caption"), help: "Leave out the caption lines under the plot.") var noCaption = false

    /// The output format, from the file name's extension.
    enum Format: String { case svg, pdf, png }

    var format: Format? { Format(rawValue: URL(fileURLWithPath: output).pathExtension.lowercased()) }

    func validate() throws {
        guard let format else { throw ValidationError("--output must name an .svg, .pdf or .png file, got \"\(output)\"") }
        if format != .svg && PlotOutputOptions.converter() == nil {
            throw ValidationError("--output \(format.rawValue) needs rsvg-convert (Debian: librsvg2-bin) or cairosvg on PATH; write .svg instead")
        }
    }

    /// The first SVG converter on PATH: rsvg-convert, then cairosvg.
    static func converter() -> (name: String, path: String)? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for name in ["rsvg-convert", "cairosvg"] {
            for dir in path.split(separator: ":") where FileManager.default.isExecutableFile(atPath: "\(dir)/\(name)") {
                return (name, "\(dir)/\(name)")
            }
        }
        return nil
    }

    /// Writes the figure and returns the one-line summary printed on stdout.
    func write(_ figure: PlotFigure, summary: String) throws -> String {
        var figure = figure
        if let title { figure.title = title }
        figure.showsCaption = !noCaption
        let svg = try figure.svg()
        let url = URL(fileURLWithPath: output)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("cannot write \(output): the directory \(directory) does not exist")
        }
        do {
            if format == .svg {
                try Data(svg.utf8).write(to: url, options: .atomic)
            } else {
                try convert(svg, to: url)
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            throw ValidationError("cannot write \(output): \(String(describing: error).split(separator: "\n").first ?? "")")
        }
        return "wrote \(output): \(summary)\n"
    }

    /// SVG → PDF or PNG with the converter found on PATH (a scratch SVG next to nothing the user owns).
    private func convert(_ svg: String, to url: URL) throws {
        guard let format, let (name, path) = PlotOutputOptions.converter() else {
            throw ValidationError("no SVG converter (rsvg-convert or cairosvg) on PATH")
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("prism-plot-\(ProcessInfo.processInfo.processIdentifier).svg")
        try Data(svg.utf8).write(to: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = name == "rsvg-convert"
            ? ["-f", format.rawValue, "-o", url.path, scratch.path] + (format == .png ? ["-z", "2"] : [])
            : [scratch.path, "-o", url.path] + (format == .png ? ["-s", "2"] : [])
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("\(name) could not write \(url.path): \(message.split(separator: "\n").first ?? "exit \(process.terminationStatus)")")
        }
    }
}

/// Compact list of left-out indices: `0, 2, 4` or `0, 2, 4, …, 40 (21 values)`.
func plotIndexList(_ indices: [Int]) -> String {
    if indices.count <= 6 { return indices.map(String.init).joined(separator: ", ") }
    return indices.prefix(3).map(String.init).joined(separator: ", ") + ", …, \(indices.last!) (\(indices.count) values)"
}

/// Digits used for plotted values: enough that the certified double is decided (the figure needs only it).
let plotDigits = 17

enum PlotWeight: String, ExpressibleByArgument, CaseIterable {
    case none, multiplicity
}

/// Drawing helpers shared by the decay figures.
enum PlotDecay {
    /// Points split by the parity of their degree, as separate series when both parities occur
    /// (twice or more each); names in `SVGDocument.math` markup.
    static func parityCurves(_ name: String, _ points: [PlotSeries.Point], variable: String) -> [PlotSeries] {
        let even = points.filter { Int($0.x) % 2 == 0 }, odd = points.filter { Int($0.x) % 2 != 0 }
        if even.count >= 2 && odd.count >= 2 {
            return [PlotSeries(name: "\(name), \(variable) even", points: even), PlotSeries(name: "\(name), \(variable) odd", points: odd)]
        }
        return [PlotSeries(name: name, points: points)]
    }

    /// The least-squares line log y = a + s log x over the points with x ≥ the median x (the tail):
    /// returns (s, a), or nil with fewer than three such points.
    static func fit(_ points: [PlotSeries.Point]) -> (slope: Double, intercept: Double)? {
        let xs = points.map(\.x).sorted()
        guard let median = xs.isEmpty ? nil : xs[xs.count / 2] else { return nil }
        let tail = points.filter { $0.x >= median }
        guard tail.count >= 3 else { return nil }
        let lx = tail.map { log($0.x) }, ly = tail.map { log($0.y) }
        let mx = lx.reduce(0, +) / Double(lx.count), my = ly.reduce(0, +) / Double(ly.count)
        var sxy = 0.0, sxx = 0.0
        for (x, y) in zip(lx, ly) { sxy += (x - mx) * (y - my); sxx += (x - mx) * (x - mx) }
        guard sxx > 0 else { return nil }
        let s = sxy / sxx
        return (s, my - s * mx)
    }

    /// A reference series for each data curve's fitted power law, drawn over the degrees it was fitted
    /// on; its legend names the exponent and the curve's parity (`fit ∝ k^{−2.51}, k even`).
    static func fittedReferences(_ curves: [PlotSeries], variable: String) -> [PlotSeries] {
        curves.compactMap { curve in
            guard let (s, a) = fit(curve.points), s.isFinite else { return nil }
            let xs = curve.points.map(\.x).sorted()
            let from = xs[xs.count / 2], to = xs[xs.count - 1]
            let exponent = String(format: "%.2f", s).replacingOccurrences(of: "-", with: "\u{2212}")
            let parity = curve.name.hasSuffix(" even") || curve.name.hasSuffix(" odd")
                ? "," + (curve.name.split(separator: ",").last.map(String.init) ?? "") : ""
            let points = [from, to].map { PlotSeries.Point(x: $0, y: exp(a + s * log($0))) }
            return PlotSeries(name: "fit ∝ \(variable)^{\(exponent)}\(parity)", points: points, style: .reference)
        }
    }
}

extension PlotCommand {
    func plotSpectrum(_ sigmas: [Activation], dimension: Int, kernel: KernelKind, depths: [Int], weight: PlotWeight) throws -> String {
        let overlay = sigmas.count > 1 || depths.count > 1
        var series: [PlotSeries] = [], notes: [String] = [], drawn = 0, routes: [String] = [], first: [String] = []
        for sigma in sigmas {
            for depth in depths {
                let spectrum = try KernelSpectrum(model: KernelModel(activation: sigma, kind: kernel, depth: depth, variances: variances.variances()),
                                                  dimension: dimension, maxDegree: degree)
                let values = try spectrum.certified(digits: plotDigits)
                let multiplicities = try spectrum.multiplicities
                var mu: [PlotSeries.Point] = [], weighted: [PlotSeries.Point] = [], zeros: [Int] = [], tiny: [Int] = []
                for k in 1..<values.count {
                    let v = values[k]
                    if v.exact == "0" || v.value == "0" { zeros.append(k); continue }
                    guard v.double > 0, v.double.isFinite else { tiny.append(k); continue }
                    mu.append(.init(x: Double(k), y: v.double))
                    let n = Double(multiplicities[k].description) ?? .infinity
                    if (n * v.double).isFinite { weighted.append(.init(x: Double(k), y: n * v.double)) }
                }
                drawn += mu.count
                let curve = overlay ? (sigmas.count > 1 ? sigma.name : "") + (depths.count > 1 ? (sigmas.count > 1 ? ", " : "") + "L = \(depth)" : "") : ""
                let label = curve.isEmpty ? "μ_{k}" : curve
                let of = curve.isEmpty ? "" : " (\(curve))"
                let data = PlotDecay.parityCurves(label, mu, variable: "k")
                series += data
                if weight == .multiplicity { series += PlotDecay.parityCurves("N(d,k)·μ_{k}" + (curve.isEmpty ? "" : ", \(curve)"), weighted, variable: "k") }
                if !overlay { series += PlotDecay.fittedReferences(data, variable: "k") }
                first.append(curve.isEmpty ? values[0].value : "\(values[0].value) (\(curve))")
                if !zeros.isEmpty { notes.append("μ_{k} = 0 exactly\(of), not drawn: k = \(plotIndexList(zeros)).") }
                if !tiny.isEmpty { notes.append("Below the double range\(of), not drawn: k = \(plotIndexList(tiny)).") }
                if !routes.contains(spectrum.route) { routes.append(spectrum.route) }
            }
        }
        notes.insert("k = 0 is not drawn (log axis); μ_{0} = \(first.joined(separator: ", ")).", at: 0)
        if !overlay { notes.append("Dashed: least-squares power law fitted to μ_{k} over the upper half of the degrees drawn.") }
        notes.append("Route: \(routes.joined(separator: "; ")). Values: certified binary64 (prism spectrum).")
        let who = sigmas.count > 1 ? sigmas.map(\.name).joined(separator: ", ") : sigmas[0].name
        let depthText = depths.count > 1 ? "depths \(depths.map(String.init).joined(separator: ", "))" : "depth \(depths[0])"
        let figure = PlotFigure(
            title: "\(kernel.rawValue.uppercased()) eigenvalues of \(who), \(depthText), on S^{\(dimension - 1)}",
            xLabel: "degree k", yLabel: weight == .multiplicity ? "μ_{k} and N(d,k)·μ_{k}" : "eigenvalue μ_{k}",
            xScale: .log, yScale: .log, series: series, notes: notes)
        let subject = sigmas.count > 1 ? "\(sigmas.count) activations" : sigmas[0].name
        return try plot.write(figure, summary: "\(kernel.rawValue) spectrum of \(subject), \(drawn) eigenvalues drawn, k = 1…\(degree)")
    }
}

extension PlotCommand {
    func plotLayers(_ sigma: Activation, dimension: Int, depth: Int) throws -> String {
        let table = try CertifiedReports.layerValues(model: KernelModel(activation: sigma, kind: .ntk, depth: depth, variances: variances.variances()),
                                                     dimension: dimension, degree: degree, digits: plotDigits)
        var series: [PlotSeries] = [], undefined: [Int] = [], zeroRatios: [String] = []
        for l in 0...depth {
            var points: [PlotSeries.Point] = []
            for k in 1...Swift.max(degree, 1) where k <= degree {
                guard let r = table.ratios[k][l] else { if l == 0 { undefined.append(k) }; continue }
                if r.double > 0 && r.double.isFinite { points.append(.init(x: Double(k), y: r.double)) } else { zeroRatios.append("(\(k), \(l))") }
            }
            let role = l == 0 ? " (first layer)" : (l == depth ? " (readout)" : "")
            series.append(PlotSeries(name: "ℓ = \(l)\(role)", points: points))
        }
        var notes: [String] = []
        notes.append("k = 0 is not drawn (log axis).")
        if !undefined.isEmpty { notes.append("μ_{k}(κ_{L}) = 0 exactly (ratio undefined), not drawn: k = \(plotIndexList(undefined)).") }
        if !zeroRatios.isEmpty {
            let shown = zeroRatios.count <= 6 ? zeroRatios.joined(separator: ", ") : zeroRatios.prefix(3).joined(separator: ", ") + ", … (\(zeroRatios.count))"
            notes.append("Ratio 0 (log axis), not drawn at (k, ℓ) = \(shown).")
        }
        notes.append("κ_{ℓ} = Σ^{(ℓ)} Π_{j>ℓ} Σ̇^{(j)}: ℓ = 0 is the first layer's weights, ℓ = L the readout.")
        let figure = PlotFigure(
            title: "Layer-wise NTK eigenvalue ratios of \(sigma.name), depth \(depth), on S^{\(dimension - 1)}",
            xLabel: "degree k", yLabel: "μ_{k}(κ_{ℓ}) / μ_{k}(κ_{L})", xScale: .log, yScale: .log,
            series: series, notes: notes)
        return try plot.write(figure, summary: "layer-wise ratios of \(sigma.name), \(depth + 1) layers, k = 1…\(degree)")
    }
}

extension HermiteBasis {
    /// The coefficient's symbol in this basis, in `SVGDocument.math` markup (Docs/conventions.md §2).
    var symbol: String {
        switch self {
        case .normalized: return "b_{n}"
        case .probabilists: return "a_{n}"
        case .physicists: return "p_{n}"
        }
    }
}

extension PlotCommand {
    func plotHermite(_ sigmas: [Activation], scale s: Rational, basis: HermiteBasis) throws -> String {
        var series: [PlotSeries] = [], notes: [String] = [], routes: [String] = [], drawn = 0, first: [String] = []
        for sigma in sigmas {
            let report = try CertifiedReports.hermite(sigma, degree: degree, scale: s, basis: basis, digits: plotDigits)
            let values = report.rows.map(\.value)
            if case .string(let r)? = report.parameters.first(where: { $0.0 == "route" })?.1, !routes.contains(r) { routes.append(r) }
            var points: [PlotSeries.Point] = [], zeros: [Int] = [], tiny: [Int] = []
            for (n, v) in values.enumerated() where n > 0 {
                if v.exact == "0" || v.value == "0" { zeros.append(n); continue }
                let m = Swift.abs(v.double)
                guard m > 0, m.isFinite else { tiny.append(n); continue }
                points.append(.init(x: Double(n), y: m))
            }
            drawn += points.count
            let of = sigmas.count > 1 ? " (\(sigma.name))" : ""
            let name = sigmas.count > 1 ? sigma.name : "|\(basis.symbol)(σ; \(s))|"
            let data = PlotDecay.parityCurves(name, points, variable: "n")
            series += data
            if sigmas.count == 1 { series += PlotDecay.fittedReferences(data, variable: "n") }
            if let b0 = values.first { first.append(sigmas.count > 1 ? "\(b0.value) (\(sigma.name))" : b0.value) }
            if !zeros.isEmpty { notes.append("\(basis.symbol) = 0 exactly\(of), not drawn: n = \(plotIndexList(zeros)).") }
            if !tiny.isEmpty { notes.append("Outside the double range\(of), not drawn: n = \(plotIndexList(tiny)).") }
        }
        notes.insert("n = 0 is not drawn (log axis); \(basis.symbol.replacingOccurrences(of: "{n}", with: "{0}")) = \(first.joined(separator: ", ")).", at: 0)
        if sigmas.count == 1 { notes.append("Dashed: least-squares power law over the upper half of the degrees drawn.") }
        notes.append("Route: \(routes.joined(separator: "; ")). Values: certified binary64 (prism hermite, \(basis.rawValue) basis).")
        let who = sigmas.map(\.name).joined(separator: ", ")
        let figure = PlotFigure(
            title: "Hermite coefficients of \(who) (\(basis.rawValue), s = \(s))",
            xLabel: "degree n", yLabel: "|\(basis.symbol)|", xScale: .log, yScale: .log,
            series: series, notes: notes)
        let subject = sigmas.count > 1 ? "\(sigmas.count) activations" : sigmas[0].name
        return try plot.write(figure, summary: "Hermite coefficients of \(subject), \(drawn) drawn, n = 1…\(degree)")
    }
}
