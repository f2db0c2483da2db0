import ArgumentParser

/// `exitreadyctl`: evaluates exit readiness offline and queries the exitreadyd daemon.
@main
struct ExitReadyCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exitreadyctl",
        abstract: "Score how ready each outsourcing contract is for an exit, and explain every lost point.",
        discussion: """
            Exit status of check: 0 ready, 1 at-risk, 2 not-ready, 3 unknown (invalid input, \
            unreadable paths), like a monitoring plugin. See exitreadyctl(1) and exitready-inventory(5).
            """,
        subcommands: [CheckCommand.self, ValidateCommand.self, DataroomCommand.self]
    )
}
