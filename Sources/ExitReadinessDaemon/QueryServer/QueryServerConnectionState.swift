import ExitReadinessProtocol
import NIOCore

/// What one query-server connection is doing, as a state machine: `QueryServerConnectionHandler`
/// reports each event and performs the action returned, and the state machine holds everything
/// the handler would otherwise keep in flags (the queued calls, the backend call in progress,
/// Watch, half-close, shutdown, held reads, unflushed replies, the last activity).
///
/// It owns no channel, event loop or clock: the handler passes in `now` and whether the socket
/// is writable, so every transition can be tested without a connection.
///
/// Answering goes in two steps: the handler takes calls with `nextCall()` while it returns one,
/// tells the state machine what became of each (`replyWritten()`, `deferredStarted()`,
/// `watchStarted()`), then performs `answeringPaused()`. Which calls need the backend is the
/// dispatcher's decision, not the state machine's.
struct QueryServerConnectionState {
    /// What the handler does next.
    enum Action: Equatable {
        case nothing
        /// Answer the queued calls: take them with `nextCall()`, then perform `answeringPaused()`.
        case answer
        /// Flush the replies written.
        case flush
        /// Flush first if `flush`, then ask the channel to read more.
        case read(flush: Bool)
        /// Flush first if `flush`, then close the connection.
        case close(flush: Bool)
    }

    /// Whether a `read` from the pipeline goes to the channel.
    enum ReadAction: Equatable {
        case read
        /// The connection is saturated: the read waits until it is not.
        case hold
    }

    /// Whether a message received is parsed as a call.
    enum MessageAction: Equatable {
        case parse
        /// Watching or shutting down: the message is dropped unread.
        case drop
    }

    /// What to do with a reply of the `Watch` stream.
    enum WatchUpdateAction: Equatable {
        case writeAndFlush
        /// The connection is closed.
        case drop
    }

    /// What to do with the reply of a backend call that finished.
    enum DeferredFinishedAction: Equatable {
        /// The connection is closed: the reply is dropped.
        case drop
        /// Write the reply (if any), then answer the queued calls.
        case writeAndAnswer
        /// Write the reply (if any), flush it and close: the server is shutting down.
        case writeFlushAndClose
    }

    /// What to do when the idle check fires.
    enum IdleCheckAction: Equatable {
        case close
        /// Check again after this long.
        case reschedule(TimeAmount)
        /// The connection is closed: no more checks.
        case stop
    }

    private enum State: Equatable {
        /// Answering calls as they come.
        case serving(inputClosed: Bool)
        /// A backend call runs; the queued calls wait for its reply.
        case awaitingReply(inputClosed: Bool)
        /// The server stops during a backend call: its reply is the last thing sent.
        case finishingForShutdown
        /// After a `Watch` call the connection only streams; later calls are dropped.
        case watching
        /// Closed, or asked to close: nothing more is done.
        case closed
    }

    private let maximumQueuedCalls: Int
    private let idleTimeout: TimeAmount
    private var state = State.serving(inputClosed: false)
    /// Calls read and not answered yet, in order (kept outside `state` so that appending does not copy).
    private var queue = CircularBuffer<VarlinkCall>()
    private var isWritable = true
    /// A `read` was held back while the connection was saturated.
    private var readPending = false
    /// Replies were written and not flushed yet.
    private var needsFlush = false
    private var lastActivity: NIODeadline

    init(maximumQueuedCalls: Int, idleTimeout: TimeAmount, now: NIODeadline) {
        self.maximumQueuedCalls = maximumQueuedCalls
        self.idleTimeout = idleTimeout
        lastActivity = now
    }

    // MARK: Reading

    /// The pipeline asks for more bytes.
    mutating func readRequested() -> ReadAction {
        guard isSaturated else { return .read }
        readPending = true
        return .hold
    }

    /// A message arrived (a call, unless it fails to parse).
    mutating func messageReceived(at now: NIODeadline) -> MessageAction {
        lastActivity = now
        switch state {
        case .serving, .awaitingReply: return .parse
        case .finishingForShutdown, .watching, .closed: return .drop
        }
    }

    /// A message parsed as a call: it waits its turn.
    mutating func callReceived(_ call: VarlinkCall) -> Action {
        switch state {
        case .serving, .awaitingReply:
            queue.append(call)
            return .answer
        case .finishingForShutdown, .watching, .closed:
            return .nothing
        }
    }

    /// A message was not a Varlink call: the connection closes.
    mutating func invalidMessageReceived() -> Action {
        close()
    }

    // MARK: Answering

