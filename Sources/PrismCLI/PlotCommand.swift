import ArgumentParser

struct PlotCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(commandName: "plot", abstract: "(not yet implemented)")

    func output() throws -> String {
        throw ValidationError("prism plot is not implemented yet")
    }
}
