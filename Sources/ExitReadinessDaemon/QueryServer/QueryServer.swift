import ExitReadinessProtocol
import Logging
import NIOCore
import NIOPosix
import ServiceLifecycle
import Synchronization

/// The Varlink query server of exitreadyd: `org.varlink.service` and `io.exitready.Monitor` on
/// a Unix socket, answered from a `MonitorBackend`.
///
/// Each connection is served on a SwiftNIO event loop by a `QueryServerConnectionHandler`:
/// framing with a size limit, replies in call order, pipelining, `oneway`, `Watch` with `more`,
/// `Evaluate` and `Reload` only for privileged peers (`SO_PEERCRED` checked by
/// `MonitorBackend.isPrivileged`), an idle timeout, and per-connection isolation: a client that
/// sends garbage, floods or hangs up mid-reply loses its own connection and nothing else.
///
/// Answers that need no backend call are written on the event loop without a thread hop, and
/// the `GetScores`/`GetContract` replies are encoded once per evaluation (see
/// `QueryServerReplyCache`): that is what keeps a round trip within a small multiple of a bare
/// echo over the same socket. Backend calls run as tasks, one at a time per connection.
///
/// As a `Service` it runs until graceful shutdown or cancellation: it then stops accepting,
/// lets each connection finish the call it is answering (at most `Limits.shutdownGracePeriod`),
/// closes them all and removes the socket file it created.
public struct QueryServer: Service {
    private let listener: Listener
    private let backend: any MonitorBackend
    private let dispatcher: QueryServerDispatcher
    private let limits: Limits
    private let logger: Logger
    private let eventLoopGroup: any EventLoopGroup
    private let onListening: @Sendable () -> Void

    /// Creates the server; nothing happens until `run()`.
    ///
    /// exitreadyd builds it like this and puts it first in its `ServiceGroup`:
    /// ```swift
    /// let listener: QueryServer.Listener = SystemdNotifier.inheritedSocket().map { .inherited($0) }
    ///     ?? .path(configuration.socket, mode: configuration.socketMode)
    /// let server = QueryServer(listener: listener, backend: backend, logger: logger,
    ///                          onListening: { readiness.socketListening() })
    /// ```
    ///
    /// - Parameters:
    ///   - listener: bind a socket path itself, or adopt the descriptor from socket activation.
    ///   - backend: answers the `io.exitready.Monitor` methods. Its `watch()` stream must report
    ///     every evaluation after the evaluation is visible to `scores()` and `contract(id:)`:
    ///     the server empties its reply cache on each element.
    ///   - logger: connection problems at `info`, refused privileged calls at `notice`, refused
    ///     connections at `warning`.
    ///   - limits: connection, message-size, queue and timeout limits.
    ///   - eventLoopGroup: the event loops serving connections (one per core by default).
    ///   - onListening: called once the socket accepts connections (before the first is served),
    ///     so that `READY=1` can follow it.
    public init(
        listener: Listener, backend: any MonitorBackend, logger: Logger, limits: Limits = Limits(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        onListening: @escaping @Sendable () -> Void = {}
    ) {
        self.listener = listener
        self.backend = backend
        self.limits = limits
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.onListening = onListening
        dispatcher = QueryServerDispatcher(backend: backend, info: .exitready, logger: logger)
    }

    /// Listens and serves until graceful shutdown or cancellation.
    /// - Throws: `QueryServerError` when the socket cannot be set up, or when it closes
    ///   without being asked to.
    public func run() async throws {
        let connections = QueryServerConnections(limits: limits)
        let bootstrap = makeBootstrap(connections: connections)
        let channel: any Channel
        var socketFile: (file: QueryServerSocketFile, inode: ino_t)?
        switch listener {
        case .path(let path, let mode, let group):
            let file = QueryServerSocketFile(path: path, mode: mode, group: group)
            try file.checkPath()
            do {
                channel = try await bootstrap.bind(unixDomainSocketPath: file.bindPath, cleanupExistingSocketFile: true).get()
            } catch let error as IOError {
                throw QueryServerError.socketFile(path: file.bindPath, operation: "bind", errno: error.errnoCode)
            }
            do {
                socketFile = (file, try file.install())
            } catch {
                try? await channel.close()
                throw error
            }
            logger.info(
                "listening on \(path), mode \(String(mode, radix: 8))",
                metadata: ["socket": "\(path)", "mode": "\(String(mode, radix: 8))"])
        case .inherited(let descriptor):
            try QueryServerSocketFile.checkInherited(descriptor)
            channel = try await bootstrap.withBoundSocket(descriptor).get()
            logger.info("listening on the socket systemd passed", metadata: ["fd": "\(descriptor)"])
        }
        onListening()

        let stopRequested = Mutex(false)
        let stop: @Sendable () -> Void = {
            stopRequested.withLock { $0 = true }
            channel.close(promise: nil)
        }
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                try? await channel.closeFuture.get()
            } onCancel: {
                stop()
            }
        } onGracefulShutdown: {
            stop()
        }
        await connections.closeAll(gracePeriod: limits.shutdownGracePeriod)
        if let socketFile { socketFile.file.remove(inode: socketFile.inode) }
        logger.info("query server stopped")
        guard stopRequested.withLock({ $0 }) else { throw QueryServerError.listenerClosedUnexpectedly }
    }

    private func makeBootstrap(connections: QueryServerConnections) -> ServerBootstrap {
        let dispatcher = dispatcher
        let limits = limits
        let logger = logger
        return ServerBootstrap(group: eventLoopGroup)
            .serverChannelOption(.backlog, value: 256)
            // A client may shut down its sending side after its last call and still read the replies.
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelInitializer { channel in
                PeerCredentials.of(channel).flatMapThrowing { peer in
                    do {
                        try connections.admit(channel, uid: peer?.uid)
                    } catch let refusal as QueryServerConnections.Refusal {
                        Self.report(refusal, peer: peer, logger: logger)
                        throw refusal
                    }
                    try channel.pipeline.syncOperations.addHandlers([
                        ByteToMessageHandler(VarlinkFrameDecoder(maximumMessageSize: limits.maximumMessageSize)),
                        QueryServerConnectionHandler(dispatcher: dispatcher, peer: peer, limits: limits, logger: logger),
                    ])
                }
            }
    }

    /// Logs a refused connection: a warning for the first of a run of refusals, then debug.
    private static func report(_ refusal: QueryServerConnections.Refusal, peer: PeerCredentials?, logger: Logger) {
        let metadata: Logger.Metadata = ["peer": "\(peer.map { "\($0)" } ?? "unknown")"]
        switch refusal.reason {
        case .serverLimit(let limit):
            let message: Logger.Message = "connection refused: \(limit) connections are open (the limit)"
            refusal.isFirst ? logger.warning(message, metadata: metadata) : logger.debug(message, metadata: metadata)
        case .userLimit(let uid, let limit):
            let message: Logger.Message = "connection refused: uid \(uid) has \(limit) connections open (the per-user limit)"
            refusal.isFirst ? logger.warning(message, metadata: metadata) : logger.debug(message, metadata: metadata)
        case .shuttingDown:
            logger.debug("connection refused: shutting down", metadata: metadata)
        }
    }
}
