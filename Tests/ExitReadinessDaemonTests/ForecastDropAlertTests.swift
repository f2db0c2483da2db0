import ExitReadinessStore
import Foundation
import Testing

@testable import ExitReadiness
@testable import ExitReadinessDaemon

@Suite("forecast-drop alerts (exitreadyd(8), ALERTS)")
struct ForecastDropAlertTests {
    static let today = AlertPolicyTests.today

    /// An evaluation of one contract at 85 (ready) whose forecast falls to `band` in `days`.
    static func evaluation(fallingIn days: Int?, to band: Band = .atRisk) -> Evaluation {
        let contract = AlertPolicyTests.contract("a", score: 85)
        let steps =
            days.map { days in
                [
                    ForecastStep(
                        day: today.adding(days: days), score: band == .atRisk ? 70 : 50, band: band, status: .active,
                        appeared: [FindingKey(code: .c02), FindingKey(code: .s01, subject: "person-7")],
                        disappeared: [], worsened: [FindingKey(code: .c03)])
                ]
            } ?? []
        let forecast = ContractForecast(
            contract: "a", criticality: .critical, today: today, horizonDays: 730, score: 85, band: .ready, status: .active,
            steps: steps)
        var evaluation = AlertPolicyTests.evaluation([contract])
        evaluation.forecasts = [forecast]
        return evaluation
    }

    func run(_ evaluation: Evaluation, _ state: AlertState, window: Int = 30) -> ([AlertRecord], AlertState) {
        AlertPolicy(dropThreshold: 5, forecastWindowDays: window).alerts(for: evaluation, state: state, at: 1_000)
    }

    @Test func aDropInsideTheWindowIsAlertedOnceWithCodesOnly() throws {
        let (alerts, state) = run(Self.evaluation(fallingIn: 21), AlertState())
        let alert = try #require(alerts.first { $0.kind == .forecastDrop })
        #expect(alert.priority == .warning && alert.contract == "a" && alert.band == .atRisk)
        #expect(alert.forecastDate == Self.today.adding(days: 21))
        #expect(alert.findings == ["C02", "S01", "C03"])
        #expect(!alert.message.contains("person-7"), "no person id in the journal: \(alert.message)")
        #expect(alert.message.contains("2026-12-22"))
        // The next evaluation, or one after a restart from the stored state, says nothing new.
        let (again, _) = run(Self.evaluation(fallingIn: 21), state)
        #expect(again.filter { $0.kind == .forecastDrop }.isEmpty)
    }

    @Test func aDropBeyondTheWindowWaitsUntilItEntersIt() {
        var (alerts, state) = run(Self.evaluation(fallingIn: 31), AlertState())
        #expect(alerts.filter { $0.kind == .forecastDrop }.isEmpty)
        (alerts, state) = run(Self.evaluation(fallingIn: 30), state)
        #expect(alerts.filter { $0.kind == .forecastDrop }.count == 1)
    }

    @Test func aNewDateOrBandIsAlertedAgain() {
        var (alerts, state) = run(Self.evaluation(fallingIn: 21), AlertState())
        (alerts, state) = run(Self.evaluation(fallingIn: 14), state)
        #expect(alerts.filter { $0.kind == .forecastDrop }.map(\.forecastDate) == [Self.today.adding(days: 14)])
        (alerts, state) = run(Self.evaluation(fallingIn: 14, to: .notReady), state)
        #expect(alerts.filter { $0.kind == .forecastDrop }.map(\.band) == [.notReady])
        // Gone and back with the same date and band: already said.
        (alerts, state) = run(Self.evaluation(fallingIn: nil, to: .notReady), state)
        (alerts, state) = run(Self.evaluation(fallingIn: 14, to: .notReady), state)
        #expect(alerts.filter { $0.kind == .forecastDrop }.isEmpty)
    }

    @Test func aWindowOfZeroTurnsTheAlertOff() {
        let (alerts, _) = run(Self.evaluation(fallingIn: 1), AlertState(), window: 0)
        #expect(alerts.filter { $0.kind == .forecastDrop }.isEmpty)
    }

    @Test func theStoreKeepsTheAlertedDropAcrossRestarts() throws {
        let directory = try QueryServerHarness.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/state.sqlite"
        let (alerts, state) = run(Self.evaluation(fallingIn: 21), AlertState())
        do {
            let store = try ExitReadyStore(path: path)
            let stored = try store.recordAlerts(alerts, state: state, at: 1_000)
            #expect(stored.first { $0.kind == .forecastDrop }?.forecastDate == Self.today.adding(days: 21))
        }
        let reopened = try ExitReadyStore(path: path)
        let restored = try reopened.alertState()
        #expect(restored.baselines["a"]?.forecastDrop == "2026-12-22 at-risk")
        #expect(
            try reopened.alerts(since: nil, limit: 10).first { $0.kind == .forecastDrop }?.forecastDate
                == Self.today.adding(days: 21))
        let (again, _) = run(Self.evaluation(fallingIn: 21), restored)
        #expect(again.filter { $0.kind == .forecastDrop }.isEmpty)
    }
}
