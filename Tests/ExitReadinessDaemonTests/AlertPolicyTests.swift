import ExitReadinessStore
import Testing

@testable import ExitReadiness
@testable import ExitReadinessDaemon

@Suite("Alert policy (exitreadyd(8), ALERTS)")
struct AlertPolicyTests {
    let policy = AlertPolicy(dropThreshold: 5)
    static let today = Day(iso: "2026-12-01")!

    /// A contract scored as given; `deadlineIn` days to its notice deadline.
    static func contract(
        _ id: String, score: Double, deadlineIn: Int = 400, t01: Severity? = nil,
        status: ContractStatus = .active, findings: [FindingCode] = [.c01, .d01, .s01, .c02]
    ) -> ContractScore {
        var all = findings.enumerated().map { index, code in
            Finding(code: code, severity: .warning, impact: Double(10 - index), detail: .text("x"))
        }
        if let t01 {
            all.append(
                Finding(
                    code: .t01, severity: t01, impact: 0,
                    detail: .noticeDeadline(
                        deadline: today.adding(days: deadlineIn), daysLeft: deadlineIn,
                        termEnd: today.adding(days: deadlineIn + 90),
                        band: .atRisk)))
        }
        let band = ScoringPolicy().band(forRoundedScore: score)
        return ContractScore(
            id: id, supplier: "S", service: "V", criticality: .critical, status: status, score: score,
            uncappedScore: score, band: band,
            families: FamilyScores(contract: score, dataroom: score, processes: score, staff: score),
            termEnd: today.adding(days: deadlineIn + 90), noticeDeadline: today.adding(days: deadlineIn),
            exitHorizon: today.adding(days: deadlineIn + 90), findings: all)
    }

    static func evaluation(_ contracts: [ContractScore]) -> Evaluation {
        let portfolio = PortfolioEvaluator(
            scorer: ContractScorer(
                policy: ScoringPolicy(), checklist: Checklist(requirements: []),
                today: today, localDay: { _ in today })
        )
        .portfolio(of: contracts)
        return Evaluation(evaluated: today, portfolio: portfolio, contracts: contracts)
    }

    func run(_ contracts: [ContractScore], _ state: AlertState) -> ([AlertRecord], AlertState) {
        policy.alerts(for: Self.evaluation(contracts), state: state, at: 1_000)
    }

