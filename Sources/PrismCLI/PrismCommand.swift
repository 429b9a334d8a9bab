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
        subcommands: [EvalCommand.self, TaylorCommand.self, PolyCommand.self, ConnectionCommand.self, HermiteCommand.self, KernelCommand.self, SpectrumCommand.self, LayersCommand.self, VerifyCommand.self, TableCommand.self, EmitCommand.self, PlotCommand.self, AuditCommand.self]
    )

    public init() {}
}

/// What running `prism` produced.
public struct CommandResult: Sendable, Equatable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

extension PrismCommand {
    /// Runs `prism` with `arguments` (without the program name) and returns its output
    /// and exit status, never exiting the process: 0 success (or help), 2 bad input,
    /// 1 not certifiable. Errors are one line on standard error, nothing on standard output.
    public static func execute(_ arguments: [String]) -> CommandResult {
        let command: ParsableCommand
        do {
            command = try parseAsRoot(CommandLineArguments.protectingNegativeValues(arguments))
        } catch {
            if exitCode(for: error) == .success {
                return CommandResult(status: 0, standardOutput: fullMessage(for: error) + "\n", standardError: "")
            }
            return failure(status: 2, message: message(for: error))
        }
        guard let runnable = command as? any PrismSubcommand else {
            // `prism` alone and `prism help COMMAND`: their run() asks for a help message.
            do {
                var other = command
                try other.run()
                return CommandResult(status: 0, standardOutput: helpMessage() + "\n", standardError: "")
            } catch {
                if exitCode(for: error) == .success {
                    return CommandResult(status: 0, standardOutput: fullMessage(for: error) + "\n", standardError: "")
                }
                return failure(status: 2, message: message(for: error))
            }
        }
        do {
            return CommandResult(status: 0, standardOutput: try runnable.output(), standardError: "")
        } catch let error as PrismError {
            return failure(status: error.isInputError ? 2 : 1, message: error.description)
        } catch {
            return failure(status: 2, message: message(for: error))
        }
    }

    private static func failure(status: Int32, message: String) -> CommandResult {
        let firstLine = message.split(separator: "\n").first.map(String.init) ?? "error"
        let line = firstLine.hasPrefix("Error: ") ? String(firstLine.dropFirst(7)) : firstLine
        return CommandResult(status: status, standardOutput: "", standardError: "prism: \(line)\n")
    }
}
