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

    @Argument(help: "The activation.") var activation: String
    @Option(help: "The highest derivative order N.") var order: Int
    @OptionGroup var options: OutputOptions

    func output() throws -> String {
        let sigma = try Activation(parsing: activation)
        let rows = try TaylorCommand.certifiedValues(sigma, order: order, digits: options.digits).enumerated().map {
            ReportRow(index: .int($0), value: $1)
        }
        return options.render(Report(
            command: "taylor",
            parameters: [("activation", .string(sigma.name)), ("order", .int(order)), ("digits", .int(options.digits))],
            conventions: "taylor-derivatives-at-0", rows: rows))
    }
}

extension TaylorCommand {
    /// σ^(k)(0), k = 0…order, exact and certified to `digits` digits (shared by `prism taylor` and `prism emit`).
    static func certifiedValues(_ sigma: Activation, order: Int, digits: Int) throws -> [CertifiedValue] {
        try sigma.taylorDerivatives(order: order).map { try CertifiedValue(exact: $0, digits: digits) }
    }
}
