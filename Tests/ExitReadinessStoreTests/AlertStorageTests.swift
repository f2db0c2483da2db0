import ExitReadiness
import GRDB
import Testing

@testable import ExitReadinessStore

/// Alerts and the alert state go in and come out typed, stored as the same text as ever.
@Suite("Alerts and alert state in the database")
struct AlertStorageTests {
    static let alert = AlertRecord(
        at: 100, kind: .bandDropped, priority: .crit, scope: .contract, contract: "acme",
        score: 55, previousScore: 82, band: .notReady, previousBand: .ready,
        findings: ["D01", "T01"], message: "Contract acme fell")

    @Test func alertCountsListEveryKindWithZeros() throws {
        let store = try ExitReadyStoreTests.inMemory()
        #expect(try store.alertCounts().map(\.kind) == AlertKind.allCases)
        _ = try store.recordAlerts([Self.alert, Self.alert], state: AlertState(), at: 100)
        let counts = try store.alertCounts()
        #expect(counts.first { $0.kind == Self.alert.kind }?.count == 2)
        #expect(counts.filter { $0.kind != Self.alert.kind }.allSatisfy { $0.count == 0 })
        #expect(try store.lastScanFileCount() == nil)
    }

    /// The counts are since the database was created: pruning old alerts leaves them.
    @Test func alertCountsOutlivePruning() throws {
        let store = try ExitReadyStoreTests.inMemory()
        let stored = try store.recordAlerts([Self.alert, Self.alert, Self.alert], state: AlertState(), at: 100)
        try store.markJournaled(stored.map { $0.id! })
        try store.prune(before: 1_000_000)
        #expect(try store.alerts(since: nil, limit: 10).count < 3, "the prune removed alerts")
        #expect(try store.alertCounts().first { $0.kind == Self.alert.kind }?.count == 3)
    }

    @Test func alertsRoundTripTyped() throws {
        let store = try ExitReadyStoreTests.inMemory()
        let stored = try store.recordAlerts([Self.alert], state: AlertState(), at: 100)
        var expected = Self.alert
        expected.id = stored[0].id
        #expect(try store.unjournaledAlerts() == [expected])
        #expect(try store.alerts(since: nil, limit: 10) == [expected])
    }

    @Test func anOverdueActionAlertAndTheActionsAlertedRoundTrip() throws {
        let store = try ExitReadyStoreTests.inMemory()
        let alert = AlertRecord(
            at: 100, kind: .actionOverdue, priority: .warning, scope: .contract, contract: "acme", action: "D01/licenses",
            message: "Contract acme: the action on D01/licenses was due 2026-11-20 and the finding persists (A01)")
        let state = AlertState(overdueActions: ["acme D01 2026-11-20 licenses", "acme S01 2026-11-01 p 1"])
        let stored = try store.recordAlerts([alert], state: state, at: 100)
        #expect(try store.alerts(since: nil, limit: 10).map(\.action) == ["D01/licenses"])
        #expect(stored.first?.kind == .actionOverdue)
        #expect(try store.alertState() == state)
        _ = try store.recordAlerts([], state: AlertState(), at: 200)
        #expect(try store.alertState().overdueActions.isEmpty, "keys no longer overdue are forgotten")
    }

    /// Databases written before the types keep reading: the raw values are the stored text.
    @Test func theStoredTextIsUnchanged() throws {
        let store = try ExitReadyStoreTests.inMemory()
        let state = AlertState(
            baselines: ["": .init(band: .atRisk, score: 70, peak: 75)],
            conditions: [.dataroomUnreachable: "gone"])
        _ = try store.recordAlerts([Self.alert], state: state, at: 100)
        let (alert, baseline, condition) = try store.writer.read { db in
            (
                try Row.fetchOne(db, sql: "SELECT kind, priority, scope, band, previous_band FROM alerts")!,
                try String.fetchOne(db, sql: "SELECT band FROM alert_baselines"),
                try String.fetchOne(db, sql: "SELECT kind FROM alert_conditions")
            )
        }
        #expect(
            alert == [
                "kind": "band-dropped", "priority": "crit", "scope": "contract", "band": "not-ready",
                "previous_band": "ready",
            ])
        #expect(baseline == "at-risk")
        #expect(condition == "dataroom-unreachable")
        #expect(try store.alertState() == state)
    }

    /// A condition is dated when it begins, by the caller, and keeps that date while its detail stays.
    @Test func conditionsAreDatedByTheCaller() throws {
        let store = try ExitReadyStoreTests.inMemory()
        func since() throws -> Double? {
            try store.writer.read { db in try Double.fetchOne(db, sql: "SELECT since FROM alert_conditions") }
        }
        _ = try store.recordAlerts([], state: AlertState(conditions: [.inventoryInvalid: "one error"]), at: 1_000)
        #expect(try since() == 1_000)
        _ = try store.recordAlerts([], state: AlertState(conditions: [.inventoryInvalid: "one error"]), at: 2_000)
        #expect(try since() == 1_000)
        _ = try store.recordAlerts([], state: AlertState(conditions: [.inventoryInvalid: "two errors"]), at: 3_000)
        #expect(try since() == 3_000)
        _ = try store.recordAlerts([], state: AlertState(), at: 4_000)
        #expect(try since() == nil)
    }
}
