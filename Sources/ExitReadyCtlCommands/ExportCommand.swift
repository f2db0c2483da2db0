import ArgumentParser

/// `exitreadyctl export`: documents for tools outside exitready.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export evaluations for other tools (the DORA register of information).",
        subcommands: [ExportRegisterCommand.self]
    )
}
