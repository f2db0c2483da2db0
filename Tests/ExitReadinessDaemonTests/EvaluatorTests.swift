import ExitReadiness
import Foundation
import ServiceLifecycleTestKit
import Testing

@testable import ExitReadinessDaemon

/// The evaluator as the service group runs it: evaluations on request, and a graceful shutdown
/// that does not wait for the next interval.
@Suite("Evaluator")
struct EvaluatorTests {
    @Test func aGracefulShutdownEndsTheEvaluatorPromptlyAndFinishesTheWatches() async throws {
        let demo = try DemoDaemon()
        let evaluator = try demo.evaluator()
        try await testGracefulShutdown { trigger in
            let returned = Received<Bool>()
            let running = Task {
                defer { returned.set(true) }
                try await evaluator.run()
            }
            #expect(await eventually { demo.state.publishedCount.withLock { $0 } == 1 }, "the first evaluation is published")
            let watch = await demo.state.watch()
            let firstReply = Received<Bool>()
            let watchEnded = Received<Int>()
            let watcher = Task {
                var later = 0
                for await reply in watch {
                    if reply["current"]?.boolValue == true { firstReply.set(true) } else { later += 1 }
                }
                watchEnded.set(later)
            }
            #expect(try await firstReply.wait())
            trigger.triggerGracefulShutdown()
            // The interval is an hour: returning within the deadline means it did not wait for it.
            #expect(try await returned.wait(), "the evaluator returns after a graceful shutdown")
            try await running.value
            #expect(try await watchEnded.wait() == 0, "the watch stream is finished, with no other reply")
            await watcher.value
            #expect(await demo.state.watcherCount == 0)
            guard case .failed(let reason) = await demo.requests.submit(.evaluate) else {
                Issue.record("a request after the shutdown was evaluated")
                return
            }
            #expect(reason == "the daemon is stopping")
        }
    }

    @Test func anEvaluateRequestEvaluatesAgainAtTheClocksTime() async throws {
        let demo = try DemoDaemon()
        let backend = try demo.backend()
        let firstStatus = Received<String>()
        try await demo.withEvaluator(onFirstEvaluation: { firstStatus.set($0) }) {
            _ = try await firstStatus.wait()
            demo.advance(by: 300)
            let reply = try await backend.evaluate()
            #expect(reply["evaluated_at"]?.stringValue == "2026-12-01T09:05:00Z")
            #expect(reply["portfolio"]?["score"]?.doubleValue == 63.3)
            #expect(demo.state.publishedCount.withLock { $0 } == 2)
            // Planned from the clock once the requests are answered.
            #expect(await eventually { await demo.state.nextEvaluation == DemoDaemon.startTime + 300 + DemoDaemon.interval })
        }
    }
}
