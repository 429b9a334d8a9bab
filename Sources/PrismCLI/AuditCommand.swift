import ArgumentParser

struct AuditCommand: PrismSubcommand {
    static let configuration = CommandConfiguration(commandName: "audit", abstract: "(not yet implemented)")

    func output() throws -> String {
        throw ValidationError("prism audit is not implemented yet")
    }
}
