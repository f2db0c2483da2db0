import ExitReadiness
import ExitReadinessDaemon
import ExitReadinessProtocol
import Foundation
import Logging
import ServiceLifecycle
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Query server: the socket")
struct QueryServerListenerTests {
    private static var quietLogger: Logger {
        var logger = Logger(label: "query-server-test")
        logger.logLevel = .critical
        return logger
    }

    private static func mode(of path: String) -> (mode: mode_t, gid: gid_t, isSocket: Bool)? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return (info.st_mode & 0o7777, info.st_gid, info.st_mode & S_IFMT == S_IFSOCK)
    }

    @Test func theSocketGetsItsModeAndGroupAndIsRemovedOnShutdown() async throws {
        let directory = try QueryServerHarness.temporaryDirectory()
        let path = directory + "/io.exitready.Monitor"
        // A group the test user belongs to, other than its primary one when there is one.
        var groups = [gid_t](repeating: 0, count: 64)
        let count = getgroups(Int32(groups.count), &groups)
        let group = (0..<Int(max(count, 0))).map { groups[$0] }.first { $0 != getgid() } ?? getgid()
        let (listening, signal) = AsyncStream.makeStream(of: Void.self)
        let server = QueryServer(
            listener: .path(path, mode: 0o660, group: group), backend: QueryServerFakeBackend(),
            logger: Self.quietLogger, onListening: { signal.yield() })
        let serviceGroup = ServiceGroup(services: [server], logger: Self.quietLogger)
        let running = Task { try await serviceGroup.run() }
        var iterator = listening.makeAsyncIterator()
        _ = await iterator.next()
        let installed = try #require(Self.mode(of: path))
        #expect(installed.isSocket)
        #expect(installed.mode == 0o660)
        #expect(installed.gid == group)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["io.exitready.Monitor"], "no temporary left")
        await serviceGroup.triggerGracefulShutdown()
        try await running.value
        #expect(Self.mode(of: path) == nil, "the socket file is removed")
        try FileManager.default.removeItem(atPath: directory)
    }

    @Test func aStaleSocketIsReplaced() async throws {
        let directory = try QueryServerHarness.temporaryDirectory()
        let path = directory + "/io.exitready.Monitor"
        // What a killed daemon leaves: a socket file nobody listens on.
        let stale = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(stale, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        close(stale)
        #expect(Self.mode(of: path)?.isSocket == true)
        let (listening, signal) = AsyncStream.makeStream(of: Void.self)
        let server = QueryServer(
            listener: .path(path), backend: QueryServerFakeBackend(), logger: Self.quietLogger,
            onListening: { signal.yield() })
        let running = Task { try await server.run() }
        var iterator = listening.makeAsyncIterator()
        _ = await iterator.next()
        let reply = try await offPool {
            try VarlinkConnection(path: path).call(VarlinkCall(method: "org.varlink.service.GetInfo"))
        }
        #expect(reply.error == nil)
        running.cancel()
        try await running.value
        try FileManager.default.removeItem(atPath: directory)
    }

    @Test func aLiveSocketIsNotTakenOver() async throws {
        let first = try await QueryServerHarness.start()
        let second = QueryServer(listener: .path(first.socketPath), backend: QueryServerFakeBackend(), logger: Self.quietLogger)
        await #expect(throws: QueryServerError.socketInUse(path: first.socketPath)) { try await second.run() }
        #expect(try await first.call(.getStatus).error == nil, "the first server still answers")
        try await first.stop()
    }

    @Test func somethingElseAtThePathIsNotReplaced() async throws {
        let directory = try QueryServerHarness.temporaryDirectory()
        let path = directory + "/io.exitready.Monitor"
        try "not a socket".write(toFile: path, atomically: false, encoding: .utf8)
        let server = QueryServer(listener: .path(path), backend: QueryServerFakeBackend(), logger: Self.quietLogger)
        await #expect(throws: QueryServerError.notASocket(path: path)) { try await server.run() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "not a socket")
        try FileManager.default.removeItem(atPath: directory)
    }

    @Test func aMissingDirectoryIsAClearError() async throws {
        let server = QueryServer(
            listener: .path("/nonexistent-exitready/socket"), backend: QueryServerFakeBackend(),
            logger: Self.quietLogger)
        do {
            try await server.run()
            Issue.record("bound in a missing directory")
        } catch let error as QueryServerError {
            guard case .socketFile(_, "bind", ENOENT) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(error.description.contains("No such file or directory"))
        }
    }

    @Test func anInheritedListeningSocketIsAdopted() async throws {
        let directory = try QueryServerHarness.temporaryDirectory()
        let path = directory + "/activated"
        // What systemd passes for ListenStream=: a bound, listening socket.
        let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        #expect(listen(descriptor, 16) == 0)
        let (listening, signal) = AsyncStream.makeStream(of: Void.self)
        let server = QueryServer(
            listener: .inherited(descriptor), backend: QueryServerFakeBackend(), logger: Self.quietLogger,
            onListening: { signal.yield() })
        let running = Task { try await server.run() }
        var iterator = listening.makeAsyncIterator()
        _ = await iterator.next()
        let reply = try await offPool { try VarlinkConnection(path: path).call(MonitorCall.getScores(top: nil).varlinkCall) }
        #expect(reply.parameters["portfolio"]?["score"] == .number(63.3))
        running.cancel()
        try await running.value
        #expect(Self.mode(of: path)?.isSocket == true, "systemd's socket file is left alone")
        try FileManager.default.removeItem(atPath: directory)
    }

    @Test func anInheritedDescriptorThatIsNotAListeningUnixSocketIsRefused() async throws {
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        let server = QueryServer(listener: .inherited(pipeEnds[0]), backend: QueryServerFakeBackend(), logger: Self.quietLogger)
        await #expect(throws: QueryServerError.self) { try await server.run() }
        let unlistened = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        let notListening = QueryServer(
            listener: .inherited(unlistened), backend: QueryServerFakeBackend(), logger: Self.quietLogger)
        await #expect(throws: QueryServerError.unsuitableInheritedSocket(descriptor: unlistened, reason: "not listening")) {
            try await notListening.run()
        }
        close(pipeEnds[0])
        close(pipeEnds[1])
        close(unlistened)
    }
}
