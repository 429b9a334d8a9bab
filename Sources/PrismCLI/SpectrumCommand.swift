import ArgumentParser
import PrismNumbers
import PrismActivations
import PrismKernels
import PrismTables

extension KernelKind: ExpressibleByArgument {}

struct SpectrumCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "spectrum",
        abstract: "Funk–Hecke eigenvalues μ_k and multiplicities N(d,k) of the normalized deep NNGP/NTK on S^(d−1).",
        discussion: """
        μ_k = φ_k/N(d,k) with φ_k = Σ_m f_m β_k^m(d), from the kernel's certified power series (CONVENTIONS §3, §5) \
        and the proven tail bound of a series with non-negative coefficients. Kernels of smooth activations \
        (erf, tanh, sin, gelu, …) certify to many digits. The arc-cosine family (relu, abs, leaky_relu; step \
        and sign for the NNGP) has exact eigenvalues at depth 1; deeper ReLU kernels go through certified \
        quadrature in θ = arccos t (the JSON parameter route says which). Deeper kernels of the rest of the \
        ReLU family decay too slowly for more than a few digits on the series route (exit 1 says so).
        """
    )

    @Argument(help: "The activation.") var activation: String
    @Option(name: .customLong("dim"), help: "Sphere dimension d ≥ 2.") var dimension: Int
    @Option(help: "The highest degree K.") var degree: Int
    @Option(help: "nngp | ntk") var kernel: KernelKind = .nngp
    @Option(help: "Number of hidden layers L ≥ 1.") var depth: Int = 1
    @OptionGroup var effective: EffectiveDimensionOptions
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        let sigma = try Activation(parsing: activation)
        let report = try CertifiedReports.spectrum(sigma, dimension: dimension, degree: degree, kind: kernel, depth: depth,
                                                   digits: options.digits)
        return options.render(try effective.appending(to: report, sigma, dimension: dimension, kind: kernel, depth: depth, digits: options.digits))
    }
}

struct LayersCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "layers",
        abstract: "Per degree k, each layer's NTK eigenvalue μ_k(κ_ℓ) and its ratio to the readout layer's.",
        discussion: "κ_ℓ = Σ^(ℓ) Π_{j>ℓ} Σ̇^(j) (CONVENTIONS §5): ℓ = 0 is the first layer's weights, ℓ = L the readout."
    )

    @Argument(help: "The activation.") var activation: String
    @Option(name: .customLong("dim"), help: "Sphere dimension d ≥ 2.") var dimension: Int
    @Option(help: "The highest degree K.") var degree: Int
    @Option(help: "Number of hidden layers L ≥ 1.") var depth: Int = 1
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        let sigma = try Activation(parsing: activation)
        let L = depth, K = degree, D = options.digits
        let table = try LayersCommand.layerValues(sigma, dimension: dimension, degree: K, depth: L, digits: D)
        var rows: [ReportRow] = []
        for k in 0...K {
            for l in 0...L {
                let ratio: JSONValue = table.ratios[k][l].map { .string($0.value) } ?? .null
                rows.append(ReportRow(index: .int(k), value: table.eigenvalues[k][l], extra: [("layer", .int(l)), ("ratio", ratio)]))
            }
        }
        return options.render(Report(
            command: "layers",
            parameters: [("activation", .string(sigma.name)), ("dim", .int(dimension)), ("degree", .int(K)), ("depth", .int(L)),
                         ("digits", .int(D))],
            conventions: "ntk-layerwise-eigenvalues", rows: rows))
    }
}

extension LayersCommand {
    /// Per degree k and layer ℓ: μ_k(κ_ℓ) and the ratio μ_k(κ_ℓ)/μ_k(κ_L) (nil where μ_k(κ_L) is
    /// proven 0), certified together to `digits` digits (shared by `prism layers` and `prism plot layers`).
    static func layerValues(_ sigma: Activation, dimension: Int, degree K: Int, depth L: Int,
                            digits D: Int) throws -> (eigenvalues: [[CertifiedValue]], ratios: [[CertifiedValue?]]) {
        let spectrum = try KernelSpectrum(activation: sigma, dimension: dimension, maxDegree: K, kind: .ntk, depth: L)
        let count = (K + 1) * (L + 1)
        // One Ziv loop over all eigenvalues and ratios: rows (k, ℓ) then the ratios.
        let values = try CertifiedValue.certifyAll(count: 2 * count, digits: D, startPrecision: Int(Double(D) * 3.33) + 32, precisionCap: 2048) { p in
            let mu = try spectrum.layerEigenvalues(precision: p)
            var out: [Interval] = []
            for k in 0...K { for l in 0...L { out.append(mu[l][k]) } }
            for k in 0...K {
                for l in 0...L {
                    // The ratio is undefined where the readout eigenvalue may be 0; report [0, 0] placeholders there.
                    if mu[L][k].containsZero { out.append(Interval(0, precision: p)) } else { out.append(try mu[l][k].dividing(by: mu[L][k])) }
                }
            }
            return out
        }
        let zero = spectrum.provenZero
        var eigenvalues: [[CertifiedValue]] = [], ratios: [[CertifiedValue?]] = []
        for k in 0...K {
            var mus: [CertifiedValue] = [], rs: [CertifiedValue?] = []
            for l in 0...L {
                let i = k * (L + 1) + l
                mus.append(zero[k] ? try CertifiedValue(exact: .zero, digits: D) : values[i])
                rs.append(zero[k] ? nil : values[count + i])
            }
            eigenvalues.append(mus)
            ratios.append(rs)
        }
        return (eigenvalues, ratios)
    }
}
