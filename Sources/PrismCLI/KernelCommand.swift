import ArgumentParser
import PrismNumbers
import PrismActivations
import PrismKernels
import PrismTables

extension LevelExpansion: ExpressibleByArgument {}

extension CertifiedReports.KernelSeriesKind: ExpressibleByArgument {}

struct KernelCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "kernel",
        abstract: "NNGP level coefficients c_ℓ (K = Σ c_ℓ/ℓ! ⟨x,x'⟩^ℓ), or the dual-activation series, ℓ = 0…N.",
        discussion: """
        Weights w ~ N(0, (α/d) I_d). --expansion sphere (default): on the sphere of radius R, \
        c_ℓ = ℓ! R^(−2ℓ) b_ℓ(σ; R√(α/d))². --expansion small-norm: c_ℓ = (α/d)^ℓ σ^(ℓ)(0)². \
        --series dual | dual-derivative | ntk-first-layer prints instead the ρ^n coefficients of \
        k(ρ) = E[σ(x)σ(y)] = ψ0, k̇(ρ) = E[σ'(x)σ'(y)] = ψ1, and ρψ1(ρ) (the two-layer NTK's first-layer part), \
        for (x, y) standard normal with correlation ρ (Docs/conventions.md §4–5). With --weight-variance/--bias-variance \
        (and --norm2 q, default d = --dim): the coefficients of the general-variance NNGP (or --kernel ntk) of depth \
        --depth as a power series in the cosine t = ⟨x,x'⟩/q (§9; Docs/kernels.md).
        """
    )

    @Argument(help: ActivationArgument.help) var activation: String
    @Option(parsing: .unconditional, help: "The highest level N.") var degree: Int
    @Option(parsing: .unconditional, help: "Weight variance numerator α > 0 (rational).") var alpha: String = "1"
    @Option(name: .customLong("dim"), parsing: .unconditional, help: "Input dimension d ≥ 1.") var dimension: Int = 1
    @Option(parsing: .unconditional, help: "Input norm R > 0 on the sphere (rational).") var radius: String = "1"
    @Option(parsing: .unconditional, help: "sphere | small-norm") var expansion: LevelExpansion = .sphere
    @Option(parsing: .unconditional, help: "level | dual | dual-derivative | ntk-first-layer") var series: CertifiedReports.KernelSeriesKind = .level
    @OptionGroup var variances: VarianceOptions
    @Option(parsing: .unconditional, help: "With the variance options: nngp | ntk (default: nngp).") var kernel: KernelKind?
    @Option(parsing: .unconditional, help: "With the variance options: hidden layers L ≥ 1 (default: 1).") var depth: Int?
    @OptionGroup var options: OutputOptions

    func validate() throws {
        let general = variances.weight != nil || variances.bias != nil
        if general {
            for (name, given) in [("--alpha", alpha != "1"), ("--radius", radius != "1"), ("--expansion", expansion != .sphere), ("--series", series != .level)] where given {
                throw ValidationError("\(name) does not apply with --weight-variance/--bias-variance (the §9 kernel's series in the cosine t)")
            }
        } else if kernel != nil || depth != nil {
            throw ValidationError("--kernel and --depth apply with --weight-variance or --bias-variance")
        }
    }

    func output() throws -> String {
        if variances.weight != nil || variances.bias != nil {
            let model = try variances.model(activation, kind: kernel ?? .nngp, depth: depth ?? 1)
            return try options.render(CertifiedReports.kernelSeries(model: model, dimension: dimension, degree: degree, digits: options.digits))
        }
        let sigma = try Activation(parsing: activation)
        let a = try Rational(parsing: alpha), r = try Rational(parsing: radius)
        return try options.render(CertifiedReports.kernel(sigma, degree: degree, alpha: a, dimension: dimension, radius: r,
                                                          expansion: expansion, series: series, digits: options.digits))
    }
}
