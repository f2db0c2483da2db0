import PropertyBased
import Testing

@testable import ExitReadiness

@Suite("Plans: effort, contract plans and the portfolio optimum")
struct PlannerTests {
    static let seeds = Gen.int(in: 0...Int(Int32.max))

    /// A contract that lacks only its exit plan document (C01) and its review (C02).
    static func cappedContract() -> ContractScore {
        var contract = Fixtures.perfectContract()
        contract.exitPlan?.reviewed = nil
        return Fixtures.scorer().score(
            contract, staff: Fixtures.goodStaff, processes: Fixtures.goodProcesses,
            folder: Fixtures.folder(["finance/plan.xlsx", "process/a.md"]))
    }

    @Test func c01AloneLiftsTheCapAndComesFirst() {
        let score = Self.cappedContract()
        #expect(score.score == 40)
        let c01 = score.findings.first { $0.code == .c01 }!
        // The gain leaves out what the cap removed; the impact counts it.
        #expect(abs(c01.gain - 100 * 30 / 100 * 20 / 120) < 1e-9)
        #expect(c01.impact > c01.gain + 50)
        let plan = ContractPlanner().plan(score)
        #expect(plan.reachable)
        #expect(plan.steps.map(\.finding.code) == [.c01])
        #expect(plan.effortDays == 10)
        #expect(abs(plan.scoreAfter - (score.uncappedScore + c01.gain)) < 1e-9)
        #expect(score.effortToReady == 10)

        // To 100 both are needed: C01 first although C02 gains more per day.
        let full = ContractPlanner().plan(score, target: 100)
        #expect(full.steps.map(\.finding.code) == [.c01, .c02])
        #expect(full.effortDays == 12)
        #expect(roundHalfAwayFromZero(full.steps[0].scoreAfter, decimals: 1) < 100)
        #expect(roundHalfAwayFromZero(full.scoreAfter, decimals: 1) == 100)
    }

    @Test func aReadyContractNeedsNothing() {
        let score = Fixtures.scorer().score(
            Fixtures.perfectContract(), staff: Fixtures.goodStaff, processes: Fixtures.goodProcesses,
            folder: Fixtures.goodFolder)
        #expect(score.effortToReady == 0)
        let plan = ContractPlanner().plan(score)
        #expect(plan.steps.isEmpty && plan.reachable && plan.effortDays == 0)
    }

    @Test func acceptedFindingsAreLeftOutAndCanMakeTheTargetUnreachable() {
        var score = Self.cappedContract()
        let c01 = score.findings.firstIndex { $0.code == .c01 }!
        score.findings[c01].isAccepted = true
        let plan = ContractPlanner().plan(score)
        #expect(!plan.reachable)
        #expect(plan.steps.map(\.finding.code) == [.c02])
        #expect(plan.scoreAfter == 40)
        #expect(ContractPlanner().effortToReady(score) == nil)
    }

    @Test func configuredEffortsChangeThePlan() {
        var effort = EffortTable()
        effort.set(.c01, days: 2.5)
        let score = Self.cappedContract()
        #expect(ContractPlanner(effort: effort).plan(score).effortDays == 2.5)
        #expect(EffortTable.isValid(days: 0.5) && EffortTable.isValid(days: 365))
        #expect(!EffortTable.isValid(days: 0) && !EffortTable.isValid(days: 0.7) && !EffortTable.isValid(days: 365.5))
    }

    @Test func aContractPlanIsNeverDearerThanEveryCandidateAndReachesItsTarget() async {
        await propertyCheck(count: 400, input: Self.seeds) { seed in
            let score = RandomInventory(seed: seed).score()
            let candidates = score.findings.filter { ContractPlanner.costsPoints($0) }
            let all = candidates.reduce(0) { $0 + EffortTable().days(for: $1.code)! }
            let toReady = ContractPlanner().plan(score)
            #expect(score.effortToReady == (toReady.reachable ? toReady.effortDays : nil), "seed \(seed)")
            for target in [60.0, 80.0, 95.0] {
                let plan = ContractPlanner().plan(score, target: target)
                #expect(plan.effortDays <= all, "seed \(seed)")
                if plan.reachable {
                    #expect(roundHalfAwayFromZero(plan.scoreAfter, decimals: 1) >= target, "seed \(seed)")
                } else {
                    #expect(plan.steps.count == candidates.count, "seed \(seed)")
                }
            }
        }
    }

