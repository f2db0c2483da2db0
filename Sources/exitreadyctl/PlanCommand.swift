import ArgumentParser
import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessProtocol
import ExitReadinessReport

/// `exitreadyctl plan CONTRACT [--target N]` and `exitreadyctl plan --budget DAYS`: the least
/// work to a target score, or the best work within a budget. Asks the daemon (GetPlan); with
/// any of check's inventory options it evaluates offline instead.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan the least work that makes a contract ready, or the best work within a budget.",
        discussion: "Asks exitreadyd, or with --inventory, --checklist, --dataroom, --database, --now or --config "
            + "evaluates offline as check does. Exit status: 0 a plan was printed, 3 unknown (invalid input, "
            + "no such contract, daemon unreachable)."
    )

    @Argument(help: "Contract id (leave out with --budget).", completion: ContractCompletion.kind)
    var contract: String?

    @Option(name: .long, help: ArgumentHelp("Score to reach (default: the ready threshold).", valueName: "score"))
    var target: Double?

    @Option(
        name: .long, help: ArgumentHelp("Plan the portfolio within this many person-days (steps of 0.5).", valueName: "days"))
    var budget: Double?

    @Flag(name: .long, help: "Print a contract plan as rows to append to actions.csv.")
    var csv = false

    @OptionGroup var online: OnlineOptions

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
        name: .long, help: ArgumentHelp("Offline: use this configuration's scoring and efforts.", valueName: "file"),
        completion: .file(extensions: ["conf"]))
    var config: String?

    func validate() throws {
        switch (contract, budget) {
        case (nil, nil): throw ValidationError("name a contract, or give --budget DAYS for the portfolio")
        case (_?, _?): throw ValidationError("give a contract or --budget, not both")
        default: break
        }
        if let target {
            guard contract != nil else { throw ValidationError("--target is for a contract plan") }
            guard target > 0 && target <= 100 else { throw ValidationError("--target must be above 0 and at most 100") }
        }
        if let budget, !PortfolioPlanner.isValid(budgetDays: budget) {
            throw ValidationError("--budget must be days in steps of 0.5, from 0 to 1000")
        }
        if csv && (contract == nil || online.json) { throw ValidationError("--csv is for a contract plan, without --json") }
    }

    private var isOffline: Bool {
        [inventory, checklist, dataroom, database, now, config].contains { $0 != nil }
    }

    func run() throws {
        let plan = isOffline ? try offlinePlan() : onlinePlan()
        if online.json {
            Output.out(plan)
        } else if csv {
            Output.out(PlanReport.actionRows(plan))
        } else {
            let report = PlanReport(style: TerminalStyle.forStandardOutput())
            Output.out(contract == nil ? report.portfolioPlan(plan) : report.contractPlan(plan))
        }
        Output.finish(status: 0)
    }

    private func onlinePlan() -> JSONValue {
        let reply = OnlineClient.call(.getPlan(contract: contract, target: target, budget: budget), options: online)
        return reply[contract == nil ? "portfolio_plan" : "contract_plan"] ?? .null
    }

    private func offlinePlan() throws -> JSONValue {
        var today = LocalCalendar.today()
        if let now {
            guard let day = Day(iso: now) else {
                Output.error("exitreadyctl: --now \(now) is not a valid date; expected YYYY-MM-DD")
                Output.finish(status: PluginStatus.unknown)
            }
            today = day
        }
        let configuration = try OfflineEvaluation.configuration(config)
        let directory = inventory ?? DefaultPaths.inventory
        let location = ChecklistLocation(given: checklist, inventory: directory)
        if checklist == nil { Output.error("exitreadyctl: \(location)") }
        let evaluation = try OfflineEvaluation.run(
            inventory: directory, checklist: location.path, dataroom: dataroom ?? DefaultPaths.dataroom,
            database: database, today: today, policy: configuration.scoring, effort: configuration.effort)
        guard let contract else {
            return PortfolioPlanner(effort: configuration.effort).plan(evaluation, budgetDays: budget ?? 0).json
        }
        guard let score = evaluation.contract(withID: contract) else {
            let hint =
                Suggestion.closest(to: contract, among: evaluation.contracts.map(\.id)).map { "; did you mean \($0)?" } ?? ""
            Output.error("exitreadyctl: no contract \(TerminalSafe.escape(contract)) in \(directory)\(hint)")
            Output.finish(status: PluginStatus.unknown)
        }
        return ContractPlanner(policy: configuration.scoring, effort: configuration.effort).plan(score, target: target).json
    }
}
