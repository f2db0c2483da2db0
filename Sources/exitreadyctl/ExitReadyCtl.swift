import ArgumentParser
import ExitReadinessProtocol

/// `exitreadyctl`: evaluates exit readiness offline and queries the exitreadyd daemon.
@main
struct ExitReadyCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exitreadyctl",
        abstract: "Score how ready each outsourcing contract is for an exit, and explain every lost point.",
        discussion: """
            Offline commands read the inventory and dataroom themselves; online commands ask the exitreadyd \
            daemon over its Varlink socket. Exit status of check, status, scores and explain: 0 ready, \
            1 at-risk, 2 not-ready, 3 unknown (invalid input, unreadable paths, daemon unreachable), like a \
            monitoring plugin. See exitreadyctl(1) and exitready-inventory(5).
            """,
        version: ExitReadyVersion.current,
        subcommands: [
            CheckCommand.self, ValidateCommand.self, DataroomCommand.self,
            StatusCommand.self, ScoresCommand.self, ExplainCommand.self, HistoryCommand.self, AlertsCommand.self,
            WatchCommand.self, EvaluateCommand.self, ReloadCommand.self,
        ]
    )
}
