import ExitReadiness
import ExitReadinessProtocol
import Testing

@Suite("Varlink calls and replies")
struct VarlinkMessageTests {
    private func call(_ text: String) throws(VarlinkMessageError) -> VarlinkCall {
        let bytes = Array(text.utf8)
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(VarlinkMessageError) -> VarlinkCall in try VarlinkCall(bytes: buffer) }
        }
        return try result.get()
    }

    @Test func readsACallWithItsFlags() throws {
        let parsed = try call(#"{"method":"io.exitready.Monitor.Watch","parameters":{},"more":true,"future":1}"#)
        #expect(parsed.method == "io.exitready.Monitor.Watch")
        #expect(parsed.interface == "io.exitready.Monitor")
        #expect(parsed.member == "Watch")
        #expect(parsed.more && !parsed.oneway && !parsed.upgrade)
        #expect(try call(#"{"method":"a.B","oneway":true,"parameters":null}"#).oneway)
        #expect(try call(#"{"method":"a.B"}"#).parameters == .object([]))
    }

    @Test func aMethodWithoutInterfaceHasAnEmptyInterface() throws {
        let parsed = try call(#"{"method":"GetInfo"}"#)
        #expect(parsed.interface == "")
        #expect(parsed.member == "GetInfo")
    }

    @Test func malformedCallsSayWhatIsWrong() {
        #expect(throws: VarlinkMessageError.notAnObject) { try call("[1]") }
        #expect(throws: VarlinkMessageError.missingField("method")) { try call("{}") }
        #expect(throws: VarlinkMessageError.wrongType(field: "method")) { try call(#"{"method":5}"#) }
        #expect(throws: VarlinkMessageError.wrongType(field: "parameters")) { try call(#"{"method":"a.B","parameters":[]}"#) }
        #expect(throws: VarlinkMessageError.wrongType(field: "more")) { try call(#"{"method":"a.B","more":"yes"}"#) }
        #expect(throws: VarlinkMessageError.invalidJSON(JSONParseError(.unexpectedEnd, at: 1))) { try call("{") }
    }

    @Test func callsRoundTrip() throws {
        let original = VarlinkCall(
            method: "io.exitready.Monitor.GetContract", parameters: .object([("id", .string("acme"))]),
            oneway: true)
        var framed = original.framed()
        #expect(framed.last == 0)
        framed.removeLast()
        #expect(try JSONParser.parse(framed) == original.message)
        #expect(try VarlinkCall(message: original.message) == original)
        #expect(
            String(decoding: framed, as: UTF8.self)
                == #"{"method":"io.exitready.Monitor.GetContract","parameters":{"id":"acme"},"oneway":true}"#)
    }

    @Test func repliesRoundTrip() throws {
        let reply = VarlinkReply(parameters: .object([("x", .integer(1))]), continues: true)
        #expect(String(decoding: reply.message.encoded(), as: UTF8.self) == #"{"parameters":{"x":1},"continues":true}"#)
        #expect(try VarlinkReply(message: reply.message) == reply)
        let error = VarlinkReply.error("io.exitready.Monitor.ContractNotFound", parameters: .object([("id", .string("x"))]))
        #expect(try VarlinkReply(message: error.message) == error)
        #expect(throws: VarlinkMessageError.wrongType(field: "error")) {
            try VarlinkReply(message: .object([("error", .integer(1))]))
        }
    }

    @Test func standardErrorsHaveTheirNamesAndParameters() throws {
        let denied = VarlinkServiceError.permissionDenied.reply
        #expect(denied.error == "org.varlink.service.PermissionDenied")
        #expect(denied.parameters == .object([]))
        let invalid = VarlinkServiceError.invalidParameter(parameter: "id").reply
        #expect(invalid.error == "org.varlink.service.InvalidParameter")
        #expect(invalid.parameters["parameter"] == .string("id"))
        for error in [
            VarlinkServiceError.interfaceNotFound(interface: "a.b"), .methodNotFound(method: "a.b.C"),
            .methodNotImplemented(method: "a.b.C"), .invalidParameter(parameter: "p"), .permissionDenied, .expectedMore,
        ] {
            #expect(VarlinkServiceError(reply: error.reply) == error)
        }
        #expect(VarlinkServiceError(reply: .error("io.exitready.Monitor.NotEvaluatedYet")) == nil)
    }
}
