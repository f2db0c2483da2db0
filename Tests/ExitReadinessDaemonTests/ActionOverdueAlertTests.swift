import ExitReadiness
import ExitReadinessStore
import Foundation
import Testing

@testable import ExitReadinessDaemon

/// The action-overdue alert on the demo, whose action register has two open rows past their due
/// date on 2026-12-01 (dialoog-email: C02 and the staff finding S01/dl-tl-01).
@Suite("Action-overdue alerts")
struct ActionOverdueAlertTests {
    static func overdue(_ outcome: EvaluationCycle.Outcome) -> [AlertRecord] {
        outcome.alerts.filter { $0.kind == .actionOverdue }
    }

    @Test func raisedOncePerRowAndDueDateAcrossRestarts() throws {
        let demo = try DemoDaemon()
        var memory = EvaluationCycle.Memory()
        let first = Self.overdue(demo.cycle().run(memory: &memory))
        #expect(first.map(\.action) == ["C02", "S01"])
        #expect(first.allSatisfy { $0.contract == "dialoog-email" && $0.priority == .warning && $0.scope == .contract })
        #expect(
            first.first?.message == "Contract dialoog-email: the action on C02 was due 2026-11-20 and the finding persists (A01)")

        demo.advance(by: 60)
        #expect(Self.overdue(demo.cycle().run(memory: &memory)).isEmpty, "the next evaluation repeats nothing")

        // A restart: a new store on the same database, a cycle without memory.
        let restarted = try ExitReadyStore(path: demo.directory + "/exitready.db")
        demo.advance(by: 60)
        var fresh = EvaluationCycle.Memory()
        let cycle = EvaluationCycle(
            configuration: demo.settings.current, store: restarted, logger: demo.logger, today: DemoDaemon.day,
            health: demo.health, clock: demo.clock)
        #expect(Self.overdue(cycle.run(memory: &fresh)).isEmpty, "a restart repeats nothing")

        // A new due date that has passed too raises the alert again, for that row only.
        let path = demo.inventory + "/actions.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let moved = text.replacingOccurrences(of: "Vendor manager,2026-11-20", with: "Vendor manager,2026-11-28")
        #expect(moved != text)
        try moved.write(toFile: path, atomically: true, encoding: .utf8)
        demo.advance(by: 60)
        let again = Self.overdue(cycle.run(memory: &fresh))
        #expect(again.map(\.action) == ["C02"])
        #expect(again.first?.message.contains("2026-11-28") == true)
    }

    @Test func theJournalEntryNamesTheActionButNoPerson() throws {
        let demo = try DemoDaemon()
        var memory = EvaluationCycle.Memory()
        let staff = try #require(Self.overdue(demo.cycle().run(memory: &memory)).first { $0.action == "S01" })
        let fields = AlertDelivery.fields(staff, id: "db-1")
        #expect(fields.contains { $0 == ("EXITREADY_ACTION", "S01") })
        #expect(fields.contains { $0 == ("EXITREADY_CONTRACT", "dialoog-email") })
        #expect(fields.contains { $0 == ("MESSAGE_ID", "c1207f06b417462490ac7aa045253ac4") })
        #expect(!fields.contains { $0.1.contains("dl-tl-01") }, "a person id never goes to the journal")
    }

    @Test func getAlertsShowsTheAction() async throws {
        let demo = try DemoDaemon()
        var memory = EvaluationCycle.Memory()
        _ = demo.cycle().run(memory: &memory)
        let reply = try await demo.backend().alerts(since: nil, limit: nil)
        let actions = reply["alerts"]?.arrayValue?.filter { $0["kind"]?.stringValue == "action-overdue" }.map {
            $0["action"]?.stringValue
        }
        #expect(actions?.sorted { ($0 ?? "") < ($1 ?? "") } == ["C02", "S01"])
    }
}
