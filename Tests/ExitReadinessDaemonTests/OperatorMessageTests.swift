import Foundation
import Logging
import Testing

@testable import ExitReadiness
@testable import ExitReadinessDaemon

/// The lines an operator reads: the evaluation summary, the inventory alert, terminal log lines,
/// and the first Watch reply.
@Suite("Operator messages")
struct OperatorMessageTests {
    @Test func theEvaluationSummaryCountsActiveContractsPerBandAndTheEnded() {
        let contracts = [
            AlertPolicyTests.contract("a", score: 85), AlertPolicyTests.contract("b", score: 70),
            AlertPolicyTests.contract("c", score: 65), AlertPolicyTests.contract("d", score: 20),
            AlertPolicyTests.contract("e", score: 90, status: .ended),
        ]
        let evaluation = AlertPolicyTests.evaluation(contracts)
        let summary = EvaluationSummary(evaluation: evaluation, seconds: 0.1234)
        let score = DecimalText.score(evaluation.portfolio.roundedScore ?? -1)
        let band = evaluation.portfolio.band?.rawValue ?? "?"
        #expect(
            summary.message == "evaluated 2026-12-01 in 0.12 s: portfolio \(score) \(band); "
                + "4 active contracts: 1 ready, 2 at-risk, 1 not-ready; 1 ended")
        #expect(summary.metadata["EXITREADY_DURATION_MS"] == "123")
        #expect(summary.metadata["EXITREADY_AT_RISK"] == "2")
        #expect(summary.metadata["EXITREADY_SCORE"] == "\(score)")
    }

    @Test func withoutActiveContractsTheSummarySaysSo() {
        let evaluation = AlertPolicyTests.evaluation([AlertPolicyTests.contract("e", score: 90, status: .ended)])
        #expect(
            EvaluationSummary(evaluation: evaluation, seconds: 2).message
                == "evaluated 2026-12-01 in 2.00 s: no active contract; 1 ended")
        #expect(EvaluationSummary(evaluation: evaluation, seconds: 2).metadata["EXITREADY_SCORE"] == nil)
    }

    @Test func oneInventoryAlertQuotesNewErrorsFirstAndCountsTheRest() {
        let all = ["/i/a.yaml:1:1: x", "/i/b.yaml:2:1: y", "/i/c.yaml:3:1: z", "/i/d.yaml:4:1: w"]
        let message = EvaluationCycle.inventoryInvalidMessage(all: all, fresh: ["/i/d.yaml:4:1: w"], validRevision: "r1")
        #expect(
            message == "The inventory has 4 errors (1 new): /i/d.yaml:4:1: w; /i/a.yaml:1:1: x; /i/b.yaml:2:1: y; "
                + "and 1 more (exitreadyctl validate lists them all); scoring continues on the last valid inventory (revision r1)"
        )
        let first = EvaluationCycle.inventoryInvalidMessage(
            all: ["/i/a.yaml:1:1: x"], fresh: ["/i/a.yaml:1:1: x"],
            validRevision: nil)
        #expect(first == "The inventory has 1 error: /i/a.yaml:1:1: x; nothing is scored until it is fixed")
    }

    @Test func terminalLinesArePlainWithoutFields() {
        setenv("TZ", "UTC", 1)
        tzset()
        #expect(
            TerminalLogHandler.line(level: .warning, message: "the dataroom is slow", at: 1_764_579_600)
                == "2025-12-01 09:00:00 warning: the dataroom is slow\n")
    }

    @Test func aWatchStartsWithTheCurrentEvaluation() async {
        let state = MonitorState(startedAt: 0)
        let evaluation = AlertPolicyTests.evaluation([AlertPolicyTests.contract("a", score: 85)])
        await state.publish(MonitorState.Snapshot(evaluation: evaluation, evaluatedAt: 1_000))
        var replies = await state.watch().makeAsyncIterator()
        let first = await replies.next()
        #expect(first?["current"]?.boolValue == true)
        #expect(first?["changed"]?.arrayValue?.isEmpty == true)
        await state.publish(MonitorState.Snapshot(evaluation: evaluation, evaluatedAt: 2_000))
        let second = await replies.next()
        #expect(second?["current"] == nil)
        #expect(second?["evaluated_at"]?.stringValue == "1970-01-01T00:33:20Z")
    }

    @Test func aWatchBeforeAnyEvaluationWaitsForTheFirst() async {
        let state = MonitorState(startedAt: 0)
        var replies = await state.watch().makeAsyncIterator()
        await state.publish(MonitorState.Snapshot(evaluation: AlertPolicyTests.evaluation([]), evaluatedAt: 1_000))
        let first = await replies.next()
        #expect(first?["current"] == nil)
    }
}
