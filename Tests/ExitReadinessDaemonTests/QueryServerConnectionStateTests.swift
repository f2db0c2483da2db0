import ExitReadinessProtocol
import NIOCore
import Testing

@testable import ExitReadinessDaemon

/// The transitions of `QueryServerConnectionState`, without a channel or an event loop: a
/// `Connection` plays the handler's part and the tests decide the time.
@Suite("Query server: connection state")
struct QueryServerConnectionStateTests {
    typealias Action = QueryServerConnectionState.Action
    static let start = NIODeadline.uptimeNanoseconds(1_000_000_000)

    /// The handler's part: answers calls as `QueryServerConnectionHandler` does, with a fake
    /// dispatcher (methods starting with `Slow` go to the backend, `Oneway` ones get no reply,
    /// `Watch` streams, every other method is answered at once) and records what it did.
    struct Connection {
        var state: QueryServerConnectionState
        /// Replies written, by method, in order.
        var replies: [String] = []
        /// The backend call running, if any.
        var backendCall: String?

        init(maximumQueuedCalls: Int = 256, idleTimeout: TimeAmount = .seconds(60)) {
            state = QueryServerConnectionState(
                maximumQueuedCalls: maximumQueuedCalls, idleTimeout: idleTimeout,
                now: QueryServerConnectionStateTests.start)
        }

        /// A call arrives; returns what the handler does after answering what it could, or nil
        /// when the call is dropped unread.
        mutating func receive(_ method: String, at now: NIODeadline = QueryServerConnectionStateTests.start) -> Action? {
            guard state.messageReceived(at: now) == .parse else { return nil }
            return perform(state.callReceived(VarlinkCall(method: method)))
        }

        /// Performs `.answer` as the handler does and returns the action that follows; any
        /// other action is returned for the test to check.
        mutating func perform(_ action: Action) -> Action {
            guard action == .answer else { return action }
            while let call = state.nextCall() {
                if call.method.hasPrefix("Slow") {
                    backendCall = call.method
                    state.deferredStarted()
                } else if call.method == "Watch" {
                    state.watchStarted()
                } else if !call.method.hasPrefix("Oneway") {
                    replies.append(call.method)
                    state.replyWritten()
                }
            }
            return state.answeringPaused()
        }

        /// The backend call returns its reply (none for a `oneway` one).
        mutating func finishBackendCall(at now: NIODeadline = QueryServerConnectionStateTests.start, reply: Bool = true)
            -> QueryServerConnectionState.DeferredFinishedAction
        {
            let method = backendCall
            backendCall = nil
            let action = state.deferredFinished(hasReply: reply, at: now)
            if action != .drop, reply, let method { replies.append(method) }
            if action == .writeAndAnswer { after = perform(.answer) }
            return action
        }

        /// What followed the last `finishBackendCall` that answered on.
        var after: Action?
    }

    // MARK: Order

    @Test func pipelinedCallsAreAnsweredInOrderAtOnce() {
        var connection = Connection()
        #expect(connection.receive("A") == .flush)
        #expect(connection.receive("B") == .flush)
        #expect(connection.receive("C") == .flush)
        #expect(connection.replies == ["A", "B", "C"])
    }

    @Test func aBackendCallHoldsBackTheCallsAfterIt() {
        var connection = Connection()
        _ = connection.receive("A")
        _ = connection.receive("SlowB")
        _ = connection.receive("C")
        _ = connection.receive("D")
        #expect(connection.replies == ["A"])
        #expect(connection.backendCall == "SlowB")
        #expect(connection.state.nextCall() == nil)

        #expect(connection.finishBackendCall() == .writeAndAnswer)
        #expect(connection.replies == ["A", "SlowB", "C", "D"])
        #expect(connection.after == .flush)
    }

    @Test func aOnewayBackendCallStillHoldsBackTheNextCall() {
        var connection = Connection()
        _ = connection.receive("SlowOneway")
        _ = connection.receive("A")
        #expect(connection.replies.isEmpty)
        #expect(connection.finishBackendCall(reply: false) == .writeAndAnswer)
        #expect(connection.replies == ["A"])
        #expect(connection.after == .flush)
    }

    @Test func onlyWrittenRepliesAreFlushed() {
        var connection = Connection()
        #expect(connection.receive("Oneway") == .nothing)
        #expect(connection.receive("A") == .flush)
    }

