import ArgumentParser
import ExitReadinessProtocol
import ExitReadyCtlOnline

/// `exitreadyctl`: runs the online commands itself, and hands every other command line to the
/// offline helper (`OfflineHelper`), which runs every command and prints the one help text.
/// This binary carries neither GRDB nor Foundation's ICU data (only the FoundationEssentials
/// the argument parser uses) and is linked statically, so that a monitoring system starting
/// `exitreadyctl scores` every minute pays little (BENCHMARKS.md).
@main
struct ExitReadyCtlClient: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exitreadyctl",
        subcommands: [
            StatusCommand.self, ScoresCommand.self, ExplainCommand.self, ChangesCommand.self, AlertsCommand.self,
            WatchCommand.self, EvaluateCommand.self, ReloadCommand.self, MetricsCommand.self,
        ]
    )

    /// Parses an online command line and runs it, and answers `--version`; anything else, a
    /// request for help or a mistake included, is the helper's to answer, with the same words
    /// as for any command.
    static func main() {
        let given = Array(CommandLine.arguments.dropFirst())
        if given == ["--version"] {
            Output.out(ExitReadyVersion.current + "\n")
            Output.finish(status: 0)
        }
        let names = Set(configuration.subcommands.compactMap { $0.configuration.commandName })
        guard let first = given.first, names.contains(first), case .success = JSONStyle.requested(in: given),
            var command = try? parseAsRoot(JSONStyle.normalized(given))
        else { OfflineHelper.run(arguments: given) }
        do {
            try command.run()
        } catch {
            exit(withError: error)
        }
    }
}