    /// Every subset of the candidates, where there are few: the least effort that reaches the
    /// target, then the fewest actions.
    @Test func aContractPlanIsTheLeastEffortOfEverySet() async {
        await propertyCheck(count: 400, input: Self.seeds) { seed in
            let score = RandomInventory(seed: seed).score()
            let candidates = score.findings.filter { ContractPlanner.costsPoints($0) }
            guard candidates.count <= 14 else { return }
            let target = 75.0
            var best: (effort: Double, count: Int)?
            for mask in 0..<(1 << candidates.count) {
                let chosen = candidates.indices.filter { mask & (1 << $0) != 0 }.map { candidates[$0] }
                let after = Self.score(score, resolving: chosen)
                guard roundHalfAwayFromZero(after, decimals: 1) >= target else { continue }
                let effort = chosen.reduce(0) { $0 + EffortTable().days(for: $1.code)! }
                if best == nil || effort < best!.effort || (effort == best!.effort && chosen.count < best!.count) {
                    best = (effort, chosen.count)
                }
            }
            let plan = ContractPlanner().plan(score, target: target)
            #expect(plan.reachable == (best != nil), "seed \(seed)")
            if let best, roundHalfAwayFromZero(score.score, decimals: 1) < target {
                #expect(plan.effortDays == best.effort, "seed \(seed)")
                #expect(plan.steps.count == best.count, "seed \(seed)")
            }
        }
    }

    @Test func raisingTheBudgetNeverLowersThePortfolioGain() async {
        await propertyCheck(count: 60, input: Self.seeds) { seed in
            let evaluation = Self.portfolio(seed: seed, contracts: 6)
            var previous = 0.0
            for budget in stride(from: 0.0, through: 60, by: 7.5) {
                let plan = PortfolioPlanner().plan(evaluation, budgetDays: budget)
                #expect(plan.gain >= previous - 1e-9, "seed \(seed), budget \(budget)")
                #expect(plan.effortDays <= budget, "seed \(seed)")
                previous = plan.gain
            }
        }
    }

    /// Every subset of the actions of a small portfolio: the plan's gain is the optimum.
    @Test func thePortfolioPlanIsTheOptimum() async {
        await propertyCheck(count: 200, input: Self.seeds) { seed in
            let evaluation = Self.portfolio(seed: seed, contracts: 3)
            let active = evaluation.contracts.filter { $0.status == .active }
            let actions = active.flatMap { contract in
                contract.findings.filter { ContractPlanner.costsPoints($0) }.map { (contract.id, $0) }
            }
            guard actions.count <= 14, !active.isEmpty else { return }
            let weights = active.reduce(0) { $0 + $1.criticality.portfolioWeight }
            for budget in [3.0, 12.5] {
                var best = 0.0
                for mask in 0..<(1 << actions.count) {
                    let chosen = actions.indices.filter { mask & (1 << $0) != 0 }.map { actions[$0] }
                    let effort = chosen.reduce(0) { $0 + EffortTable().days(for: $1.1.code)! }
                    guard effort <= budget else { continue }
                    var gain = 0.0
                    for contract in active {
                        let resolved = chosen.filter { $0.0 == contract.id }.map(\.1)
                        gain +=
                            contract.criticality.portfolioWeight * (Self.score(contract, resolving: resolved) - contract.score)
                    }
                    best = max(best, gain / weights)
                }
                let plan = PortfolioPlanner().plan(evaluation, budgetDays: budget)
                #expect(abs(plan.gain - best) < 1e-9, "seed \(seed), budget \(budget)")
            }
        }
    }

    /// Many contracts and a small budget, where only the best few can be chosen: the plan's gain
    /// equals a plain grouped knapsack over every contract's best gain per effort, each found
    /// by trying every set of actions that fits.
    @Test func aSmallBudgetOverManyContractsIsStillTheOptimum() async {
        await propertyCheck(count: 30, input: Self.seeds) { seed in
            let evaluation = Self.portfolio(seed: seed, contracts: 30)
            let active = evaluation.contracts.filter { $0.status == .active }
            let weights = active.reduce(0) { $0 + $1.criticality.portfolioWeight }
            let capacity = 6
            var best = [Double](repeating: 0, count: capacity + 1)
            for contract in active {
                var curve = [Double](repeating: 0, count: capacity + 1)
                let actions = contract.findings.filter {
                    ContractPlanner.costsPoints($0) && EffortTable().halfDays(for: $0.code)! <= capacity
                }
                func visit(_ next: Int, _ chosen: [Finding], _ effort: Int) {
                    let gain = contract.criticality.portfolioWeight * (Self.score(contract, resolving: chosen) - contract.score)
                    curve[effort] = max(curve[effort], gain / weights)
                    for index in next..<actions.count {
                        let cost = EffortTable().halfDays(for: actions[index].code)!
                        if effort + cost <= capacity { visit(index + 1, chosen + [actions[index]], effort + cost) }
                    }
                }
                visit(0, [], 0)
                for x in 1...capacity { curve[x] = max(curve[x], curve[x - 1]) }
                best = (0...capacity).map { x in (0...x).map { best[x - $0] + curve[$0] }.max()! }
            }
            let plan = PortfolioPlanner().plan(evaluation, budgetDays: Double(capacity) / 2)
            #expect(abs(plan.gain - best[capacity]) < 1e-9, "seed \(seed)")
        }
    }

