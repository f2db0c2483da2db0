import ArgumentParser
import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessReport
import ExitReadyCtlOnline

/// The inventory options of `check` for commands that ask the daemon unless one of them is
/// given: then they evaluate offline, as `check` does.
struct OfflineOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("Offline: the inventory directory.", valueName: "dir"), completion: .directory)
    var inventory: String?

    @Option(
        name: .long, help: ArgumentHelp("Offline: the dataroom checklist.", valueName: "file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var checklist: String?

    @Option(name: .long, help: ArgumentHelp("Offline: the dataroom root.", valueName: "dir"), completion: .directory)
    var dataroom: String?

    @Option(name: .long, help: ArgumentHelp("Offline: rescan into this scan cache.", valueName: "file"), completion: .file())
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Offline: evaluate as of this date.", valueName: "YYYY-MM-DD"))
    var now: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Offline: use this configuration's scoring, efforts and report title.", valueName: "file"),
        completion: .file(extensions: ["conf"]))
    var config: String?

    /// True when any option asks for an offline evaluation.
    var isOffline: Bool {
        [inventory, checklist, dataroom, database, now, config].contains { $0 != nil }
    }

    /// The inventory directory evaluated offline.
    var inventoryDirectory: String { inventory ?? DefaultPaths.inventory }

    /// Evaluates as `check` does, keeping each contract's forecast over `forecastDays` when
    /// given; problems are printed and end the command with status 3.
    func evaluate(forecastDays: Int? = nil) throws -> (Evaluation, DaemonConfiguration) {
        var today = LocalCalendar.today()
        if let now {
            guard let day = Day(iso: now) else {
                Output.error("exitreadyctl: --now \(now) is not a valid date; expected YYYY-MM-DD")
                Output.finish(status: PluginStatus.unknown)
            }
            today = day
        }
        let configuration = try OfflineEvaluation.configuration(config)
        let location = ChecklistLocation(given: checklist, inventory: inventoryDirectory)
        if checklist == nil { Output.error("exitreadyctl: \(location)") }
        let evaluation = try OfflineEvaluation.run(
            inventory: inventoryDirectory, checklist: location.path, dataroom: dataroom ?? DefaultPaths.dataroom,
            database: database, today: today, policy: configuration.scoring, effort: configuration.effort,
            forecastDays: forecastDays)
        return (evaluation, configuration)
    }

    /// Ends the command with status 3 for a contract the inventory lacks, suggesting the closest id.
    func noSuchContract(_ id: String, among evaluation: Evaluation) -> Never {
        let hint = Suggestion.closest(to: id, among: evaluation.contracts.map(\.id)).map { "; did you mean \($0)?" } ?? ""
        Output.error("exitreadyctl: no contract \(TerminalSafe.escape(id)) in \(inventoryDirectory)\(hint)")
        Output.finish(status: PluginStatus.unknown)
    }
}
