import ArgumentParser
import PrismNumbers
import PrismActivations
import PrismKernels
import PrismConvolutional
import PrismTables

struct CNTKCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "cntk",
        abstract: "Eigenvalues λ_k of convolutional NNGP/NTK kernels on products of spheres, one row per multi-index k.",
        discussion: """
        P pixels on S^(ζ−1), non-overlapping filters q1,…,qL (stride = filter, their product divides P), the \
        activation after every level, normalized dual activations (Docs/conventions.md §11). λ_k = E[K Π_j P_{k_j}(t_j)] \
        with multiplicity Π_j N(ζ, k_j); λ_k = 0 exactly when the support of k leaves one receptive field \
        (locality). The arc-cosine family (relu, leaky_relu, abs, step, sign) with one level and odd ζ is exact; \
        otherwise it is certified by a quadrature over at most three variables per receptive field (its pixels, or for \
        odd ζ the means of the first level's groups), by the kernel's power series in the field's mean when the first \
        filter spans the field, or by the power series of the levels from the last filter of size ≥ 2 up in the \
        outputs of the subtrees it groups, their moments by a quadrature over one subtree; smooth activations (erf, tanh, sin, gelu, …) are certified through the \
        dual-activation series at any depth. The JSON parameter route names the route; Docs/convolutional.md says \
        what each covers. \
        --decay prints the local decay exponents along the rays (n,0,…), (n,n,0,…), (n,1,0,…); --sum-rule \
        appends Σ mult·λ over the block, K(1,…,1) and the gap between them.
        """
    )

    @Argument(help: "The activation.") var activation: String
    @Option(parsing: .unconditional, help: "Channels ζ ≥ 2 per pixel (each pixel lies on S^(ζ−1)).") var channels: Int
    @Option(parsing: .unconditional, help: "Number of pixels P.") var pixels: Int
    @Option(parsing: .unconditional, help: "Filter sizes q1,q2,… (one per level).") var filters: String
    @Option(name: .customLong("max-degree"), parsing: .unconditional, help: "The highest total degree Σ k_j.") var maxDegree: Int
    @Option(help: "nngp | ntk") var kernel: KernelKind = .nngp
    @Flag(help: "Local decay exponents along rays instead of the block.") var decay = false
    @Flag(name: .customLong("sum-rule"), help: "Append the sum rule rows (sum, diagonal, gap).") var sumRule = false
    @OptionGroup var options: OutputOptions

    static func parseFilters(_ text: String) throws -> [Int] {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false)
        return try parts.map { part in
            guard let q = Int(part) else {
                throw PrismError.domain("--filters takes sizes q1,q2,… (positive integers), got \(text)")
            }
            return q
        }
    }

    func output() throws -> String {
        let sigma = try Activation(parsing: activation)
        let architecture = try ConvolutionalArchitecture(channels: channels, pixels: pixels, filters: try CNTKCommand.parseFilters(filters))
        let D = options.digits
        var parameters: [(String, JSONValue)] = [
            ("activation", .string(sigma.name)), ("channels", .int(channels)), ("pixels", .int(pixels)),
            ("filters", .string(architecture.filters.map(String.init).joined(separator: ","))), ("max_degree", .int(maxDegree)),
            ("kernel", .string(kernel.rawValue)), ("digits", .int(D)),
        ]
        if decay {
            let points = try ConvolutionalDecay.rays(activation: sigma, architecture: architecture, maxDegree: maxDegree, kind: kernel, digits: D)
            let route = try ConvolutionalSpectrum(activation: sigma, architecture: architecture, indices: [], kind: kernel).routeName
            parameters.append(("route", .string(route)))
            let rows = points.map { p in
                ReportRow(index: .string(ConvolutionalArchitecture.indexString(p.index)), value: p.value,
                          extra: [("ray", .string(p.ray.rawValue)), ("total_degree", .int(p.totalDegree)),
                                  ("exponent", p.exponentText.map(JSONValue.string) ?? .null)])
            }
            return try options.render(Report(command: "cntk", parameters: parameters, conventions: "cntk-decay-\(kernel.rawValue)", rows: rows))
        }
        let spectrum = try ConvolutionalSpectrum(activation: sigma, architecture: architecture, maxDegree: maxDegree, kind: kernel)
        parameters.append(("route", .string(spectrum.routeName)))
        let values = try spectrum.certified(digits: D)
        let multiplicities = try spectrum.multiplicities()
        var rows = zip(spectrum.indices, zip(values, multiplicities)).map { k, vm in
            ReportRow(index: .string(ConvolutionalArchitecture.indexString(k)), value: vm.0, extra: [("multiplicity", .integer(vm.1))])
        }
        if sumRule {
            let rule = try spectrum.sumRule(digits: D)
            rows += [("sum", rule.partial), ("diagonal", rule.total), ("gap", rule.gap)].map { name, v in
                ReportRow(index: .string(name), value: v, extra: [("multiplicity", .null)])
            }
        }
        return try options.render(Report(command: "cntk", parameters: parameters, conventions: "cntk-eigenvalues-normalized-\(kernel.rawValue)", rows: rows))
    }
}

extension PlotCommand {
    /// `prism plot cntk ACT --channels Z --pixels P --filters q1,… --degree K [--kernel nngp|ntk] --output F.svg`:
    /// the rays of `prism cntk --decay` (total degree ≤ K) on log–log axes.
    func plotCNTK(_ sigma: Activation, kernel: KernelKind) throws -> String {
        guard let channels, let pixels, let filters else { throw PrismError.domain("prism plot cntk needs --channels Z --pixels P --filters q1,…") }
        let architecture = try ConvolutionalArchitecture(channels: channels, pixels: pixels, filters: try CNTKCommand.parseFilters(filters))
        let points = try ConvolutionalDecay.rays(activation: sigma, architecture: architecture, maxDegree: degree, kind: kernel, digits: plotDigits)
        let route = try ConvolutionalSpectrum(activation: sigma, architecture: architecture, indices: [], kind: kernel).routeName
        let figure = try PlotFigure.cntkDecay(points, title: "Convolutional \(kernel.rawValue.uppercased()) eigenvalues of \(sigma.name): "
            + "P = \(pixels) pixels on S^\(channels - 1), filters \(architecture.filters.map(String.init).joined(separator: ","))", route: route)
        return try plot.write(figure, summary: "\(kernel.rawValue) cntk spectrum of \(sigma.name) along \(figure.series.count) rays, |k| ≤ \(degree)")
    }
}
