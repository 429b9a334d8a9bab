import ArgumentParser

struct TableCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(commandName: "table", abstract: "(not yet implemented)")

    func output() throws -> String {
        throw ValidationError("prism table is not implemented yet")
    }
}
