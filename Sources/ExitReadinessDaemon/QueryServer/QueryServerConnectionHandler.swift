// Why a `ChannelDuplexHandler` and not `NIOAsyncChannel`, the usual shape of a SwiftNIO server
// today: most calls need no backend (the `GetScores` and `GetContract` replies cached per
// evaluation, the `org.varlink.service` methods, errors), and this handler writes their replies
// on the event loop, in the same turn that read the call. Behind a `NIOAsyncChannel` every call
// would hop from the event loop to a task and every reply back, cached ones included. That fast
// path is what the "Varlink queries" section of BENCHMARKS.md measures (cached `GetScores` round
// trips against a bare C echo server on the same kind of socket, 1 and 64 clients, with the
// targets and each run's figures), so a change to this shape must be measured there first.
// Only backend calls and the `Watch` stream run as tasks.

import ExitReadiness
import ExitReadinessProtocol
import Logging
import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// One client connection of the query server: reads calls (one per NUL-terminated message
/// from `VarlinkFrameDecoder`), answers them in order, streams `Watch`, and protects the
/// daemon from the client.
///
/// Calls are answered strictly one after another, so replies keep the order of the calls
/// however many are pipelined. Answers that need no backend (service methods, errors, cached
/// evaluations) are written at once on the event loop; the others run as a task and the
/// connection waits for them. The connection stops reading while `Limits.maximumQueuedCalls`
/// calls wait or while the client does not read its replies (the socket is not writable), so
/// a flood costs a bounded amount of memory. Anything that is not a Varlink call closes this
/// connection and only this one.
///
/// After a `Watch` call the connection only streams: the Watch reply never ends, so calls sent
/// after it could never be answered in order and are read and dropped (reading goes on so that
/// a hang-up is noticed). A watcher that does not read its replies is disconnected.
///
/// Which of these applies when is decided by `QueryServerConnectionState`; this handler
/// reports the channel's events to it and performs what it returns.
final class QueryServerConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Sent through the pipeline when the server stops: finish the current call, then close.
    struct ShutdownEvent: Sendable {}

    private let dispatcher: QueryServerDispatcher
    private let peer: PeerCredentials?
    private let idleTimeout: TimeAmount
    private let logger: Logger

    private var state: QueryServerConnectionState
    /// The backend call, or the Watch stream, running for this connection.
    private var task: Task<Void, Never>?
    private var idleCheck: Scheduled<Void>?

    init(dispatcher: QueryServerDispatcher, peer: PeerCredentials?, limits: QueryServer.Limits, logger: Logger) {
        self.dispatcher = dispatcher
        self.peer = peer
        idleTimeout = TimeAmount(limits.idleTimeout)
        var logger = logger
        if let peer { logger[metadataKey: "peer"] = "\(peer)" }
        self.logger = logger
        state = QueryServerConnectionState(
            maximumQueuedCalls: limits.maximumQueuedCalls, idleTimeout: idleTimeout,
            now: .now())
    }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { scheduleIdleCheck(context: context, in: idleTimeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if idleCheck == nil { scheduleIdleCheck(context: context, in: idleTimeout) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        state.channelClosed()
        task?.cancel()
        idleCheck?.cancel()
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        switch error {
        case let framing as VarlinkFramingError:
            logger.debug("closing connection: \(framing)")
        case let io as IOError where [ECONNRESET, EPIPE].contains(io.errnoCode):
            logger.debug("client went away: \(io)")
        default:
            logger.debug("closing connection: \(error)")
        }
        context.close(promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ShutdownEvent {
            perform(state.shutdownRequested(), context: context)
        } else if case ChannelEvent.inputClosed = event {
            perform(state.inputClosed(), context: context)
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    // MARK: Reading calls

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard state.messageReceived(at: .now()) == .parse else { return }
        let message = unwrapInboundIn(data)
        let parsed = message.withUnsafeReadableBytes { bytes in
            Result { () throws(VarlinkMessageError) -> VarlinkCall in try VarlinkCall(bytes: bytes) }
        }
        switch parsed {
        case .success(let call):
            perform(state.callReceived(call), context: context)
        case .failure(let error):
            logger.debug("closing connection: not a Varlink call: \(error)")
            perform(state.invalidMessageReceived(), context: context)
        }
    }

    func read(context: ChannelHandlerContext) {
        if state.readRequested() == .read { context.read() }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        let isWritable = context.channel.isWritable
        let action = state.writabilityChanged(isWritable: isWritable)
        if case .close = action {
            logger.debug("closing Watch connection: the client does not read its replies")
        }
        perform(action, context: context)
        context.fireChannelWritabilityChanged()
    }

    // MARK: Answering

    /// Answers queued calls in order until one must wait for the backend, the client stops
    /// reading, or the queue is empty.
    private func answer(context: ChannelHandlerContext) {
        while let call = state.nextCall() {
            switch dispatcher.action(for: call, peer: peer) {
            case .reply(let reply):
                context.write(wrapOutboundOut(reply), promise: nil)
                state.replyWritten()
            case .none:
                break
            case .deferred(let work):
                state.deferredStarted()
                let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
                task = Task {
                    let reply = await work()
                    bound.eventLoop.execute {
                        bound.value.handler.finishDeferred(reply, context: bound.value.context)
                    }
                }
            case .watch(let updates):
                state.watchStarted()
                startWatch(updates, context: context)
            }
        }
        perform(state.answeringPaused(), context: context)
    }

    private func finishDeferred(_ reply: ByteBuffer?, context: ChannelHandlerContext) {
        task = nil
        let action = state.deferredFinished(hasReply: reply != nil, at: .now())
        if action != .drop, let reply { context.write(wrapOutboundOut(reply), promise: nil) }
        switch action {
        case .drop:
            break
        case .writeAndAnswer:
            answer(context: context)
        case .writeFlushAndClose:
            context.flush()
            context.close(promise: nil)
        }
    }

    private func startWatch(_ updates: AsyncStream<JSONValue>, context: ChannelHandlerContext) {
        logger.debug("streaming Watch replies")
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        task = Task {
            for await update in updates {
                let reply = QueryServerDispatcher.watchReply(update)
                bound.eventLoop.execute {
                    bound.value.handler.sendWatchReply(reply, context: bound.value.context)
                }
            }
            // The daemon is stopping: the stream ended without a final reply.
            bound.eventLoop.execute {
                let handler = bound.value.handler
                handler.perform(handler.state.watchEnded(), context: bound.value.context)
            }
        }
    }

    private func sendWatchReply(_ reply: ByteBuffer, context: ChannelHandlerContext) {
        if state.watchUpdate() == .writeAndFlush {
            context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
        }
    }

    /// Does what the state machine asked for.
    private func perform(_ action: QueryServerConnectionState.Action, context: ChannelHandlerContext) {
        switch action {
        case .nothing:
            break
        case .answer:
            answer(context: context)
        case .flush:
            context.flush()
        case .read(let flush):
            if flush { context.flush() }
            context.read()
        case .close(let flush):
            if flush { context.flush() }
            context.close(promise: nil)
        }
    }

    // MARK: Idle timeout

    /// Checks once per timeout (not once per call) whether the connection has been idle.
    private func scheduleIdleCheck(context: ChannelHandlerContext, in delay: TimeAmount) {
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        idleCheck = context.eventLoop.scheduleTask(in: delay) {
            bound.value.handler.checkIdle(context: bound.value.context)
        }
    }

    private func checkIdle(context: ChannelHandlerContext) {
        switch state.idleCheckFired(at: .now()) {
        case .close:
            logger.debug("closing idle connection")
            context.close(promise: nil)
        case .reschedule(let delay):
            scheduleIdleCheck(context: context, in: delay)
        case .stop:
            break
        }
    }
}
