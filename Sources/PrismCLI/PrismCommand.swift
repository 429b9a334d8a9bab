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
        subcommands: [EvalCommand.self, TaylorCommand.self, PolyCommand.self, ConnectionCommand.self, HermiteCommand.self, KernelCommand.self, SpectrumCommand.self, LayersCommand.self, VerifyCommand.self, TableCommand.self, EmitCommand.self, PlotCommand.self, AuditCommand.self,
                      HEACommand.self,
                      LearnCommand.self]
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
    /// Options CONTRACT.md gives every command that two commands have no use for, and what to use instead:
    /// emit's output format is its `--lang`; plot writes an SVG of doubles (certified to 17 digits).
    static let inapplicableOptions: [String: [String: String]] = [
        "emit": ["--format": "emit prints source code: choose it with --lang swift|c|python|json|latex (--lang json gives the CONTRACT rows)"],
        "plot": ["--format": "plot writes an SVG figure (--output F.svg); for the numbers run prism spectrum|layers|hermite with the same arguments",
                 "--digits": "plot draws doubles, each certified to 17 significant digits; for more digits run prism spectrum|layers|hermite --digits D"],
    ]

    public static func execute(_ arguments: [String]) -> CommandResult {
        if let name = arguments.first, let options = inapplicableOptions[name] {
            for word in arguments.dropFirst() {
                let option = String(word.split(separator: "=", maxSplits: 1).first ?? "")
                if let why = options[option] { return failure(status: 2, message: "\(option) does not apply to \(name): \(why)") }
            }
        }
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
