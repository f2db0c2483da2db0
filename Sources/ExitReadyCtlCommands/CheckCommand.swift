import ArgumentParser
import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessDataroom
import ExitReadinessInventory
import ExitReadinessReport
import ExitReadyCtlOnline

/// `exitreadyctl check`: evaluates the inventory and dataroom offline, with the daemon's engine.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Evaluate exit readiness offline (no daemon needed).",
        discussion: "Exit status: 0 ready, 1 at-risk, 2 not-ready (the portfolio's band, or the contract's "
            + "with --contract), 3 unknown (invalid input or unreadable paths)."
    )

    @OptionGroup var paths: InventoryOptions

    @Option(
        name: .long, help: ArgumentHelp("Dataroom root holding one folder per contract id.", valueName: "dir"),
        completion: .directory)
    var dataroom = DefaultPaths.dataroom

    @Option(
        name: .long, help: ArgumentHelp("Rescan into this scan cache (SQLite) and score from it.", valueName: "file"),
        completion: .file())
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Evaluate as of this date instead of today.", valueName: "YYYY-MM-DD"))
    var now: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Use this configuration's weights, bands, windows and efforts (default: the defaults).", valueName: "file"),
        completion: .file(extensions: ["conf"]))
    var config: String?

    @Option(
        name: .long, help: ArgumentHelp("Show one contract with every finding and its remedy.", valueName: "id"),
        completion: ContractCompletion.kind)
    var contract: String?

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Print the evaluation as JSON, every finding of every contract (--json=pretty indented, "
                + "--json=short one line; --json alone: indented on a terminal, else one line)."))
    var json = false

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "With --json: the summary, as the daemon's GetScores gives it (each contract without its findings, "
                + "the top findings of the portfolio)."))
    var summary = false

    @Option(name: .long, help: ArgumentHelp("Findings to list in the summary.", valueName: "n"))
    var top = 10

    func run() throws {
        let today: Day
        if let now {
            guard let day = Day(iso: now) else {
                Output.error("exitreadyctl: --now \(now) is not a valid date; expected YYYY-MM-DD")
                unknown("--now is not a valid date")
            }
            today = day
        } else {
            today = LocalCalendar.today()
        }
        let configuration: DaemonConfiguration
        do {
            configuration = try OfflineEvaluation.configuration(config)
        } catch {
            unknown("the configuration is invalid (details on standard error)")
        }
        let checklist = paths.checklistLocation
        if paths.checklist == nil { Output.error("exitreadyctl: \(checklist)") }
        let evaluation: Evaluation
        do {
            evaluation = try OfflineEvaluation.run(
                inventory: paths.inventory, checklist: checklist.path,
                dataroom: dataroom, database: database, today: today, policy: configuration.scoring,
                effort: configuration.effort)
        } catch {
            unknown("nothing was evaluated: the inputs cannot be used (details on standard error)")
        }
        let style = TerminalStyle.forStandardOutput()
        let bands = PluginLine.Bands(configuration.scoring)
        if let contract {
            guard let score = evaluation.contract(withID: contract) else {
                let hint =
                    Suggestion.closest(to: contract, among: evaluation.contracts.map(\.id)).map { "; did you mean \($0)?" } ?? ""
                Output.error("exitreadyctl: no contract \(TerminalSafe.escape(contract)) in \(paths.inventory)\(hint)")
                unknown("no contract \(contract) in the inventory")
            }
            let document = score.json(today: evaluation.evaluated)
            if json {
                Output.out(document)
            } else {
                Output.out(
                    PluginLine.contract(document, bands: bands).text
                        + EvaluationReport.contractDetail(document, evaluated: evaluation.evaluated.iso, style: style))
            }
            Output.finish(status: score.band.exitStatus)
        }
        if json && !summary {
            Output.out(streaming: evaluation)
        } else {
            let document = evaluation.summaryJSON(topFindings: max(top, 0))
            if json {
                Output.out(document)
            } else {
                Output.out(
                    PluginLine.portfolio(document, bands: bands).text
                        + EvaluationReport(document: document, style: style).render(topFindings: top))
            }
        }
        Output.finish(status: evaluation.portfolio.band?.exitStatus ?? 0)
    }

    /// Ends with status 3; a monitoring system reads `why` on standard output (not with --json),
    /// the details are on standard error already.
    private func unknown(_ why: String) -> Never {
        if !json { Output.out(PluginLine.unknown(why).text) }
        Output.finish(status: PluginStatus.unknown)
    }
}
