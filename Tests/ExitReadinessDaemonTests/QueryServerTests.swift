import ExitReadiness
import ExitReadinessDaemon
import ExitReadinessProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Query server: the Varlink methods")
struct QueryServerTests {
    @Test func getInfoDescribesTheService() async throws {
        let server = try await QueryServerHarness.start()
        let reply = try await server.call(VarlinkCall(method: "org.varlink.service.GetInfo"))
        #expect(reply.error == nil)
        #expect(reply.parameters == VarlinkServiceInfo.exitready.parameters)
        try await server.stop()
    }

    @Test(arguments: ["io.exitready.Monitor", "org.varlink.service"])
    func getInterfaceDescriptionServesTheIDL(_ interface: String) async throws {
        let server = try await QueryServerHarness.start()
        let reply = try await server.call(
            VarlinkCall(
                method: "org.varlink.service.GetInterfaceDescription",
                parameters: .object([("interface", .string(interface))])))
        #expect(reply.parameters["description"]?.stringValue == VarlinkServiceInfo.description(ofInterface: interface))
        try await server.stop()
    }

    @Test func unknownInterfacesAndMethodsAreNamed() async throws {
        let server = try await QueryServerHarness.start()
        let description = try await server.call(
            VarlinkCall(
                method: "org.varlink.service.GetInterfaceDescription",
                parameters: .object([("interface", .string("com.example.None"))])))
        #expect(VarlinkServiceError(reply: description) == .interfaceNotFound(interface: "com.example.None"))
        let interface = try await server.call(VarlinkCall(method: "com.example.None.Ping"))
        #expect(VarlinkServiceError(reply: interface) == .interfaceNotFound(interface: "com.example.None"))
        let method = try await server.call(VarlinkCall(method: "io.exitready.Monitor.Explode"))
        #expect(VarlinkServiceError(reply: method) == .methodNotFound(method: "io.exitready.Monitor.Explode"))
        let bare = try await server.call(VarlinkCall(method: "GetInfo"))
        #expect(VarlinkServiceError(reply: bare) == .interfaceNotFound(interface: ""))
        try await server.stop()
    }

