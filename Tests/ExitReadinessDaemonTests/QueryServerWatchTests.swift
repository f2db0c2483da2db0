import ExitReadiness
import ExitReadinessDaemon
import ExitReadinessProtocol
import Testing

@Suite("Query server: Watch")
struct QueryServerWatchTests {
    static func update(_ day: String) -> JSONValue {
        .object([("evaluated", .string(day)), ("evaluated_at", .string(day + "T06:00:00Z")), ("changed", .array([]))])
    }

    @Test func watchWithMoreReceivesEveryEvaluation() async throws {
        let server = try await QueryServerHarness.start()
        let client = try QueryServerRawClient(path: server.socketPath)
        client.send(MonitorCall.watch.varlinkCall.framed())
        // Wait for the client's subscription.
        #expect(await eventually { server.backend.watcherCount == 1 })
        server.backend.publish(Self.update("2026-12-01"))
        server.backend.publish(Self.update("2026-12-02"))
        let replies = try await offPool { try client.readReplies(count: 2) }
        #expect(
            replies == [
                VarlinkReply(parameters: Self.update("2026-12-01"), continues: true),
                VarlinkReply(parameters: Self.update("2026-12-02"), continues: true),
            ])
        // Other clients are answered while the watch goes on.
        #expect(try await server.call(.getStatus).error == nil)
        try await server.stop()
    }

    @Test func watchWithoutMoreIsExpectedMore() async throws {
        let server = try await QueryServerHarness.start()
        let reply = try await server.call(VarlinkCall(method: "io.exitready.Monitor.Watch"))
        #expect(VarlinkServiceError(reply: reply) == .expectedMore)
        try await server.stop()
    }

    @Test func aWatcherThatHangsUpIsUnsubscribed() async throws {
        let server = try await QueryServerHarness.start()
        do {
            let client = try QueryServerRawClient(path: server.socketPath)
            client.send(MonitorCall.watch.varlinkCall.framed())
            #expect(await eventually { server.backend.watcherCount == 1 })
        }
        // The connection is closed (deinit): the server notices and drops its subscription.
        #expect(await eventually { server.backend.watcherCount == 0 })
        try await server.stop()
    }

    @Test func theWatchEndsWhenTheDaemonStops() async throws {
        let server = try await QueryServerHarness.start()
        let client = try QueryServerRawClient(path: server.socketPath)
        client.send(MonitorCall.watch.varlinkCall.framed())
        #expect(await eventually { server.backend.watcherCount == 1 })
        server.backend.finishWatchers()
        let result = try await offPool { client.readUntilClosed() }
        #expect(result.closed && result.bytes.isEmpty)
        try await server.stop()
    }
}
