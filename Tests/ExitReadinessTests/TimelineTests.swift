import Testing

@testable import ExitReadiness

@Suite("Exit timeline and T01")
struct TimelineTests {
    func timeline(end: String, renewal: Int, notice: Int, today: String) -> ExitTimeline {
        var contract = Fixtures.perfectContract()
        contract.end = Fixtures.day(end)
        contract.renewalMonths = renewal
        contract.noticeDays = notice
        return ExitTimeline(contract: contract, today: Fixtures.day(today))
    }

    @Test func withoutRenewalTheTermEndsAtEnd() {
        let result = timeline(end: "2027-06-30", renewal: 0, notice: 180, today: "2026-12-01")
        #expect(result.termEnd.iso == "2027-06-30")
        #expect(result.noticeDeadline.iso == "2027-01-01")
    }

    @Test func renewalsAreComputedFromEndAndClamped() {
        // end Jan 31, monthly renewal, notice 0: E_1 = Feb 28, E_2 = Mar 31 (not Mar 28).
        #expect(timeline(end: "2026-01-31", renewal: 1, notice: 0, today: "2026-03-01").termEnd.iso == "2026-03-31")
        #expect(timeline(end: "2026-01-31", renewal: 1, notice: 0, today: "2026-02-28").termEnd.iso == "2026-02-28")
        #expect(timeline(end: "2024-01-31", renewal: 1, notice: 0, today: "2024-02-01").termEnd.iso == "2024-02-29")
    }

    @Test func renewalCrossingYears() {
        let result = timeline(end: "2024-02-29", renewal: 12, notice: 90, today: "2026-12-01")
        // E_2 = 2026-02-28 (deadline passed), E_3 = 2027-02-28, deadline 2026-11-30 (passed), E_4 = 2028-02-29.
        #expect(result.termEnd.iso == "2028-02-29")
        #expect(result.noticeDeadline.iso == "2027-12-01")
    }

    @Test func noticeDeadlineTodayKeepsTheCurrentTerm() {
        let result = timeline(end: "2027-03-01", renewal: 12, notice: 90, today: "2026-12-01")
        #expect(result.noticeDeadline.iso == "2026-12-01")
        #expect(result.termEnd.iso == "2027-03-01")
    }

    func score(end: String, renewal: Int = 0, notice: Int, weakened: Bool = true) -> ContractScore {
        var contract = Fixtures.perfectContract()
        contract.end = Fixtures.day(end)
        contract.renewalMonths = renewal
        contract.noticeDays = notice
        return Fixtures.score(
            contract, staff: weakened ? [] : Fixtures.goodStaff, processes: weakened ? [] : Fixtures.goodProcesses)
    }

    @Test(
        arguments: [(120, Severity.warning), (121, nil), (31, .warning), (30, .critical), (0, .critical), (-5, .critical)]
            as [(Int, Severity?)])
    func noticeWindows(_ daysLeft: Int, _ severity: Severity?) {
        let end = Fixtures.today.adding(days: daysLeft + 100).iso
        let result = score(end: end, notice: 100)
        #expect(result.band != .ready)
        #expect(result.finding(.t01)?.severity == severity)
        #expect(result.finding(.t01).map { $0.impact == 0 } ?? true)
    }

    @Test func readyContractsRaiseNoT01() {
        #expect(score(end: Fixtures.today.adding(days: 110).iso, notice: 100, weakened: false).finding(.t01) == nil)
    }

    @Test func endedContractsRaiseNoT01AndAreMarkedEnded() {
        let result = score(end: Fixtures.today.adding(days: -1).iso, notice: 10)
        #expect(result.status == .ended)
        #expect(result.finding(.t01) == nil)
        #expect(score(end: Fixtures.today.iso, notice: 10).status == .active)
    }
}

@Suite("Portfolio")
struct PortfolioTests {
    func contract(_ id: String, _ criticality: Criticality, processes: Bool, ended: Bool = false) -> (Contract, [ProcessRecord]) {
        var contract = Fixtures.perfectContract(id: id, criticality: criticality)
        if ended { contract.end = Fixtures.today.adding(days: -1) }
        return (
            contract,
            processes
                ? [Fixtures.process("p1")].map {
                    var p = $0
                    p.contract = id
                    return p
                } : []
        )
    }

    @Test func weightedMeanOfActiveContractsAndWeakest() {
        let parts = [
            contract("a-critical", .critical, processes: true),  // 100
            contract("b-standard", .standard, processes: false),  // 75
            contract("c-important", .important, processes: false),  // 75
            contract("d-ended", .critical, processes: false, ended: true),
        ]
        let staff = parts.flatMap { contract, _ in
            Fixtures.goodStaff.map {
                var m = $0
                m.contract = contract.id
                return m
            }
        }
        let inventory = Inventory(contracts: parts.map(\.0), staff: staff, processes: parts.flatMap(\.1))
        let room = FixedDataroom(folders: Dictionary(uniqueKeysWithValues: parts.map { ($0.0.id, Fixtures.goodFolder) }))
        let evaluation = PortfolioEvaluator(scorer: Fixtures.scorer()).evaluate(inventory, dataroom: room)
        #expect(evaluation.contracts.map(\.id) == ["a-critical", "b-standard", "c-important", "d-ended"])
        let expected: Double = (3 * 100 + 1 * 75 + 2 * 75) / 6.0
        #expect(evaluation.portfolio.score == expected)
        #expect(evaluation.portfolio.weakest == "b-standard")  // tie at 75.0, by id
        #expect(evaluation.portfolio.band == .ready)
        #expect(evaluation.portfolio.activeContracts == 3)
        #expect(evaluation.contract(withID: "d-ended")?.status == .ended)
    }

    @Test func noActiveContractsGivesNoPortfolioScore() {
        let (ended, _) = contract("a", .critical, processes: false, ended: true)
        let evaluation = PortfolioEvaluator(scorer: Fixtures.scorer())
            .evaluate(Inventory(contracts: [ended]), dataroom: FixedDataroom(folders: [:]))
        #expect(evaluation.portfolio.score == nil && evaluation.portfolio.band == nil && evaluation.portfolio.weakest == nil)
        #expect(evaluation.json["portfolio"]?["score"] == .null)
    }
}

/// A dataroom given as a dictionary.
struct FixedDataroom: DataroomView {
    var folders: [String: ContractFolder]
    func folder(for contractID: String) -> ContractFolder? { folders[contractID] }
}
