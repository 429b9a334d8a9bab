import ArgumentParser
import PrismNumbers
import PrismActivations
import PrismKernels
import PrismTables

extension KernelKind: ExpressibleByArgument {}

struct SpectrumCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "spectrum",
        abstract: "Funk–Hecke eigenvalues μ_k and multiplicities N(d,k) of a kernel on S^(d−1): an activation's deep NNGP/NTK or a function of ⟨x,y⟩.",
        discussion: """
        μ_k = ∫ f(t) P_k^(d)(t) c_d (1−t²)^((d−3)/2) dt (Docs/conventions.md §3). The kernel: an activation's deep NNGP or \
        NTK, normalized (default, §5) or with neural-tangents' variances (--weight-variance, --bias-variance, --norm2; §9), \
        or --dot-product EXPR, a function of t = ⟨x,y⟩ (§10). The route that certified the values is printed (JSON \
        parameter route; Docs/kernels.md): exact arc-cosine moments (relu, abs, leaky_relu, step, sign at depth 1), \
        θ quadrature (that family at any depth, and dot-product functions that are not absolutely monotone, such as \
        the Laplace kernel exp(-sqrt(2-2*t))), or the kernel's power series (smooth activations, absolutely monotone f).
        """
    )

    @Argument(help: ActivationArgument.help) var activation: String?
    @Option(name: .customLong("dot-product"), parsing: .unconditional,
            help: "Instead of an activation: the kernel f(⟨x,y⟩) as an expression in t, e.g. exp(2*t), 1/(2-t), exp(-sqrt(2-2*t)).")
    var dotProduct: String?
    @Option(name: .customLong("dim"), parsing: .unconditional, help: "Sphere dimension d ≥ 2.") var dimension: Int
    @Option(parsing: .unconditional, help: "The highest degree K.") var degree: Int
    @Option(parsing: .unconditional, help: "nngp | ntk; activations only (default: nngp).") var kernel: KernelKind?
    @Option(parsing: .unconditional, help: "Number of hidden layers L ≥ 1; activations only (default: 1).") var depth: Int?
    @OptionGroup var variances: VarianceOptions
    @OptionGroup var effective: EffectiveDimensionOptions
    @OptionGroup var options: OutputOptions

    func validate() throws {
        if (activation == nil) == (dotProduct == nil) { throw SpectrumCommand.oneFunction }
        if dotProduct != nil {
            for (name, given) in [("--kernel", kernel != nil), ("--depth", depth != nil),
                                  ("--weight-variance", variances.weight != nil), ("--bias-variance", variances.bias != nil),
                                  ("--norm2", variances.norm2 != nil)] where given {
                throw ValidationError("\(name) applies to activations, not to --dot-product")
            }
        }
    }

    func model() throws -> KernelModel {
        if let dotProduct { return KernelModel(dotProduct: try DotProductFunction(parsing: dotProduct)) }
        guard let activation else { throw SpectrumCommand.oneFunction }
        return try variances.model(activation, kind: kernel ?? .nngp, depth: depth ?? 1)
    }

    static let oneFunction = ValidationError("give an activation or --dot-product EXPR (one of them)")

    func output() throws -> String {
        let model = try model()
        let report = try CertifiedReports.spectrum(model: model, dimension: dimension, degree: degree, digits: options.digits)
        return try options.render(try effective.appending(to: report, model: model, dimension: dimension, digits: options.digits))
    }
}

struct LayersCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "layers",
        abstract: "Per degree k, each layer's NTK eigenvalue μ_k(κ_ℓ) and its ratio to the readout layer's.",
        discussion: "κ_ℓ = Σ^(ℓ) Π_{j>ℓ} Σ̇^(j) (Docs/conventions.md §5): ℓ = 0 is the first layer's weights, ℓ = L the readout."
    )

    @Argument(help: ActivationArgument.help) var activation: String
    @Option(name: .customLong("dim"), parsing: .unconditional, help: "Sphere dimension d ≥ 2.") var dimension: Int
    @Option(parsing: .unconditional, help: "The highest degree K.") var degree: Int
    @Option(parsing: .unconditional, help: "Number of hidden layers L ≥ 1.") var depth: Int = 1
    @OptionGroup var variances: VarianceOptions
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        try options.render(try CertifiedReports.layers(model: variances.model(activation, kind: .ntk, depth: depth), dimension: dimension,
                                                       degree: degree, digits: options.digits))
    }
}

struct DualCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "dual",
        abstract: "E[σ(u)σ(v)] (or E[σ'(u)σ'(v)]) for (u, v) ~ N(0, [[q1, q12], [q12, q2]]): the dual activation with unequal variances.",
        discussion: """
        Mehler's series Σ b_n(σ; √q1) b_n(σ; √q2) ρ^n, ρ = q12/√(q1 q2), with a proven Cauchy–Schwarz tail \
        (Docs/kernels.md). |ρ| < 1, or q1 = q2 = q12 (then E[σ(u)²]). One row.
        """
    )

    @Argument(help: ActivationArgument.help) var activation: String
    @Option(parsing: .unconditional, help: "Var u = q1 > 0 (rational).") var q1: String
    @Option(parsing: .unconditional, help: "Var v = q2 > 0 (rational).") var q2: String
    @Option(parsing: .unconditional, help: "Cov(u, v) = q12 with q12² ≤ q1 q2 (rational).") var q12: String
    @Flag(help: "E[σ'(u)σ'(v)] instead (σ' must not be a Dirac delta).") var derivative = false
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        try options.render(try CertifiedReports.dual(try Activation(parsing: activation), q1: try Rational(parsing: q1), q2: try Rational(parsing: q2),
                                                     q12: try Rational(parsing: q12), derivative: derivative, digits: options.digits))
    }
}