    // MARK: Saturation

    @Test func aFullQueueHoldsReadsUntilItShrinks() {
        var connection = Connection(maximumQueuedCalls: 2)
        _ = connection.receive("SlowA")
        #expect(connection.state.readRequested() == .read)
        _ = connection.receive("B")
        #expect(connection.state.readRequested() == .read)
        _ = connection.receive("C")
        #expect(connection.state.readRequested() == .hold)

        #expect(connection.finishBackendCall() == .writeAndAnswer)
        #expect(connection.replies == ["SlowA", "B", "C"])
        #expect(connection.after == .read(flush: true))
        #expect(connection.state.readRequested() == .read)
    }

    @Test func aReadIsNotReleasedWhileTheQueueIsStillFull() {
        var connection = Connection(maximumQueuedCalls: 1)
        _ = connection.receive("SlowA")
        _ = connection.receive("B")
        #expect(connection.state.readRequested() == .hold)
        // Another call arrives from what was already read: the queue stays full.
        #expect(connection.receive("C") == .nothing)
        #expect(connection.state.readRequested() == .hold)
    }

    @Test func aClientThatDoesNotReadItsRepliesIsNotRead() {
        var connection = Connection()
        _ = connection.receive("A")
        #expect(connection.state.writabilityChanged(isWritable: false) == .nothing)
        #expect(connection.state.readRequested() == .hold)
        // A call already read waits for the socket to drain.
        #expect(connection.receive("B") == .nothing)
        #expect(connection.replies == ["A"])

        let action = connection.state.writabilityChanged(isWritable: true)
        #expect(action == .answer)
        #expect(connection.perform(action) == .read(flush: true))
        #expect(connection.replies == ["A", "B"])
    }

    // MARK: Watch

    @Test func callsAfterAWatchAreDroppedAndReadsGoOn() {
        var connection = Connection(maximumQueuedCalls: 1)
        _ = connection.receive("Watch")
        #expect(connection.receive("A") == nil)
        #expect(connection.state.readRequested() == .read)
        #expect(connection.state.watchUpdate() == .writeAndFlush)
        #expect(connection.replies.isEmpty)
    }

    @Test func callsQueuedBehindAWatchAreDroppedAndAHeldReadIsReleased() {
        var connection = Connection(maximumQueuedCalls: 2)
        _ = connection.receive("SlowA")
        _ = connection.receive("Watch")
        _ = connection.receive("B")
        #expect(connection.state.readRequested() == .hold)

        #expect(connection.finishBackendCall() == .writeAndAnswer)
        #expect(connection.replies == ["SlowA"])
        #expect(connection.after == .read(flush: true))
        #expect(connection.state.nextCall() == nil)
    }

    @Test func aWatcherThatStopsSendingIsClosed() {
        var connection = Connection()
        _ = connection.receive("Watch")
        #expect(connection.state.inputClosed() == .close(flush: false))
        #expect(connection.state.watchUpdate() == .drop)
    }

    @Test func aWatcherThatDoesNotReadIsClosed() {
        var connection = Connection()
        _ = connection.receive("Watch")
        #expect(connection.state.writabilityChanged(isWritable: false) == .close(flush: false))
        #expect(connection.state.watchUpdate() == .drop)
        #expect(connection.state.watchEnded() == .nothing)
    }

    @Test func theEndOfTheWatchStreamCloses() {
        var connection = Connection()
        _ = connection.receive("Watch")
        #expect(connection.state.watchEnded() == .close(flush: false))
        #expect(connection.state.watchEnded() == .nothing)
    }

    // MARK: Shutdown

    @Test func shutdownWhileIdleClosesAtOnce() {
        var connection = Connection()
        _ = connection.receive("A")
        #expect(connection.state.shutdownRequested() == .close(flush: false))
        #expect(connection.receive("B") == nil)
    }

    @Test func shutdownWhileWatchingClosesAtOnce() {
        var connection = Connection()
        _ = connection.receive("Watch")
        #expect(connection.state.shutdownRequested() == .close(flush: false))
    }

    @Test func shutdownDuringABackendCallClosesAfterItsReply() {
        var connection = Connection()
        _ = connection.receive("SlowA")
        _ = connection.receive("B")
        #expect(connection.state.shutdownRequested() == .nothing)
        #expect(connection.receive("C") == nil)
        #expect(connection.state.inputClosed() == .nothing)

        #expect(connection.finishBackendCall() == .writeFlushAndClose)
        #expect(connection.replies == ["SlowA"])
        #expect(connection.state.nextCall() == nil)
    }

