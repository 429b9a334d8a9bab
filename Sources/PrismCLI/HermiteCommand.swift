import ArgumentParser
import PrismNumbers
import PrismActivations
import PrismTables

extension HermiteBasis: ExpressibleByArgument {}

struct HermiteCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "hermite",
        abstract: "Hermite coefficients b_n(σ; s) = E[σ(s z) h_n(z)] (or a_n, or the physicists' p_n), n = 0…N.",
        discussion: """
        Exact where a closed form exists (polynomials, relu, leaky_relu, abs, step, sign, erf, sin, cos, exp, \
        gaussian, gelu, and expressions that are a polynomial on each side of 0 such as relu(x)^2); certified by rigorous integration otherwise (tanh, sigmoid, softplus, silu, gelu_tanh, \
        elu, user expressions), with exact zeros only where symmetry proves them. The scale s > 0 is the \
        preactivation standard deviation (a rational or decimal). Bases: normalized b_n (default), \
        probabilists a_n = b_n/√(n!), physicists p_n with σ(s x) = Σ p_n H_n(x). Degree limits: \
        \(HermiteCoefficients.maxExactDegree) (closed forms), \(HermiteCoefficients.maxDegree) (integration).
        """
    )

    @Argument(help: ActivationArgument.help) var activation: String
    @Option(parsing: .unconditional, help: "The highest degree N.") var degree: Int
    @Option(parsing: .unconditional, help: "The scale s > 0.") var scale: String = "1"
    @Option(parsing: .unconditional, help: "normalized | probabilists | physicists") var basis: HermiteBasis = .normalized
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        let sigma = try Activation(parsing: activation)
        let s = try Rational(parsing: scale)
        return try options.render(CertifiedReports.hermite(sigma, degree: degree, scale: s, basis: basis, digits: options.digits))
    }
}
