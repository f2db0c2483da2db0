import ArgumentParser
import ExitReadiness
import ExitReadinessProtocol
import ExitReadyCtlOnline

/// `exitreadyctl` with every command: evaluates exit readiness offline and queries the
/// exitreadyd daemon. exitreadyd's binary runs it when started under the name exitreadyctl.
package struct ExitReadyCtl: ParsableCommand {
    package static let configuration = CommandConfiguration(
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
            CheckCommand.self, ValidateCommand.self, DataroomCommand.self, PlanCommand.self, ForecastCommand.self,
            StatusCommand.self, ScoresCommand.self, ExplainCommand.self, HistoryCommand.self, ChangesCommand.self,
            AlertsCommand.self,
            WatchCommand.self, EvaluateCommand.self, ReloadCommand.self, ExportCommand.self, MetricsCommand.self,
            ReportCommand.self,
        ]
    )

    package init() {}

    /// Parses and runs as ArgumentParser does, and after a mistyped subcommand names the
    /// closest one (`exitreadyctl scroes`: did you mean 'scores'?).
    package static func main() {
        let given = Array(CommandLine.arguments.dropFirst())
        if case .failure(let invalid) = JSONStyle.requested(in: given) {
            Output.error(invalid.message)
            Output.finish(status: ExitCode.validationFailure.rawValue)
        }
        let arguments = JSONStyle.normalized(given)
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            guard let hint = mistypedSubcommandHint(arguments) else { exit(withError: error) }
            Output.error(fullMessage(for: error) + "\n" + hint)
            Output.finish(status: exitCode(for: error).rawValue)
        }
    }

    /// `did you mean 'scores'?` when the first word that is not a subcommand, where one is
    /// expected, is close to one (`Suggestion`).
    static func mistypedSubcommandHint(_ arguments: [String]) -> String? {
        var command: ParsableCommand.Type = ExitReadyCtl.self
        for word in arguments where !word.hasPrefix("-") {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty else { return nil }
            if let next = subcommands.first(where: { $0.configuration.commandName == word }) {
                command = next
                continue
            }
            let names = subcommands.compactMap { $0.configuration.commandName } + ["help"]
            return Suggestion.closest(to: word, among: names).map {
                "exitreadyctl: unknown command '\(word)'; did you mean '\($0)'?"
            }
        }
        return nil
    }
}
