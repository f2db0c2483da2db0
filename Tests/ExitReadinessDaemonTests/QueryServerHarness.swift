import ExitReadiness
import ExitReadinessDaemon
import ExitReadinessProtocol
import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A `QueryServer` on a real Unix socket in a temporary directory, answered by a
/// `QueryServerFakeBackend`, for one test.
final class QueryServerHarness: Sendable {
    let backend: QueryServerFakeBackend
    let directory: String
    let socketPath: String
    private let task: Task<Void, any Error>

    private init(backend: QueryServerFakeBackend, directory: String, socketPath: String, task: Task<Void, any Error>) {
        self.backend = backend
        self.directory = directory
        self.socketPath = socketPath
        self.task = task
    }

    /// Starts a server and returns once it listens.
    static func start(
        backend: QueryServerFakeBackend = QueryServerFakeBackend(), limits: QueryServer.Limits = .init(),
        mode: mode_t = 0o600
    ) async throws -> QueryServerHarness {
        let directory = try temporaryDirectory()
        let socketPath = directory + "/io.exitready.Monitor"
        var logger = Logger(label: "query-server-test")
        logger.logLevel = .critical
        let (listening, signal) = AsyncStream.makeStream(of: Void.self)
        let server = QueryServer(
            listener: .path(socketPath, mode: mode), backend: backend, logger: logger, limits: limits,
            onListening: { signal.yield() })
        let task = Task { try await server.run() }
        var iterator = listening.makeAsyncIterator()
        _ = await iterator.next()
        return QueryServerHarness(backend: backend, directory: directory, socketPath: socketPath, task: task)
    }

    /// Stops the server (as cancellation does) and waits for `run()` to return.
    func stop() async throws {
        task.cancel()
        try await task.value
    }

    deinit {
        task.cancel()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// One call on a new connection, made off the cooperative thread pool.
    func call(_ call: VarlinkCall) async throws -> VarlinkReply {
        let path = socketPath
        return try await offPool {
            let connection = try VarlinkConnection(path: path, timeout: patience)
            return try connection.call(call, timeout: patience)
        }
    }

    func call(_ call: MonitorCall) async throws -> VarlinkReply {
        try await self.call(call.varlinkCall)
    }

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("qs-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Runs blocking socket code on a thread of its own, so that the clients of a test never
/// occupy the cooperative threads the server's tasks need.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread {
            continuation.resume(with: Result { try body() })
        }
    }
}

/// How long a test waits for something that must happen: long, because a correct server is
/// done at once and only a failing test waits it out, while a loaded machine (two cores shared
/// with builds and other suites) can take seconds to schedule the server.
let patience: Duration = .seconds(60)

/// Polls `condition` until it holds or `timeout` passes.
func eventually(timeout: Duration = patience, _ condition: @Sendable () async -> Bool) async -> Bool {
    let clock = ContinuousClock()
    let end = clock.now + timeout
    while clock.now < end {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}

/// A client that speaks raw bytes, for sending what no Varlink client would.
final class QueryServerRawClient: Sendable {
    let descriptor: Int32

    init(path: String) throws {
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        guard result == 0 else {
            close(descriptor)
            throw VarlinkClientError.cannotConnect(path: path, errno: errno)
        }
    }

    deinit { close(descriptor) }

    /// Sends everything; false when the server has closed the connection.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(descriptor, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 { return errno == EINTR ? true : false }
            offset += sent
        }
        return true
    }

    @discardableResult
    func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    /// Reads until the server closes the connection or `timeout` passes; returns what arrived
    /// and whether the connection was closed.
    func readUntilClosed(timeout: Duration = patience) -> (bytes: [UInt8], closed: Bool) {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while clock.now < end {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let remaining = end - clock.now
            let milliseconds = Int32(
                remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000)
            guard poll(&request, 1, max(1, milliseconds)) > 0 else { continue }
            let count = recv(descriptor, &chunk, chunk.count, 0)
            if count == 0 { return (received, true) }
            if count < 0 {
                if errno == EINTR { continue }
                return (received, true)
            }
            received += chunk[0..<count]
        }
        return (received, false)
    }

    /// Reads until `count` replies arrived (or the connection closed, or `timeout` passed).
    func readReplies(count: Int, timeout: Duration = patience) throws -> [VarlinkReply] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let clock = ContinuousClock()
        let end = clock.now + timeout
        while received.lazy.filter({ $0 == 0 }).count < count, clock.now < end {
            var request = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&request, 1, 50) > 0 else { continue }
            let length = recv(descriptor, &chunk, chunk.count, 0)
            if length <= 0 { break }
            received += chunk[0..<length]
        }
        return try Self.replies(in: received)
    }

    /// The replies in `bytes` (NUL-terminated messages).
    static func replies(in bytes: [UInt8]) throws -> [VarlinkReply] {
        try bytes.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { message in
            try Array(message).withUnsafeBytes { buffer in
                try Result { () throws(VarlinkMessageError) -> VarlinkReply in try VarlinkReply(bytes: buffer) }.get()
            }
        }
    }
}
