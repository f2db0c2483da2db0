import ExitReadiness
import ExitReadinessProtocol
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Blocking Varlink client")
struct VarlinkConnectionTests {
    @Test func aMissingSocketIsUnreachableWithAHint() {
        do {
            _ = try VarlinkConnection(path: "/nonexistent/exitready/socket")
            Issue.record("connected to nothing")
        } catch {
            #expect(error == .cannotConnect(path: "/nonexistent/exitready/socket", errno: ENOENT))
            #expect(error.isUnreachable)
            #expect(error.description.contains("is exitreadyd running?"))
        }
    }

    @Test func aSocketNobodyListensOnRefuses() throws {
        let server = try ScriptedServer(listening: false)
        #expect(throws: VarlinkClientError.cannotConnect(path: server.path, errno: ECONNREFUSED)) {
            try VarlinkConnection(path: server.path)
        }
    }

    @Test func aPathTooLongForASocketAddressIsReported() {
        let path = "/" + String(repeating: "x", count: 200)
        #expect(throws: VarlinkClientError.pathTooLong(path: path)) { try VarlinkConnection(path: path) }
    }

    @Test func sendsTheCallAndReadsRepliesSplitAndJoinedArbitrarily() throws {
        let server = try ScriptedServer()
        let received = LockedBox<[String]>([])
        server.serve { connection in
            received.value = ScriptedServer.readMessages(connection, count: 1)
            // Two replies in one write, the second split over three writes.
            ScriptedServer.write(connection, #"{"parameters":{"n":1},"continues":true}"# + "\0" + #"{"param"#)
            usleep(5_000)
            ScriptedServer.write(connection, #"eters":{"n""#)
            usleep(5_000)
            ScriptedServer.write(connection, #":2}}"# + "\0")
        }
        let connection = try VarlinkConnection(path: server.path)
        try connection.send(MonitorCall.watch.varlinkCall)
        let first = try connection.receive()
        let second = try connection.receive()
        server.wait()
        #expect(received.value == [#"{"method":"io.exitready.Monitor.Watch","parameters":{},"more":true}"#])
        #expect(first == VarlinkReply(parameters: .object([("n", .integer(1))]), continues: true))
        #expect(second == VarlinkReply(parameters: .object([("n", .integer(2))])))
    }

    @Test func aSilentServerTimesOut() throws {
        let server = try ScriptedServer()
        server.serve { connection in
            _ = ScriptedServer.readMessages(connection, count: 1)
            usleep(400_000)
        }
        let connection = try VarlinkConnection(path: server.path)
        #expect(throws: VarlinkClientError.timedOut(path: server.path, seconds: 0.1)) {
            try connection.call(MonitorCall.getStatus.varlinkCall, timeout: .milliseconds(100))
        }
        server.wait()
    }

    @Test func aServerHangingUpMidReplyIsAClosedConnection() throws {
        let server = try ScriptedServer()
        server.serve { connection in
            _ = ScriptedServer.readMessages(connection, count: 1)
            ScriptedServer.write(connection, #"{"parameters":{"#)
        }
        let connection = try VarlinkConnection(path: server.path)
        #expect(throws: VarlinkClientError.connectionClosed(path: server.path)) {
            try connection.call(MonitorCall.getScores(top: nil).varlinkCall)
        }
        server.wait()
    }

    @Test func garbageRepliesAreInvalid() throws {
        let server = try ScriptedServer()
        server.serve { connection in
            _ = ScriptedServer.readMessages(connection, count: 1)
            ScriptedServer.write(connection, "hello\0")
        }
        let connection = try VarlinkConnection(path: server.path)
        #expect(
            throws: VarlinkClientError.invalidReply(
                path: server.path, .invalidJSON(JSONParseError(.unexpectedByte(UInt8(ascii: "h")), at: 0)))
        ) {
            try connection.call(MonitorCall.getScores(top: nil).varlinkCall)
        }
        server.wait()
    }

    @Test func anOversizedReplyIsRefused() throws {
        let server = try ScriptedServer()
        server.serve { connection in
            _ = ScriptedServer.readMessages(connection, count: 1)
            ScriptedServer.write(connection, String(repeating: " ", count: 300) + "{}\0")
        }
        let connection = try VarlinkConnection(path: server.path, maximumMessageSize: 256)
        #expect(throws: VarlinkClientError.framing(path: server.path, .messageTooLarge(limit: 256))) {
            try connection.call(MonitorCall.getScores(top: nil).varlinkCall)
        }
        server.wait()
    }
}

/// A value shared between a test and its server thread.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    // @unchecked: every access goes through the lock.
    private let lock = NSLock()
    private var stored: Value

    init(_ value: Value) { stored = value }

    var value: Value {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}

@Suite("Client error messages")
struct VarlinkClientErrorTests {
    /// The timeout is written as every number of exitready is, sign included.
    @Test func timeoutsAreWrittenWithOneDecimal() {
        #expect(VarlinkClientError.timedOut(path: "/run/s", seconds: 2.25).description == "no answer from /run/s within 2.3 s")
        #expect(VarlinkClientError.timedOut(path: "/run/s", seconds: -0.5).description == "no answer from /run/s within -0.5 s")
    }
}