    @Test func theFirstEvaluationSetsBaselinesWithoutAlerts() {
        let (alerts, state) = run([Self.contract("a", score: 55)], AlertState())
        #expect(alerts.isEmpty)
        #expect(
            state.baselines["a"]
                == AlertState.Baseline(
                    band: .notReady, score: 55, peak: 55, noticeStage: 0,
                    noticeDeadline: Self.today.adding(days: 400).iso))
        #expect(state.baselines[""]?.score == 55)
    }

    @Test func acceptedFindingsAreLeftOutOfTheFindingsNamed() {
        var (_, state) = run([Self.contract("a", score: 85)], AlertState())
        var dropped = Self.contract("a", score: 70)
        dropped.findings[0].isAccepted = true
        let alerts: [AlertRecord]
        (alerts, state) = run([dropped], state)
        #expect(alerts.first { $0.scope == .contract }?.findings == ["D01", "S01", "C02"])
        #expect(alerts.first { $0.scope == .portfolio }?.findings == ["D01", "S01", "C02"])
    }

    @Test func bandFallsAreWarningIntoAtRiskAndCritIntoNotReady() {
        var (_, state) = run([Self.contract("a", score: 85)], AlertState())
        var alerts: [AlertRecord]
        (alerts, state) = run([Self.contract("a", score: 70)], state)
        let contractAlert = alerts.first { $0.scope == .contract }
        #expect(contractAlert?.kind == .bandDropped && contractAlert?.priority == .warning)
        #expect(contractAlert?.previousBand == .ready && contractAlert?.band == .atRisk)
        #expect(contractAlert?.score == 70 && contractAlert?.previousScore == 85)
        #expect(contractAlert?.findings == ["C01", "D01", "S01"])
        #expect(alerts.contains { $0.scope == .portfolio && $0.kind == .bandDropped })
        (alerts, state) = run([Self.contract("a", score: 50)], state)
        #expect(alerts.first { $0.scope == .contract }?.priority == .crit)
        (alerts, state) = run([Self.contract("a", score: 50)], state)
        #expect(alerts.isEmpty, "nothing changed: nothing to say")
    }

    @Test func scoreDropsCountFromThePeakSinceTheLastAlert() {
        var (_, state) = run([Self.contract("a", score: 79)], AlertState())
        var alerts: [AlertRecord]
        (alerts, state) = run([Self.contract("a", score: 76)], state)
        #expect(alerts.isEmpty)
        (alerts, state) = run([Self.contract("a", score: 74.1)], state)
        #expect(alerts.isEmpty, "4.9 below the peak of 79")
        (alerts, state) = run([Self.contract("a", score: 74)], state)
        #expect(alerts.first { $0.scope == .contract }?.kind == .scoreDropped, "5.0 below the peak")
        (alerts, state) = run([Self.contract("a", score: 70)], state)
        #expect(alerts.isEmpty, "the peak restarted at 74")
        (alerts, state) = run([Self.contract("a", score: 78), Self.contract("b", score: 90)], state)
        (alerts, state) = run([Self.contract("a", score: 73), Self.contract("b", score: 90)], state)
        #expect(alerts.first { $0.contract == "a" }?.kind == .scoreDropped, "the peak rose to 78 again")
    }

    @Test func bandRisesAreInfoRecoveries() {
        var (_, state) = run([Self.contract("a", score: 50)], AlertState())
        var alerts: [AlertRecord]
        (alerts, state) = run([Self.contract("a", score: 81)], state)
        let alert = alerts.first { $0.scope == .contract }
        #expect(alert?.kind == .bandRecovered && alert?.priority == .info)
    }

    @Test func noticeWindowsAlertOncePerWindowAndDeadline() {
        // The deadline stays put while the days pass: T01 turns from warning to critical.
        var (alerts, state) = run([Self.contract("a", score: 70, deadlineIn: 100, t01: .warning)], AlertState())
        #expect(alerts.map(\.kind) == [.noticeDeadline] && alerts[0].priority == .warning)
        (alerts, state) = run([Self.contract("a", score: 70, deadlineIn: 100, t01: .warning)], state)
        #expect(alerts.isEmpty)
        (alerts, state) = run([Self.contract("a", score: 70, deadlineIn: 100, t01: .critical)], state)
        #expect(alerts.map(\.priority) == [.crit])
        (alerts, state) = run([Self.contract("a", score: 70, deadlineIn: 100, t01: .critical)], state)
        #expect(alerts.isEmpty)
        // Leaving the window (ready for a while) and coming back to the same deadline: no repeat.
        (alerts, state) = run([Self.contract("a", score: 70, deadlineIn: 100)], state)
        (alerts, state) = run([Self.contract("a", score: 70, deadlineIn: 100, t01: .critical)], state)
        #expect(alerts.isEmpty)
        // Renewed: a new deadline opens a new window.
        (alerts, state) = run([Self.contract("a", score: 70, deadlineIn: 465, t01: .warning)], state)
        #expect(alerts.map(\.kind) == [.noticeDeadline])
    }

    @Test func endedContractsRaiseNoScoreAlertsAndGoneContractsLeaveNoBaseline() {
        var (_, state) = run([Self.contract("a", score: 90), Self.contract("b", score: 90)], AlertState())
        var alerts: [AlertRecord]
        (alerts, state) = run([Self.contract("a", score: 10, status: .ended)], state)
        #expect(!alerts.contains { $0.contract != nil })
        #expect(state.baselines["b"] == nil)
    }

    @Test func alertsNeverNameAPerson() {
        var (_, state) = run([Self.contract("a", score: 85)], AlertState())
        var alerts: [AlertRecord]
        (alerts, state) = run([Self.contract("a", score: 40, findings: [.s01, .s02, .s04])], state)
        for alert in alerts {
            #expect(!alert.message.contains("person"))
            #expect(alert.findings.allSatisfy { FindingCode(rawValue: $0) != nil })
        }
    }
}
