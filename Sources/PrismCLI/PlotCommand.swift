import ArgumentParser
import Foundation
import PrismNumbers
import PrismActivations
import PrismKernels
import PrismTables

/// The figures `prism plot` draws.
enum PlotKind: String, ExpressibleByArgument, CaseIterable {
    case spectrum, layers, hermite
    case learningCurve = "learning-curve", hea
}

/// `prism plot spectrum|layers|hermite ACT … --output FILE.svg`: the figures of CONTRACT, from the
/// same computations as `prism spectrum`, `prism layers` and `prism hermite` (values plotted are the
/// certified doubles).
struct PlotCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "SVG figures: eigenvalue decay (log–log), layer-wise NTK ratios, Hermite coefficient magnitudes.",
        discussion: """
        prism plot spectrum ACT --dim D --degree K [--kernel nngp|ntk] [--depth L] [--weight none|multiplicity] --output F.svg: \
        μ_k against k on log–log axes (as prism spectrum; --weight multiplicity also draws N(d,k)·μ_k). \
        prism plot layers ACT --dim D --degree K [--depth L] --output F.svg: μ_k(κ_ℓ)/μ_k(κ_L) against k, one line per \
        layer ℓ (as prism layers). prism plot hermite ACT --degree N [--scale S] [--basis B] --output F.svg: |b_n| \
        against n on a log axis (as prism hermite). Values that a logarithmic axis cannot show (exact zeros, k = 0 \
        on a log k axis) are left out and the figure's caption says which. The same command writes the same bytes.
        """
    )

    @Argument(help: "spectrum | layers | hermite") var figure: PlotKind
    @Argument(help: "The activation.") var activation: String
    @Option(help: "The highest degree K (or N).") var degree: Int
    @Option(name: .customLong("dim"), help: "spectrum, layers: sphere dimension d ≥ 2.") var dimension: Int?
    @Option(help: "spectrum: nngp | ntk (default nngp).") var kernel: KernelKind?
    @Option(help: "spectrum, layers: number of hidden layers L ≥ 1 (default 1).") var depth: Int?
    @Option(help: "spectrum: none | multiplicity (also draw N(d,k)·μ_k; default none).") var weight: PlotWeight?
    @Option(help: "hermite: the scale s > 0 (default 1).") var scale: String?
    @Option(help: "hermite: normalized | probabilists | physicists (default normalized).") var basis: HermiteBasis?
    @OptionGroup var plot: PlotOutputOptions
    @OptionGroup var learning: LearningPlotOptions

    func validate() throws {
        let applies: [(String, Bool, Set<PlotKind>)] = [
            ("--dim", dimension != nil, [.spectrum, .layers, .learningCurve]), ("--kernel", kernel != nil, [.spectrum, .learningCurve, .hea]),
            ("--depth", depth != nil, [.spectrum, .layers, .learningCurve, .hea]), ("--weight", weight != nil, [.spectrum]),
            ("--scale", scale != nil, [.hermite]), ("--basis", basis != nil, [.hermite]),
        ]
        for (option, given, kinds) in applies where given && !kinds.contains(figure) {
            throw ValidationError("\(option) does not apply to prism plot \(figure.rawValue)")
        }
        if [.spectrum, .layers].contains(figure) && dimension == nil { throw ValidationError("prism plot \(figure.rawValue) needs --dim D") }
    }

    func output() throws -> String {
        // hea takes a kernel name (rbf:W2 …), not only an activation.
        if figure == .hea { return try plotHEA() }
        let sigma = try Activation(parsing: activation)
        switch figure {
        case .spectrum:
            return try plotSpectrum(sigma, dimension: dimension!, kernel: kernel ?? .nngp, depth: depth ?? 1, weight: weight ?? .none)
        case .layers:
            return try plotLayers(sigma, dimension: dimension!, depth: depth ?? 1)
        case .hermite:
            return try plotHermite(sigma, scale: try Rational(parsing: scale ?? "1"), basis: basis ?? .normalized)
        case .learningCurve: return try plotLearningCurve()
        case .hea: return try plotHEA()
        }
    }
}

/// Options every figure takes.
struct PlotOutputOptions: ParsableArguments {
    @Option(help: "The SVG file to write (its directory must exist).") var output: String
    @Option(help: "A title replacing the default one.") var title: String?

    func validate() throws {
        guard output.lowercased().hasSuffix(".svg") else { throw ValidationError("--output must name an .svg file, got \"\(output)\"") }
    }

