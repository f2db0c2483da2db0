import ExitReadiness
import ExitReadinessDaemon
import ExitReadinessProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A broken or hostile client loses its own connection; everybody else goes on being answered.
@Suite("Query server: abuse")
struct QueryServerAbuseTests {
    /// Sends `bytes`, then checks the server closed the connection without a reply and still
    /// answers a well-behaved client.
    private func expectClosedAndServing(
        _ bytes: [UInt8], limits: QueryServer.Limits = .init(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let server = try await QueryServerHarness.start(limits: limits)
        let path = server.socketPath
        let result = try await offPool {
            let client = try QueryServerRawClient(path: path)
            client.send(bytes)
            return client.readUntilClosed()
        }
        #expect(result.closed, "the server closes the connection", sourceLocation: sourceLocation)
        #expect(result.bytes.isEmpty, "no reply to a broken message", sourceLocation: sourceLocation)
        #expect(try await server.call(.getStatus).parameters["version"] == .string("test"), sourceLocation: sourceLocation)
        try await server.stop()
    }

    @Test func garbageBytes() async throws {
        try await expectClosedAndServing([0xFF, 0xFE, 0x00, 0x13, 0x37, 0x00])
    }

    @Test func invalidJSON() async throws {
        try await expectClosedAndServing(Array(#"{"method": "io.exitready.Monitor.GetStatus",}"#.utf8) + [0])
    }

    @Test func jsonThatIsNotACall() async throws {
        try await expectClosedAndServing(Array(#"{"parameters": {}}"#.utf8) + [0])
        try await expectClosedAndServing(Array(#"["io.exitready.Monitor.GetStatus"]"#.utf8) + [0])
    }

    @Test func anEmptyMessage() async throws {
        try await expectClosedAndServing([0])
    }

    @Test func deeplyNestedJSON() async throws {
        try await expectClosedAndServing(Array(String(repeating: "[", count: 100_000).utf8) + [0])
    }

    @Test func aMessageOverTheSizeLimit() async throws {
        var limits = QueryServer.Limits()
        limits.maximumMessageSize = 4096
        let padding = String(repeating: " ", count: 5000)
        try await expectClosedAndServing(
            Array(#"{"method":"io.exitready.Monitor.GetStatus"\#(padding)}"#.utf8) + [0], limits: limits)
    }

    @Test func aMessageNeverTerminated() async throws {
        // 1 MiB and a bit without a NUL, at the default limit.
        try await expectClosedAndServing([UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) + 10))
    }

    @Test func aClientThatDisconnectsMidReply() async throws {
        // A reply far larger than the socket buffer, so the client leaves while it is being sent.
        let big = JSONValue.object([("contracts", .array((0..<20_000).map { .string("contract \($0) with a long name") }))])
        let server = try await QueryServerHarness.start(backend: QueryServerFakeBackend(scores: big))
        let path = server.socketPath
        try await offPool {
            for _ in 0..<20 {
                let client = try QueryServerRawClient(path: path)
                client.send(Array(repeating: MonitorCall.getScores(top: nil).varlinkCall.framed(), count: 5).flatMap { $0 })
                var chunk = [UInt8](repeating: 0, count: 1000)
                _ = recv(client.descriptor, &chunk, chunk.count, 0)
            }
        }
        let reply = try await server.call(.getScores(top: nil))
        #expect(reply.parameters == big)
        try await server.stop()
    }

    @Test func aFloodOfCallsWithoutReadingRepliesDoesNotStopOthers() async throws {
        let server = try await QueryServerHarness.start()
        let path = server.socketPath
        let flooder = try QueryServerRawClient(path: path)
        let flood = Array(repeating: MonitorCall.getScores(top: nil).varlinkCall.framed(), count: 2000).flatMap { $0 }
        // Sends until the socket is full: the server stops reading a client that does not read.
        var nonblocking = fcntl(flooder.descriptor, F_GETFL)
        nonblocking |= O_NONBLOCK
        _ = fcntl(flooder.descriptor, F_SETFL, nonblocking)
        var sent = 0
        for _ in 0..<50 {
            let count = flood.withUnsafeBytes { send(flooder.descriptor, $0.baseAddress!, $0.count, Int32(MSG_NOSIGNAL)) }
            if count > 0 { sent += count } else { try await Task.sleep(for: .milliseconds(10)) }
        }
        #expect(sent > 0)
        for _ in 0..<20 {
            #expect(try await server.call(.getStatus).error == nil)
        }
        try await server.stop()
    }

    @Test func connectionsBeyondTheLimitAreClosedAtOnce() async throws {
        var limits = QueryServer.Limits()
        limits.maximumConnections = 4
        let server = try await QueryServerHarness.start(limits: limits)
        let path = server.socketPath
        var held: [QueryServerRawClient]? = try (0..<4).map { _ in try QueryServerRawClient(path: path) }
        // Each is answered, so all four are admitted before the fifth arrives.
        for client in held ?? [] {
            client.send(MonitorCall.getStatus.varlinkCall.framed())
            let answered = try await offPool { try client.readReplies(count: 1) }
            #expect(answered.count == 1)
        }
        // The fifth is accepted by the kernel, then closed by the server without a reply.
        let refused = try await offPool { () -> (bytes: [UInt8], closed: Bool) in
            let client = try QueryServerRawClient(path: path)
            client.send(MonitorCall.getStatus.varlinkCall.framed())
            return client.readUntilClosed()
        }
        #expect(refused.closed && refused.bytes.isEmpty)
        // Once one leaves there is room again.
        held = nil
        #expect(await eventually { (try? await server.call(.getStatus))?.error == nil })
        try await server.stop()
    }

    @Test func idleConnectionsAreClosedButBusyOnesAreNot() async throws {
        var limits = QueryServer.Limits()
        limits.idleTimeout = .milliseconds(200)
        let backend = QueryServerFakeBackend()
        backend.evaluateDelay = .milliseconds(600)
        let server = try await QueryServerHarness.start(backend: backend, limits: limits)
        let path = server.socketPath
        let idle = try await offPool { try QueryServerRawClient(path: path).readUntilClosed() }
        #expect(idle.closed, "an idle connection is closed after the timeout")
        // A call that takes longer than the idle timeout is answered.
        let slow = try await server.call(.evaluate)
        #expect(slow.error == nil)
        try await server.stop()
    }

    @Test func callsAfterAWatchAreDroppedAndTheHangUpNoticed() async throws {
        let server = try await QueryServerHarness.start()
        let client = try QueryServerRawClient(path: server.socketPath)
        client.send(MonitorCall.watch.varlinkCall.framed() + MonitorCall.getStatus.varlinkCall.framed())
        #expect(await eventually { server.backend.watcherCount == 1 })
        client.send(Array(repeating: MonitorCall.getScores(top: nil).varlinkCall.framed(), count: 100).flatMap { $0 })
        server.backend.publish(.object([("evaluated", .string("2026-12-03"))]))
        let replies = try await offPool { try client.readReplies(count: 1) }
        #expect(replies == [VarlinkReply(parameters: .object([("evaluated", .string("2026-12-03"))]), continues: true)])
        #expect(server.backend.calls("status") == 0 && server.backend.calls("scores") == 0)
        try await server.stop()
    }
}
