import ArgumentParser

struct EmitCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(commandName: "emit", abstract: "(not yet implemented)")

    func output() throws -> String {
        throw ValidationError("prism emit is not implemented yet")
    }
}