    /// Doing what a plan of contract actions says, and scoring again, gives at least the score
    /// it promised.
    @Test func doingThePlanDeliversItsScore() async {
        await propertyCheck(count: 400, input: Self.seeds) { seed in
            var inventory = RandomInventory(seed: seed)
            var score = inventory.score()
            // Only contract findings can be applied here: the others are set aside as accepted.
            // Longer assistance (C05) moves the exit horizon, which the staff family measures
            // against, so it is set aside too.
            for index in score.findings.indices
            where score.findings[index].family != .contract || score.findings[index].code == .c05 {
                score.findings[index].isAccepted = true
            }
            let target = min(100, roundHalfAwayFromZero(score.score, decimals: 1) + 15)
            let plan = ContractPlanner().plan(score, target: target)
            #expect(plan.steps.allSatisfy { $0.finding.family == .contract && $0.finding.code != .c05 }, "seed \(seed)")
            var files = inventory.folder?.files ?? []
            for step in plan.steps { Self.apply(step.finding.code, to: &inventory.contract, files: &files) }
            let after = inventory.score(folder: .some(ContractFolder(files: files)))
            #expect(after.score >= plan.scoreAfter - 1e-9, "seed \(seed): \(plan.steps.map(\.finding.code))")
        }
    }

    /// S(A): the uncapped score plus the gains, capped at 40 while a C01 finding stays.
    static func score(_ contract: ContractScore, resolving chosen: [Finding]) -> Double {
        let value = contract.uncappedScore + chosen.reduce(0) { $0 + $1.gain }
        let capped = contract.findings.contains { $0.code == .c01 } && !chosen.contains { $0.code == .c01 }
        return capped ? min(value, 40) : value
    }

    static func portfolio(seed: Int, contracts: Int) -> Evaluation {
        let scores = (0..<contracts).map { index in
            var inventory = RandomInventory(seed: seed &+ index)
            inventory.contract.id = "c\(index)"
            return inventory.score()
        }
        let portfolio = PortfolioEvaluator(scorer: Fixtures.scorer()).portfolio(of: scores)
        return Evaluation(evaluated: Fixtures.today, portfolio: portfolio, contracts: scores)
    }

    /// What resolving a contract finding means in the contract file (and, for documents, the
    /// dataroom).
    static func apply(_ code: FindingCode, to contract: inout Contract, files: inout [DataroomFile]) {
        switch code {
        case .c01:
            let plan = contract.exitPlan
            contract.exitPlan = ExitPlan(
                document: "exit/resolved-plan.md", reviewed: plan?.reviewed, tested: plan?.tested,
                triggers: plan?.triggers ?? [])
            files.append(Fixtures.file("exit/resolved-plan.md"))
        case .c02: contract.exitPlan?.reviewed = Fixtures.today
        case .c03: contract.exitPlan?.tested = Fixtures.today
        case .c04: contract.exitPlan?.triggers = Set(ExitTrigger.allCases)
        case .c06: contract.terms.assistanceRatesAgreed = true
        case .c07: contract.terms.informationLeadDays = 30
        case .c08: contract.terms.keyStaffRetention = true
        case .c09: contract.ip = Dictionary(uniqueKeysWithValues: IPClass.allCases.map { ($0, IPOwner.client) })
        case .c10: contract.terms.dataReturnAndDeletion = true
        case .c11: contract.terms.licenseTransfer = true
        case .c12: contract.terms.cooperationDuty = true
        case .c13: contract.alternatives = ["insource"]
        case .c14:
            contract.financialPlan = FinancialPlan(document: "finance/resolved.xlsx", doubleRunCostEUR: 1000)
            files.append(Fixtures.file("finance/resolved.xlsx"))
        case .c15: contract.communicationPlan = true
        case .c16: contract.lastAudit = Fixtures.today
        case .c17: contract.kpi = [KPIPeriod(period: "2026-11", met: 20, missed: 0)]
        default: Issue.record("cannot apply \(code)")
        }
    }
}
