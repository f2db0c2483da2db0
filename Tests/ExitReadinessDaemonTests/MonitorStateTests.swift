import ExitReadiness
import ExitReadinessInventory
import ExitReadinessStore
import Foundation
import Testing

@testable import ExitReadinessDaemon

/// What the daemon knows now, as the evaluator publishes it and queries read it, with the demo's
/// evaluation.
@Suite("Monitor state")
struct MonitorStateTests {
    /// The demo evaluated once, at the test clock's start.
    static func demoSnapshot(_ demo: DemoDaemon) throws -> MonitorState.Snapshot {
        var memory = EvaluationCycle.Memory()
        return try #require(demo.cycle().run(memory: &memory).snapshot)
    }

    @Test func aWatchStartsWithTheCurrentEvaluationThenFollowsPublications() async throws {
        let demo = try DemoDaemon()
        let snapshot = try Self.demoSnapshot(demo)
        await demo.state.publish(snapshot)
        var replies = await demo.state.watch().makeAsyncIterator()
        let current = try #require(await replies.next())
        #expect(current["current"]?.boolValue == true)
        #expect(current["evaluated"]?.stringValue == "2026-12-01")
        #expect(current["evaluated_at"]?.stringValue == "2026-12-01T09:00:00Z")
        #expect(current["portfolio"]?["score"]?.doubleValue == 63.3)
        #expect(current["changed"]?.arrayValue?.isEmpty == true)

        let later = MonitorState.Snapshot(evaluation: snapshot.evaluation, evaluatedAt: DemoDaemon.startTime + 900)
        await demo.state.publish(later)
        let next = try #require(await replies.next())
        #expect(next["current"] == nil)
        #expect(next["evaluated_at"]?.stringValue == "2026-12-01T09:15:00Z")
        #expect(next["changed"]?.arrayValue?.isEmpty == true, "the same scores: no contract changed")
        #expect(demo.state.publishedCount.withLock { $0 } == 2)
    }

    @Test func aWatchBeforeTheFirstEvaluationListsEveryContractAsChanged() async throws {
        let demo = try DemoDaemon()
        var replies = await demo.state.watch().makeAsyncIterator()
        let snapshot = try Self.demoSnapshot(demo)
        await demo.state.publish(snapshot)
        let first = try #require(await replies.next())
        #expect(first["current"] == nil)
        #expect(first["changed"]?.arrayValue?.compactMap(\.stringValue) == snapshot.evaluation.contracts.map(\.id))
        #expect(first["changed"]?.arrayValue?.count == 6)
    }

    @Test func finishingTheWatchersEndsEveryStream() async throws {
        let demo = try DemoDaemon()
        let streams = [await demo.state.watch(), await demo.state.watch()]
        #expect(await demo.state.watcherCount == 2)
        await demo.state.finishWatchers()
        #expect(await demo.state.watcherCount == 0)
        for stream in streams {
            var replies = stream.makeAsyncIterator()
            #expect(await replies.next() == nil)
        }
    }

    @Test func theStatusIsWhatWasSetLast() async throws {
        let demo = try DemoDaemon()
        let empty = await demo.state.status
        #expect(empty.snapshot == nil)
        #expect(empty.dataroom == .unknown)
        #expect(empty.inventoryRevision == nil)

        let snapshot = try Self.demoSnapshot(demo)
        let error = Diagnostic(file: "/i/contracts/a.yaml", line: 3, column: 14, message: "unknown criticality")
        await demo.state.publish(snapshot)
        await demo.state.setInventory(revision: "r1", errors: [error], warnings: [])
        await demo.state.setDataroom(.unreachable)
        await demo.state.setNextEvaluation(DemoDaemon.startTime + 900)
        let status = await demo.state.status
        #expect(status.snapshot?.evaluatedAt == DemoDaemon.startTime)
        #expect(status.snapshot?.evaluation.portfolio.roundedScore == 63.3)
        #expect(status.inventoryRevision == "r1")
        #expect(status.inventoryErrors == [error])
        #expect(status.dataroom == .unreachable)
        #expect(status.nextEvaluation == DemoDaemon.startTime + 900)
        #expect(status.configurationError == nil)
        #expect(await demo.state.startedAt == DemoDaemon.startTime - 60)
    }
}