    // MARK: Half-close

    @Test func aHalfClosedConnectionIsAnsweredThenClosed() {
        var connection = Connection()
        _ = connection.receive("SlowA")
        _ = connection.receive("B")
        _ = connection.receive("C")
        #expect(connection.state.inputClosed() == .nothing)

        #expect(connection.finishBackendCall() == .writeAndAnswer)
        #expect(connection.replies == ["SlowA", "B", "C"])
        #expect(connection.after == .close(flush: true))
    }

    @Test func aHalfClosedConnectionWithNothingQueuedClosesAtOnce() {
        var connection = Connection()
        _ = connection.receive("A")
        #expect(connection.state.inputClosed() == .close(flush: false))
    }

    @Test func aHalfClosedConnectionWaitsForTheClientToReadItsReplies() {
        var connection = Connection()
        _ = connection.state.writabilityChanged(isWritable: false)
        _ = connection.receive("A")
        #expect(connection.state.inputClosed() == .nothing)
        #expect(connection.replies.isEmpty)

        #expect(connection.perform(connection.state.writabilityChanged(isWritable: true)) == .close(flush: true))
        #expect(connection.replies == ["A"])
    }

    // MARK: Broken messages and closing

    @Test func aBrokenMessageCloses() {
        var connection = Connection()
        _ = connection.receive("A")
        _ = connection.receive("B")
        #expect(connection.state.invalidMessageReceived() == .close(flush: false))
        #expect(connection.receive("C") == nil)
        #expect(connection.replies == ["A", "B"])
    }

    @Test func aReplyAfterTheChannelClosedIsDropped() {
        var connection = Connection()
        _ = connection.receive("SlowA")
        connection.state.channelClosed()
        #expect(connection.finishBackendCall() == .drop)
        #expect(connection.replies.isEmpty)
        #expect(connection.state.idleCheckFired(at: Self.start + .seconds(600)) == .stop)
    }

    // MARK: Idle timeout

    @Test func anIdleConnectionClosesAfterTheTimeout() {
        var connection = Connection(idleTimeout: .seconds(60))
        #expect(connection.state.idleCheckFired(at: Self.start + .seconds(60)) == .close)
        #expect(connection.state.idleCheckFired(at: Self.start + .seconds(120)) == .stop)
    }

    @Test func aCallPostponesTheIdleCloseByTheTimeLeft() {
        var connection = Connection(idleTimeout: .seconds(60))
        _ = connection.receive("A", at: Self.start + .seconds(20))
        #expect(connection.state.idleCheckFired(at: Self.start + .seconds(60)) == .reschedule(.seconds(20)))
        #expect(connection.state.idleCheckFired(at: Self.start + .seconds(79)) == .reschedule(.seconds(1)))
        #expect(connection.state.idleCheckFired(at: Self.start + .seconds(80)) == .close)
    }

    @Test func aConnectionWaitingForTheBackendIsNeverIdle() {
        var connection = Connection(idleTimeout: .seconds(60))
        _ = connection.receive("SlowA")
        #expect(connection.state.idleCheckFired(at: Self.start + .seconds(600)) == .reschedule(.seconds(60)))
        // The reply counts as activity.
        #expect(connection.finishBackendCall(at: Self.start + .seconds(630)) == .writeAndAnswer)
        #expect(connection.state.idleCheckFired(at: Self.start + .seconds(660)) == .reschedule(.seconds(30)))
        #expect(connection.state.idleCheckFired(at: Self.start + .seconds(690)) == .close)
    }

    @Test func aWatcherIsNeverIdle() {
        var connection = Connection(idleTimeout: .seconds(60))
        _ = connection.receive("Watch")
        #expect(connection.state.idleCheckFired(at: Self.start + .seconds(600)) == .reschedule(.seconds(60)))
    }

    @Test func aConnectionFinishingForShutdownIsNotIdle() {
        var connection = Connection(idleTimeout: .seconds(60))
        _ = connection.receive("SlowA")
        _ = connection.state.shutdownRequested()
        #expect(connection.state.idleCheckFired(at: Self.start + .seconds(600)) == .reschedule(.seconds(60)))
    }
}
