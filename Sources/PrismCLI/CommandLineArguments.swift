/// swift-argument-parser reads any word that starts with `-` as an option, so
/// `--degree -3` or `prism eval -2^2` would fail with a usage message. This
/// rewrites such values before parsing: an option value joins its option
/// (`--degree=-3`), and positional words that start with `-` move behind `--`.
enum CommandLineArguments {
    /// Options that take no value; every other `--name` takes one.
    static let flags: Set<String> = ["--all", "--help", "-h", "--version", "--exact", "--no-caption", "--list", "--manifest", "--traces", "--effective-dimension"]

    static func protectingNegativeValues(_ arguments: [String]) -> [String] {
        var options: [String] = []
        var positionals: [String] = []
        var needsSeparator = false
        var i = 0
        while i < arguments.count {
            let word = arguments[i]
            if word == "--" {
                positionals += arguments[(i + 1)...]
                needsSeparator = needsSeparator || arguments[(i + 1)...].contains { $0.hasPrefix("-") }
                break
            }
            if word.hasPrefix("--"), !word.contains("="), !flags.contains(word), word.count > 2 {
                if i + 1 < arguments.count {
                    options.append(word + "=" + arguments[i + 1])
                    i += 2
                    continue
                }
                options.append(word)
            } else if flags.contains(word) || (word.hasPrefix("--") && word.contains("=")) {
                options.append(word)
            } else if word.hasPrefix("-") && word.count > 1 {
                positionals.append(word)
                needsSeparator = true
            } else {
                positionals.append(word)
            }
            i += 1
        }
        guard needsSeparator else {
            // Keep the original order: subcommand names must come first.
            return positionals.prefix(1) + options + positionals.dropFirst()
        }
        // The subcommand name (the first positional) stays in front of the options.
        return Array(positionals.prefix(1)) + options + ["--"] + positionals.dropFirst()
    }
}
