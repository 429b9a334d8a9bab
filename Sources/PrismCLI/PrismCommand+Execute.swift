import ArgumentParser
import PrismNumbers

/// What running `prism` produced.
public struct CommandResult: Sendable, Equatable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
}

extension PrismCommand {
    /// Options CONTRACT.md gives every command that two commands have no use for, and what to use instead:
    /// emit's output format is its `--lang`; plot writes an SVG of doubles (certified to 17 digits).
    static let inapplicableOptions: [String: [String: String]] = [
        "emit": ["--format": "emit prints source code: choose it with --lang swift|c|python|json|latex (--lang json gives the JSON rows)"],
        "plot": ["--format": "plot writes an SVG figure (--output F.svg); for the numbers run prism spectrum|layers|hermite with the same arguments",
                 "--digits": "plot draws doubles, each certified to 17 significant digits; for more digits run prism spectrum|layers|hermite --digits D"],
    ]

    /// Runs `prism` with `arguments` (without the program name) and returns its output and exit
    /// status, never exiting the process: 0 success (or help), 2 bad input, 1 not certifiable.
    /// Errors are one line on standard error, nothing on standard output.
    ///
    /// Parsing is swift-argument-parser's own: option values are read unconditionally (so
    /// `--scale -1/2` is a value, not an option), `validate()` checks ranges and combinations
    /// before any work, and every parser error (unknown option, missing or duplicate value,
    /// validation) becomes one line and exit status 2. `progress`: report the progress of long
    /// jobs on standard error (the caller passes whether standard error is a terminal).
    /// `columns`: the width of help texts (nil: the terminal's, or 80).
    public static func execute(_ arguments: [String], progress: Bool = false, columns: Int? = nil) -> CommandResult {
        if let name = arguments.first, let options = inapplicableOptions[name] {
            for word in arguments.dropFirst() {
                let option = String(word.split(separator: "=", maxSplits: 1).first ?? "")
                if let why = options[option] { return failure(status: 2, message: "\(option) does not apply to \(name): \(why)") }
            }
        }
        let names = configuration.subcommands.compactMap { $0.configuration.commandName }
        if arguments.first == "help", let name = arguments.dropFirst().first, !names.contains(name) {
            return failure(status: 2, message: "no command '\(name)' (commands: \(names.joined(separator: ", ")))")
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            if exitCode(for: error) == .success {
                return CommandResult(status: 0, standardOutput: fullMessage(for: error, columns: columns) + "\n", standardError: "")
            }
            return failure(status: 2, message: message(for: error))
        }
        guard let runnable = command as? any PrismSubcommand else {
            // `prism` alone and `prism help COMMAND`: their run() asks for a help message.
            do {
                var other = command
                try other.run()
                return CommandResult(status: 0, standardOutput: helpMessage(columns: columns) + "\n", standardError: "")
            } catch {
                if exitCode(for: error) == .success {
                    return CommandResult(status: 0, standardOutput: fullMessage(for: error, columns: columns) + "\n", standardError: "")
                }
                return failure(status: 2, message: message(for: error))
            }
        }
        if let repeated = repeatedOption(in: arguments.dropFirst(), allowed: type(of: runnable).repeatableOptions) {
            return failure(status: 2, message: "\(repeated) given more than once")
        }
        let reporter = Progress(enabled: progress, label: type(of: runnable).configuration.commandName ?? "prism")
        defer { reporter.finish() }
        do {
            let observer: (any ZivObserver)? = progress ? reporter : nil
            let output = try Progress.$current.withValue(reporter) {
                try ZivProgress.$observer.withValue(observer) { try runnable.output() }
            }
            return CommandResult(status: 0, standardOutput: output, standardError: "")
        } catch let error as PrismError {
            return failure(status: error.isInputError ? 2 : 1, message: error.description)
        } catch {
            return failure(status: 2, message: message(for: error))
        }
    }

    /// The first option (`--name` or `--name=value`, before a `--` terminator) given more than once,
    /// unless the command lets it repeat. swift-argument-parser keeps the last of repeated values;
    /// Prism rejects them, since `--degree 3 --degree 4` is almost always a mistake.
    static func repeatedOption(in arguments: ArraySlice<String>, allowed: Set<String>) -> String? {
        var seen: Set<String> = []
        for word in arguments {
            if word == "--" { break }
            guard word.hasPrefix("--"), word.count > 2 else { continue }
            let name = String(word.prefix { $0 != "=" })
            if !allowed.contains(name), !seen.insert(name).inserted { return name }
        }
        return nil
    }

    private static func failure(status: Int32, message: String) -> CommandResult {
        let firstLine = message.split(separator: "\n").first.map(String.init) ?? "error"
        let line = firstLine.hasPrefix("Error: ") ? String(firstLine.dropFirst(7)) : firstLine
        return CommandResult(status: status, standardOutput: "", standardError: "prism: \(line)\n")
    }
}
