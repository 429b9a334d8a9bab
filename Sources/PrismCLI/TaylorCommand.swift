import ArgumentParser
import PrismNumbers
import PrismActivations
import PrismTables

struct TaylorCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "taylor",
        abstract: "Exact Taylor derivatives σ^(k)(0), k = 0…N, of an activation.",
        discussion: """
        ACT is a catalogue name (\(Activation.catalogueNames.joined(separator: ", "))), with its parameter in \
        parentheses where it has one (leaky_relu(1/10), elu(1), monomial(3)), or a quoted expression in x \
        ("x*tanh(softplus(x))"). Activations that are not analytic at 0 (relu, leaky_relu, abs, step, sign, elu) \
        have no Taylor table: that is an error saying why. Order limit: \(Activation.maxTaylorOrder).
        """
    )

    @Argument(help: ActivationArgument.help) var activation: String
    @Option(parsing: .unconditional, help: "The highest derivative order N.") var order: Int
    @Flag(help: "Print the Taylor coefficients σ^(k)(0)/k! instead of the derivatives.") var coefficients = false
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        let sigma = try Activation(parsing: activation)
        return try options.render(coefficients ? try CertifiedReports.taylorCoefficients(sigma, order: order, digits: options.digits)
                                               : try CertifiedReports.taylor(sigma, order: order, digits: options.digits))
    }
}