    /// Writes the figure and returns the one-line summary printed on stdout.
    func write(_ figure: PlotFigure, summary: String) throws -> String {
        var figure = figure
        if let title { figure.title = title }
        let svg = try figure.svg()
        let url = URL(fileURLWithPath: output)
        let directory = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("cannot write \(output): the directory \(directory) does not exist")
        }
        do {
            try Data(svg.utf8).write(to: url, options: .atomic)
        } catch {
            throw ValidationError("cannot write \(output): \(String(describing: error).split(separator: "\n").first ?? "")")
        }
        return "wrote \(output): \(summary)\n"
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

extension PlotCommand {
    func plotSpectrum(_ sigma: Activation, dimension: Int, kernel: KernelKind, depth: Int, weight: PlotWeight) throws -> String {
        let spectrum = try KernelSpectrum(activation: sigma, dimension: dimension, maxDegree: degree, kind: kernel, depth: depth)
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
        var notes = ["k = 0 is not drawn (log axis); μ_0 = \(values[0].value)."]
        if !zeros.isEmpty { notes.append("μ_k = 0 exactly, not drawn: k = \(plotIndexList(zeros)).") }
        if !tiny.isEmpty { notes.append("Below the double range (or not positive), not drawn: k = \(plotIndexList(tiny)).") }
        notes.append("Route: \(spectrum.route). Values: certified binary64 (prism spectrum).")
        var series = [PlotSeries(name: "μ_k", points: mu)]
        if weight == .multiplicity { series.append(PlotSeries(name: "N(d,k)·μ_k", points: weighted)) }
        let figure = PlotFigure(
            title: "\(kernel.rawValue.uppercased()) eigenvalues of \(sigma.name), depth \(depth), on S^\(dimension - 1) (d = \(dimension))",
            xLabel: "degree k", yLabel: weight == .multiplicity ? "μ_k and N(d,k)·μ_k" : "eigenvalue μ_k",
            xScale: .log, yScale: .log, series: series, notes: notes)
        return try plot.write(figure, summary: "\(kernel.rawValue) spectrum of \(sigma.name), \(mu.count) eigenvalues drawn, k = 1…\(degree)")
    }
}

extension PlotCommand {
    func plotLayers(_ sigma: Activation, dimension: Int, depth: Int) throws -> String {
        let table = try LayersCommand.layerValues(sigma, dimension: dimension, degree: degree, depth: depth, digits: plotDigits)
        var series: [PlotSeries] = [], undefined: [Int] = [], zeroRatios: [String] = []
        for l in 0...depth {
            var points: [PlotSeries.Point] = []
            for k in 0...degree {
                guard let r = table.ratios[k][l] else { if l == 0 { undefined.append(k) }; continue }
                if r.double > 0 && r.double.isFinite { points.append(.init(x: Double(k), y: r.double)) } else { zeroRatios.append("(\(k), \(l))") }
            }
            let role = l == 0 ? " (first layer)" : (l == depth ? " (readout)" : "")
            series.append(PlotSeries(name: "ℓ = \(l)\(role)", points: points))
        }
        var notes: [String] = []
        if !undefined.isEmpty { notes.append("μ_k(κ_L) = 0 exactly (ratio undefined), not drawn: k = \(plotIndexList(undefined)).") }
        if !zeroRatios.isEmpty {
            let shown = zeroRatios.count <= 6 ? zeroRatios.joined(separator: ", ") : zeroRatios.prefix(3).joined(separator: ", ") + ", … (\(zeroRatios.count))"
            notes.append("Ratio 0 (log axis), not drawn at (k, ℓ) = \(shown).")
        }
        notes.append("κ_ℓ = Σ^(ℓ) Π_{j>ℓ} Σ̇^(j) (CONVENTIONS §5); ℓ = 0 is the first layer's weights, ℓ = L the readout.")
        let figure = PlotFigure(
            title: "Layer-wise NTK eigenvalue ratios of \(sigma.name), depth \(depth), on S^\(dimension - 1)",
            xLabel: "degree k", yLabel: "μ_k(κ_ℓ) / μ_k(κ_L)", xScale: .linear, yScale: .log,
            series: series, notes: notes)
        return try plot.write(figure, summary: "layer-wise ratios of \(sigma.name), \(depth + 1) layers, k = 0…\(degree)")
    }
}

extension HermiteBasis {
    /// The coefficient's symbol in this basis (CONVENTIONS §2).
    var symbol: String {
        switch self {
        case .normalized: return "b_n"
        case .probabilists: return "a_n"
        case .physicists: return "p_n"
        }
    }
}

extension PlotCommand {
    func plotHermite(_ sigma: Activation, scale s: Rational, basis: HermiteBasis) throws -> String {
        let report = try CertifiedReports.hermite(sigma, degree: degree, scale: s, basis: basis, digits: plotDigits)
        let values = report.rows.map(\.value)
        var route = "unknown"
        if case .string(let r)? = report.parameters.first(where: { $0.0 == "route" })?.1 { route = r }
        var points: [PlotSeries.Point] = [], zeros: [Int] = [], tiny: [Int] = []
        for (n, v) in values.enumerated() {
            if v.exact == "0" || v.value == "0" { zeros.append(n); continue }
            let m = Swift.abs(v.double)
            guard m > 0, m.isFinite else { tiny.append(n); continue }
            points.append(.init(x: Double(n), y: m))
        }
        var notes: [String] = []
        if !zeros.isEmpty { notes.append("\(basis.symbol) = 0 exactly, not drawn: n = \(plotIndexList(zeros)).") }
        if !tiny.isEmpty { notes.append("Outside the double range, not drawn: n = \(plotIndexList(tiny)).") }
        notes.append("Route: \(route). Values: certified binary64 (prism hermite, \(basis.rawValue) basis).")
        let figure = PlotFigure(
            title: "Hermite coefficients of \(sigma.name) (\(basis.rawValue), s = \(s))",
            xLabel: "degree n", yLabel: "|\(basis.symbol)|", xScale: .linear, yScale: .log,
            series: [PlotSeries(name: "|\(basis.symbol)(σ; \(s))|", points: points)], notes: notes)
        return try plot.write(figure, summary: "Hermite coefficients of \(sigma.name), \(points.count) drawn, n = 0…\(degree)")
    }
}