    @Test func wrongParameterTypesAreInvalidParameters() async throws {
        let server = try await QueryServerHarness.start()
        let reply = try await server.call(
            VarlinkCall(
                method: "io.exitready.Monitor.GetContract",
                parameters: .object([("id", .integer(5))])))
        #expect(VarlinkServiceError(reply: reply) == .invalidParameter(parameter: "id"))
        let since = try await server.call(
            VarlinkCall(
                method: "io.exitready.Monitor.GetHistory",
                parameters: .object([("since", .string("yesterday"))])))
        #expect(VarlinkServiceError(reply: since) == .invalidParameter(parameter: "since"))
        let upgrade = try await server.call(VarlinkCall(method: "io.exitready.Monitor.GetScores", upgrade: true))
        #expect(VarlinkServiceError(reply: upgrade) == .invalidParameter(parameter: "upgrade"))
        #expect(
            server.backend.calls("contract") == 0 && server.backend.calls("history") == 0, "nothing invalid reaches the backend")
        try await server.stop()
    }

    @Test func scoresAndContractsComeFromTheBackend() async throws {
        let server = try await QueryServerHarness.start()
        let scores = try await server.call(.getScores(top: nil))
        #expect(scores == VarlinkReply(parameters: QueryServerFakeBackend.document(score: 63.3)))
        let contract = try await server.call(.getContract(id: "alpha"))
        #expect(contract.parameters["contract"]?["id"] == .string("alpha"))
        let missing = try await server.call(.getContract(id: "nope"))
        #expect(missing == .error("io.exitready.Monitor.ContractNotFound", parameters: .object([("id", .string("nope"))])))
        let history = try await server.call(.getHistory(contract: "alpha", since: Day(iso: "2026-09-02"), limit: 7, every: true))
        #expect(
            history.parameters["entries"]
                == .array([
                    .object([
                        ("day", .string("2026-09-02")), ("contract", .string("alpha")),
                        ("limit", .integer(7)), ("every", .bool(true)),
                    ])
                ]))
        try await server.stop()
    }

    @Test func beforeTheFirstEvaluationScoresAreNotEvaluatedYet() async throws {
        let server = try await QueryServerHarness.start(backend: QueryServerFakeBackend(scores: nil))
        #expect(try await server.call(.getScores(top: nil)) == .error("io.exitready.Monitor.NotEvaluatedYet"))
        server.backend.scoresDocument = QueryServerFakeBackend.document(score: 50)
        #expect(
            try await server.call(.getScores(top: nil)).parameters["portfolio"]?["score"] == .number(50), "errors are not cached")
        try await server.stop()
    }

    @Test func scoresAreEncodedOncePerEvaluation() async throws {
        let server = try await QueryServerHarness.start()
        for _ in 0..<5 { _ = try await server.call(.getScores(top: nil)) }
        #expect(server.backend.calls("scores") == 1)
        // The next evaluation: the daemon updates its state and counts it; the very next call
        // gets the new scores (a client told of an evaluation must not see the one before).
        server.backend.scoresDocument = QueryServerFakeBackend.document(score: 70.1)
        server.backend.publish(.object([("evaluated", .string("2026-12-02"))]))
        #expect(try await server.call(.getScores(top: nil)).parameters["portfolio"]?["score"] == .number(70.1))
        for _ in 0..<3 { _ = try await server.call(.getScores(top: nil)) }
        #expect(server.backend.calls("scores") == 2)
        // Each number of top findings asked for is one more reply, kept as well.
        for _ in 0..<3 { _ = try await server.call(.getScores(top: 3)) }
        #expect(server.backend.calls("scores") == 3)
        try await server.stop()
    }

    @Test func evaluateAndReloadNeedAPrivilegedPeer() async throws {
        let server = try await QueryServerHarness.start()
        server.backend.privileged = false
        for call in [MonitorCall.evaluate, .reload] {
            #expect(VarlinkServiceError(reply: try await server.call(call)) == .permissionDenied)
        }
        #expect(server.backend.calls("evaluate") == 0 && server.backend.calls("reload") == 0)
        #expect(server.backend.askedAbout.allSatisfy { $0.uid == getuid() && $0.gid == getgid() }, "asked with SO_PEERCRED")
        #expect(server.backend.askedAbout.count == 2)
        server.backend.privileged = true
        #expect(try await server.call(.evaluate).error == nil)
        #expect(try await server.call(.reload).error == nil)
        #expect(server.backend.calls("evaluate") == 1 && server.backend.calls("reload") == 1)
        #expect(VarlinkServiceError(reply: try await server.call(.getStatus)) == nil, "reading needs no privilege")
        try await server.stop()
    }

    @Test func pipelinedCallsAreAnsweredInOrder() async throws {
        let server = try await QueryServerHarness.start()
        let path = server.socketPath
        // Alternate answers from the event loop, from the backend and errors, all sent at once.
        let calls: [VarlinkCall] = (0..<1000).map { index in
            switch index % 4 {
            case 0: VarlinkCall(method: "org.varlink.service.GetInfo")
            case 1: MonitorCall.getContract(id: index % 8 == 1 ? "alpha" : "missing-\(index)").varlinkCall
            case 2: MonitorCall.getHistory(contract: "c\(index)", since: nil, limit: index, every: false).varlinkCall
            default: VarlinkCall(method: "io.exitready.Monitor.Nothing\(index)")
            }
        }
        let replies = try await offPool {
            let client = try QueryServerRawClient(path: path)
            client.send(calls.flatMap { $0.framed() })
            shutdown(client.descriptor, Int32(SHUT_WR))
            return try QueryServerRawClient.replies(in: client.readUntilClosed().bytes)
        }
        #expect(replies.count == 1000)
        for (index, reply) in replies.enumerated() {
            switch index % 4 {
            case 0: #expect(reply.parameters["product"] == .string("exitready"), "reply \(index)")
            case 1:
                if index % 8 == 1 {
                    #expect(reply.parameters["contract"]?["id"] == .string("alpha"), "reply \(index)")
                } else {
                    #expect(reply.parameters["id"] == .string("missing-\(index)"), "reply \(index)")
                }
            case 2: #expect(reply.parameters["entries"]?.arrayValue?.first?["contract"] == .string("c\(index)"), "reply \(index)")
            default: #expect(reply.parameters["method"] == .string("io.exitready.Monitor.Nothing\(index)"), "reply \(index)")
            }
        }
        try await server.stop()
    }

    @Test func onewayCallsRunWithoutAReply() async throws {
        let server = try await QueryServerHarness.start()
        let path = server.socketPath
        let replies = try await offPool {
            let client = try QueryServerRawClient(path: path)
            client.send(
                VarlinkCall(method: "io.exitready.Monitor.Evaluate", oneway: true).framed()
                    + VarlinkCall(method: "io.exitready.Monitor.Explode", oneway: true).framed()
                    + MonitorCall.getStatus.varlinkCall.framed())
            shutdown(client.descriptor, Int32(SHUT_WR))
            return try QueryServerRawClient.replies(in: client.readUntilClosed().bytes)
        }
        #expect(replies.count == 1, "only the call that was not oneway is answered")
        #expect(replies.first?.parameters["version"] == .string("test"))
        #expect(server.backend.calls("evaluate") == 1)
        try await server.stop()
    }

    @Test func moreOnAnOrdinaryMethodGetsOneFinalReply() async throws {
        let server = try await QueryServerHarness.start()
        let reply = try await server.call(VarlinkCall(method: "io.exitready.Monitor.GetStatus", more: true))
        #expect(reply.error == nil && !reply.continues)
        try await server.stop()
    }
}
