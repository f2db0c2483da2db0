import ExitReadiness
import ExitReadinessStore
import Foundation
import Testing

@testable import ExitReadinessDaemon

/// One evaluation cycle at a time on the demo, with a store in a temporary directory: what it
/// scores, stores and alerts, and the time it stamps.
@Suite("Evaluation cycle")
struct EvaluationCycleTests {
    @Test func aFirstRunStoresTheDemoPortfolioAtTheClocksTime() async throws {
        let demo = try DemoDaemon()
        var memory = EvaluationCycle.Memory()
        let outcome = demo.cycle().run(memory: &memory)
        #expect(outcome.failure == nil)
        #expect(outcome.dataroom == .ok)
        let snapshot = try #require(outcome.snapshot)
        #expect(snapshot.evaluation.evaluated == DemoDaemon.day)
        #expect(snapshot.evaluation.portfolio.roundedScore == 63.3)
        #expect(snapshot.evaluation.portfolio.band == .atRisk)
        #expect(snapshot.evaluation.contracts.count == 6)
        #expect(snapshot.evaluatedAt == DemoDaemon.startTime)
        #expect(!snapshot.dataroomStale)
        #expect(!outcome.alerts.contains { $0.kind == AlertKind.bandDropped || $0.kind == AlertKind.scoreDropped })
        #expect(outcome.alerts.allSatisfy { $0.at == DemoDaemon.startTime })

        let history = try await demo.backend().history(contract: nil, since: nil, limit: nil, every: true)
        let entries = try #require(history["entries"]?.arrayValue)
        #expect(entries.count == 1)
        #expect(entries.first?["evaluated_at"]?.stringValue == "2026-12-01T09:00:00Z")
        #expect(entries.first?["day"]?.stringValue == "2026-12-01")
        #expect(entries.first?["score"]?.doubleValue == 63.3)
    }

    @Test func eachRunTakesItsTimeFromTheClock() async throws {
        let demo = try DemoDaemon()
        var memory = EvaluationCycle.Memory()
        _ = demo.cycle().run(memory: &memory)
        demo.advance(by: 90)
        let second = demo.cycle().run(memory: &memory)
        #expect(second.snapshot?.evaluatedAt == DemoDaemon.startTime + 90)
        let history = try await demo.backend().history(contract: nil, since: nil, limit: nil, every: true)
        #expect(
            history["entries"]?.arrayValue?.compactMap { $0["evaluated_at"]?.stringValue }
                == ["2026-12-01T09:01:30Z", "2026-12-01T09:00:00Z"])
    }

    @Test func anInvalidEditKeepsTheLastValidInventoryScoredAndAlertsOnce() throws {
        let demo = try DemoDaemon()
        var memory = EvaluationCycle.Memory()
        let first = try #require(demo.cycle().run(memory: &memory).snapshot)
        let validRevision = try #require(memory.validRevision)

        let line = try demo.breakInventory()
        demo.advance(by: 60)
        let broken = demo.cycle().run(memory: &memory)
        #expect(memory.errors.count == 1)
        #expect(memory.validRevision == validRevision)
        let invalid = broken.alerts.filter { $0.kind == AlertKind.inventoryInvalid }
        #expect(invalid.count == 1)
        #expect(invalid.first?.priority == .err)
        #expect(invalid.first?.at == DemoDaemon.startTime + 60)
        let message = try #require(invalid.first?.message)
        #expect(message.hasPrefix("The inventory has 1 error: \(demo.inventory)/contracts/webcare-social.yaml:\(line):"))
        #expect(message.hasSuffix("; scoring continues on the last valid inventory (revision \(validRevision))"))
        let snapshot = try #require(broken.snapshot)
        #expect(snapshot.evaluation.contracts.map(\.roundedScore) == first.evaluation.contracts.map(\.roundedScore))
        #expect(snapshot.evaluation.portfolio.roundedScore == 63.3)

        // The same error at the next cycle: no second alert.
        let again = demo.cycle().run(memory: &memory)
        #expect(again.alerts.filter { $0.kind == AlertKind.inventoryInvalid }.isEmpty)

        try demo.fixInventory()
        let fixed = demo.cycle().run(memory: &memory)
        #expect(memory.errors.isEmpty)
        #expect(fixed.alerts.map(\.kind) == [AlertKind.inventoryRecovered])
        #expect(fixed.alerts.first?.message == "The inventory is valid again (revision \(validRevision))")
    }

    @Test func anUnreachableDataroomAlertsAndMarksTheDataroomScoresStale() throws {
        let demo = try DemoDaemon()
        var memory = EvaluationCycle.Memory()
        let first = try #require(demo.cycle().run(memory: &memory).snapshot)

        var configuration = demo.settings.current
        configuration.dataroomRoot = demo.directory + "/gone"
        demo.advance(by: 60)
        let unreachable = demo.cycle(configuration).run(memory: &memory)
        #expect(unreachable.dataroom == .unreachable)
        #expect(unreachable.alerts.map(\.kind) == [AlertKind.dataroomUnreachable])
        #expect(unreachable.alerts.first?.priority == .warning)
        let snapshot = try #require(unreachable.snapshot)
        #expect(snapshot.dataroomStale)
        #expect(snapshot.dataroomScannedAt != nil)
        #expect(snapshot.staleFields.first?.0 == "dataroom_stale")
        #expect(
            snapshot.evaluation.contracts.map { $0.families[.dataroom] }
                == first.evaluation.contracts.map { $0.families[.dataroom] })
        #expect(snapshot.evaluatedAt == DemoDaemon.startTime + 60)

        // Still unreachable: no second alert; readable again: one recovery.
        #expect(demo.cycle(configuration).run(memory: &memory).alerts.isEmpty)
        let back = demo.cycle().run(memory: &memory)
        #expect(back.dataroom == .ok)
        #expect(back.alerts.map(\.kind) == [AlertKind.dataroomRecovered])
        #expect(back.snapshot?.dataroomStale == false)
    }

    @Test func aNeverValidInventoryStoresOnlyTheAlert() async throws {
        let demo = try DemoDaemon()
        try demo.breakInventory()
        var memory = EvaluationCycle.Memory()
        let outcome = demo.cycle().run(memory: &memory)
        #expect(outcome.snapshot == nil)
        #expect(outcome.failure == "no valid inventory yet")
        #expect(outcome.alerts.map(\.kind) == [AlertKind.inventoryInvalid])
        #expect(outcome.alerts.first?.message.hasSuffix("; nothing is scored until it is fixed") == true)
        let history = try await demo.backend().history(contract: nil, since: nil, limit: nil, every: true)
        #expect(history["entries"]?.arrayValue?.isEmpty == true)
    }
}
