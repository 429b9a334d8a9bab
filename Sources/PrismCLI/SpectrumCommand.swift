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

    @Argument(help: ActivationArgument.help) var activation: String
    @Option(name: .customLong("dim"), parsing: .unconditional, help: "Sphere dimension d ≥ 2.") var dimension: Int
    @Option(parsing: .unconditional, help: "The highest degree K.") var degree: Int
    @Option(parsing: .unconditional, help: "nngp | ntk") var kernel: KernelKind = .nngp
    @Option(parsing: .unconditional, help: "Number of hidden layers L ≥ 1.") var depth: Int = 1
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        let sigma = try Activation(parsing: activation)
        return try options.render(CertifiedReports.spectrum(sigma, dimension: dimension, degree: degree, kind: kernel, depth: depth,
                                                            digits: options.digits))
    }
}

struct LayersCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "layers",
        abstract: "Per degree k, each layer's NTK eigenvalue μ_k(κ_ℓ) and its ratio to the readout layer's.",
        discussion: "κ_ℓ = Σ^(ℓ) Π_{j>ℓ} Σ̇^(j) (CONVENTIONS §5): ℓ = 0 is the first layer's weights, ℓ = L the readout."
    )

    @Argument(help: ActivationArgument.help) var activation: String
    @Option(name: .customLong("dim"), parsing: .unconditional, help: "Sphere dimension d ≥ 2.") var dimension: Int
    @Option(parsing: .unconditional, help: "The highest degree K.") var degree: Int
    @Option(parsing: .unconditional, help: "Number of hidden layers L ≥ 1.") var depth: Int = 1
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        try options.render(try CertifiedReports.layers(try Activation(parsing: activation), dimension: dimension, degree: degree, depth: depth,
                                                   digits: options.digits))
    }
}
