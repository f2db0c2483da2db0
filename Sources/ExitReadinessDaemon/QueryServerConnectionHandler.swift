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
final class QueryServerConnectionHandler: ChannelDuplexHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    /// Sent through the pipeline when the server stops: finish the current call, then close.
    struct ShutdownEvent: Sendable {}

    private let dispatcher: QueryServerDispatcher
    private let peer: PeerCredentials?
    private let limits: QueryServer.Limits
    private let logger: Logger

    private var queue = CircularBuffer<VarlinkCall>()
    /// A backend call (or the Watch stream) runs for this connection.
    private var task: Task<Void, Never>?
    private var busy = false
    private var watching = false
    private var shuttingDown = false
    /// The client shut down its sending side: answer what is queued, then close.
    private var inputClosed = false
    /// A `read` was held back while the connection is saturated.
    private var readPending = false
    private var needsFlush = false
    private var lastActivity = NIODeadline.now()
    private var idleCheck: Scheduled<Void>?

    init(dispatcher: QueryServerDispatcher, peer: PeerCredentials?, limits: QueryServer.Limits, logger: Logger) {
        self.dispatcher = dispatcher
        self.peer = peer
        self.limits = limits
        var logger = logger
        if let peer { logger[metadataKey: "peer"] = "\(peer)" }
        self.logger = logger
    }

    // MARK: Lifecycle

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { scheduleIdleCheck(context: context, after: limits.idleTimeout) }
    }

    func channelActive(context: ChannelHandlerContext) {
        if idleCheck == nil { scheduleIdleCheck(context: context, after: limits.idleTimeout) }
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        task?.cancel()
        idleCheck?.cancel()
        queue.removeAll()
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
            shuttingDown = true
            queue.removeAll()
            if !busy || watching { context.close(promise: nil) }
        } else if case ChannelEvent.inputClosed = event {
            // A watcher that stops sending has left; anyone else still gets its replies.
            inputClosed = true
            if watching {
                context.close(promise: nil)
            } else {
                closeIfFinished(context: context)
            }
        } else {
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// Closes a half-closed connection once every call it sent is answered.
    private func closeIfFinished(context: ChannelHandlerContext) {
        guard inputClosed, !busy, !watching, queue.isEmpty else { return }
        flushIfNeeded(context: context)
        context.close(promise: nil)
    }

    // MARK: Reading calls

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        lastActivity = .now()
        guard !watching, !shuttingDown else { return }
        let message = unwrapInboundIn(data)
        let parsed = message.withUnsafeReadableBytes { bytes in
            Result { () throws(VarlinkMessageError) -> VarlinkCall in try VarlinkCall(bytes: bytes) }
        }
        switch parsed {
        case .success(let call):
            queue.append(call)
            drain(context: context)
        case .failure(let error):
            logger.debug("closing connection: not a Varlink call: \(error)")
            queue.removeAll()
            flushIfNeeded(context: context)
            context.close(promise: nil)
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        flushIfNeeded(context: context)
        context.fireChannelReadComplete()
    }

    func read(context: ChannelHandlerContext) {
        if isSaturated(context: context) {
            readPending = true
        } else {
            context.read()
        }
    }

    func channelWritabilityChanged(context: ChannelHandlerContext) {
        if context.channel.isWritable {
            drain(context: context)
        } else if watching {
            logger.debug("closing Watch connection: the client does not read its replies")
            context.close(promise: nil)
        }
        context.fireChannelWritabilityChanged()
    }

    private func isSaturated(context: ChannelHandlerContext) -> Bool {
        !watching && (queue.count >= limits.maximumQueuedCalls || !context.channel.isWritable)
    }

    // MARK: Answering

    /// Answers queued calls in order until one must wait for the backend, the client stops
    /// reading, or the queue is empty.
    private func drain(context: ChannelHandlerContext) {
        while !busy, !watching, context.channel.isWritable, let call = queue.popFirst() {
            switch dispatcher.action(for: call, peer: peer) {
            case .reply(let reply):
                context.write(wrapOutboundOut(reply), promise: nil)
                needsFlush = true
            case .none:
                break
            case .deferred(let work):
                busy = true
                let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
                task = Task {
                    let reply = await work()
                    bound.eventLoop.execute {
                        bound.value.handler.finishDeferred(reply, context: bound.value.context)
                    }
                }
            case .watch(let updates):
                startWatch(updates, context: context)
            }
        }
        flushIfNeeded(context: context)
        closeIfFinished(context: context)
        if readPending, !isSaturated(context: context) {
            readPending = false
            context.read()
        }
    }

    private func finishDeferred(_ reply: ByteBuffer?, context: ChannelHandlerContext) {
        busy = false
        task = nil
        lastActivity = .now()
        guard context.channel.isActive else { return }
        if let reply {
            context.write(wrapOutboundOut(reply), promise: nil)
            needsFlush = true
        }
        if shuttingDown {
            flushIfNeeded(context: context)
            context.close(promise: nil)
            return
        }
        drain(context: context)
    }

    private func startWatch(_ updates: AsyncStream<JSONValue>, context: ChannelHandlerContext) {
        watching = true
        queue.removeAll()
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
            bound.eventLoop.execute { bound.value.context.close(promise: nil) }
        }
        if readPending {
            readPending = false
            context.read()
        }
    }

    private func sendWatchReply(_ reply: ByteBuffer, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        guard context.channel.isWritable else {
            logger.debug("closing Watch connection: the client does not read its replies")
            context.close(promise: nil)
            return
        }
        context.writeAndFlush(wrapOutboundOut(reply), promise: nil)
    }

    private func flushIfNeeded(context: ChannelHandlerContext) {
        guard needsFlush else { return }
        needsFlush = false
        context.flush()
    }

    // MARK: Idle timeout

    /// Checks once per timeout (not once per call) whether the connection has been idle.
    private func scheduleIdleCheck(context: ChannelHandlerContext, after delay: Duration) {
        let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
        idleCheck = context.eventLoop.scheduleTask(in: TimeAmount(delay)) {
            bound.value.handler.checkIdle(context: bound.value.context)
        }
    }

    private func checkIdle(context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        let timeout = TimeAmount(limits.idleTimeout)
        if busy || watching {
            scheduleIdleCheck(context: context, after: limits.idleTimeout)
            return
        }
        let idle = NIODeadline.now() - lastActivity
        if idle >= timeout {
            logger.debug("closing idle connection")
            context.close(promise: nil)
        } else {
            scheduleIdleCheck(context: context, after: Duration.nanoseconds((timeout - idle).nanoseconds))
        }
    }
}
