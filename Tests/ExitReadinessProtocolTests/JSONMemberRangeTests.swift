import ExitReadiness
import ExitReadinessProtocol
import Testing

@Suite("Finding a member's bytes in a JSON object")
struct JSONMemberRangeTests {
    private func value(_ key: String, in text: String) -> String? {
        let bytes = Array(text.utf8)
        let range = bytes.withUnsafeBytes { JSONParser.memberValueRange(key, in: $0) }
        return range.map { String(decoding: bytes[$0], as: UTF8.self) }
    }

    @Test func findsTheTopLevelValueWhateverItHolds() {
        let text = #" { "error" : "x\"}" , "parameters": {"a": [1, "}]\\\"", {"parameters": 2}], "b": null} , "continues": true}"#
        #expect(value("parameters", in: text) == #"{"a": [1, "}]\\\"", {"parameters": 2}], "b": null}"#)
        #expect(value("error", in: text) == #""x\"}""#)
        #expect(value("continues", in: text) == "true")
        #expect(value("a", in: text) == nil, "only top-level members")
        #expect(value("parameters", in: #"{"n": -1.5e3,"parameters":42}"#) == "42")
        #expect(value("parameters", in: "[1]") == nil)
        #expect(value("parameters", in: "{}") == nil)
    }

    @Test func theRangeOfAParsedReplyIsItsParameters() throws {
        let reply = VarlinkReply(parameters: .object([("s", .string("é\n\"")), ("n", .array([.integer(1), .null]))]))
        let bytes = reply.message.encoded()
        let range = try #require(bytes.withUnsafeBytes { JSONParser.memberValueRange("parameters", in: $0) })
        #expect(Array(bytes[range]) == reply.parameters.encoded())
    }
}