    /// The next call to answer now, if any: none while a backend call runs, while watching,
    /// or while the client does not read its replies.
    mutating func nextCall() -> VarlinkCall? {
        guard case .serving = state, isWritable else { return nil }
        return queue.popFirst()
    }

    /// The handler wrote a reply to the call from `nextCall()`.
    mutating func replyWritten() {
        needsFlush = true
    }

    /// The call from `nextCall()` went to the backend: the next calls wait for its reply.
    mutating func deferredStarted() {
        guard case .serving(let inputClosed) = state else { return }
        state = .awaitingReply(inputClosed: inputClosed)
    }

    /// The call from `nextCall()` was `Watch`: from now on the connection only streams.
    mutating func watchStarted() {
        guard case .serving = state else { return }
        state = .watching
        queue.removeAll()
    }

    /// `nextCall()` returned nil: flush, close a half-closed connection that is answered, or
    /// release a held read.
    mutating func answeringPaused() -> Action {
        if case .serving(inputClosed: true) = state, queue.isEmpty {
            return close()
        }
        if readPending, !isSaturated {
            readPending = false
            return .read(flush: takeFlush())
        }
        return takeFlush() ? .flush : .nothing
    }

    /// A backend call finished; `hasReply` is false for a `oneway` call.
    mutating func deferredFinished(hasReply: Bool, at now: NIODeadline) -> DeferredFinishedAction {
        lastActivity = now
        switch state {
        case .awaitingReply(let inputClosed):
            state = .serving(inputClosed: inputClosed)
            if hasReply { needsFlush = true }
            return .writeAndAnswer
        case .finishingForShutdown:
            state = .closed
            needsFlush = false
            return .writeFlushAndClose
        case .serving, .watching, .closed:
            return .drop
        }
    }

    // MARK: Watch

    /// The backend published an evaluation to the watcher.
    /// (A watcher that does not read its replies is closed when the socket stops being
    /// writable, so a watching connection can always take the update.)
    func watchUpdate() -> WatchUpdateAction {
        guard case .watching = state else { return .drop }
        return .writeAndFlush
    }

    /// The backend ended the Watch stream (the daemon is stopping).
    mutating func watchEnded() -> Action {
        close()
    }

    // MARK: The channel and the server

    /// The socket became writable or stopped being writable.
    mutating func writabilityChanged(isWritable: Bool) -> Action {
        self.isWritable = isWritable
        switch state {
        case .closed: return .nothing
        case .watching where !isWritable: return close()
        default: return isWritable ? .answer : .nothing
        }
    }

    /// The client shut down its sending side: a watcher has left; anyone else still gets the
    /// replies to what it sent.
    mutating func inputClosed() -> Action {
        switch state {
        case .serving:
            state = .serving(inputClosed: true)
            return queue.isEmpty ? close() : .nothing
        case .awaitingReply:
            state = .awaitingReply(inputClosed: true)
            return .nothing
        case .watching:
            return close()
        case .finishingForShutdown, .closed:
            return .nothing
        }
    }

    /// The server stops: the call in progress is finished, the queued ones are dropped.
    mutating func shutdownRequested() -> Action {
        queue.removeAll()
        switch state {
        case .awaitingReply:
            state = .finishingForShutdown
            return .nothing
        case .serving, .watching:
            return close()
        case .finishingForShutdown, .closed:
            return .nothing
        }
    }

    /// The idle check fired: a connection that answers nothing and received nothing for the
    /// idle timeout closes; any other is checked again when it could next be idle that long.
    mutating func idleCheckFired(at now: NIODeadline) -> IdleCheckAction {
        switch state {
        case .closed:
            return .stop
        case .awaitingReply, .finishingForShutdown, .watching:
            return .reschedule(idleTimeout)
        case .serving:
            let idle = now - lastActivity
            guard idle < idleTimeout else {
                state = .closed
                return .close
            }
            return .reschedule(idleTimeout - idle)
        }
    }

    /// The channel closed.
    mutating func channelClosed() {
        state = .closed
        queue.removeAll()
        readPending = false
        needsFlush = false
    }

    // MARK: Helpers

    /// Too many calls wait, or the client does not read its replies: reading stops.
    private var isSaturated: Bool {
        state != .watching && (queue.count >= maximumQueuedCalls || !isWritable)
    }

    private mutating func takeFlush() -> Bool {
        defer { needsFlush = false }
        return needsFlush
    }

    private mutating func close() -> Action {
        let wasClosed = state == .closed
        state = .closed
        queue.removeAll()
        readPending = false
        return wasClosed ? .nothing : .close(flush: takeFlush())
    }
}
