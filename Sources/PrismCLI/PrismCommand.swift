import ArgumentParser
import PrismNumbers

/// The `prism` root command.
public struct PrismCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "prism",
        abstract: "Exact and certified spectral coefficients of activations and kernels.",
        discussion: """
        Every printed digit is correct: values are correctly rounded, lower/upper enclose the \
        true value, and exact values print exactly. Exit status: 0 success, 2 bad input \
        (one line on stderr), 1 a computation that could not be certified within the limits.
        """,
        version: "0.1.0",
        subcommands: [EvalCommand.self, TaylorCommand.self, PolyCommand.self, ConnectionCommand.self, HermiteCommand.self, KernelCommand.self, SpectrumCommand.self, LayersCommand.self, DualCommand.self, VerifyCommand.self, TableCommand.self, EmitCommand.self, PlotCommand.self, AuditCommand.self, CNTKCommand.self, HEACommand.self, LearnCommand.self]
    )

    public init() {}
}
