import ArgumentParser
import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessProtocol
import ExitReadinessReport
import ExitReadyCtlOnline

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

    @OptionGroup var offline: OfflineOptions

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

    func run() throws {
        let plan = offline.isOffline ? try offlinePlan() : onlinePlan()
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
        let (evaluation, configuration) = try offline.evaluate()
        guard let contract else {
            return PortfolioPlanner(effort: configuration.effort).plan(evaluation, budgetDays: budget ?? 0).json
        }
        guard let score = evaluation.contract(withID: contract) else { offline.noSuchContract(contract, among: evaluation) }
        return ContractPlanner(policy: configuration.scoring, effort: configuration.effort).plan(score, target: target).json
    }
}
