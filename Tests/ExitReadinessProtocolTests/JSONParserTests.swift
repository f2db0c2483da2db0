import ExitReadiness
import ExitReadinessProtocol
import Testing

@Suite("JSON parser")
struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParseError) -> JSONValue {
        try JSONParser.parse(text)
    }

    private func failure(_ bytes: [UInt8]) -> JSONParseError? {
        do {
            _ = try JSONParser.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    private func failure(_ text: String) -> JSONParseError? { failure(Array(text.utf8)) }

    @Test func literalsAndWhitespace() throws {
        #expect(try parse(" \t\r\n true \n") == .bool(true))
        #expect(try parse("false") == .bool(false))
        #expect(try parse("null") == .null)
        #expect(failure("nul")?.reason == .unexpectedEnd)
        #expect(failure("nulL") == JSONParseError(.invalidLiteral, at: 0))
        #expect(failure("tru e")?.reason == .invalidLiteral)
    }

    @Test func emptyInputHasNoValue() {
        #expect(failure("") == JSONParseError(.empty, at: 0))
        #expect(failure("  \n ") == JSONParseError(.empty, at: 4))
    }

    @Test func objectsKeepKeyOrderAndRepeatedKeys() throws {
        let value = try parse(#"{"b": 1, "a": [true, null], "b": {"c": "d"}}"#)
        guard case .object(let members) = value else {
            Issue.record("not an object: \(value)")
            return
        }
        #expect(members.map(\.0) == ["b", "a", "b"])
        #expect(value["b"] == .integer(1), "the subscript returns the first of a repeated key")
        #expect(try parse("{}") == .object([]))
        #expect(try parse("[ ]") == .array([]))
    }

    @Test(arguments: [
        ("0", JSONValue.integer(0)), ("-0", .integer(0)), ("42", .integer(42)), ("-17", .integer(-17)),
        ("9223372036854775807", .integer(Int.max)), ("-9223372036854775808", .integer(Int.min)),
        ("9223372036854775808", .number(9223372036854775808.0)), ("1.5", .number(1.5)), ("100.0", .number(100)),
        ("-2.5e3", .number(-2500)), ("1E2", .number(100)), ("1e-2", .number(0.01)), ("0.1", .number(0.1)),
    ])
    func numbers(_ text: String, _ expected: JSONValue) throws {
        let value = try parse(text)
        #expect(value == expected)
        switch (value, expected) {
        case (.integer, .integer), (.number, .number): break
        default: Issue.record("\(text) parsed as \(value), expected the kind of \(expected)")
        }
    }

    @Test(arguments: ["01", "-", "+1", ".5", "1.", "1e", "1e+", "--1", "0x10", "1.e3", "-.5", "Infinity", "NaN"])
    func malformedNumbers(_ text: String) {
        let reason = failure(text)?.reason
        #expect(
            reason == .invalidNumber || reason == .trailingBytes
                || reason.map { if case .unexpectedByte = $0 { true } else { false } } == true,
            "\(text): \(String(describing: reason))")
    }

    @Test func numbersBeyondDoubleAreRejected() {
        #expect(failure("1e400")?.reason == .numberOutOfRange)
        #expect(failure("-1e400")?.reason == .numberOutOfRange)
    }

    @Test func escapes() throws {
        #expect(try parse(#""a\"b\\c\/d\b\f\n\r\t""#) == .string("a\"b\\c/d\u{8}\u{c}\n\r\t"))
        #expect(try parse(#""\u00e9\u20AC""#) == .string("é€"))
        #expect(try parse(#""\u0000""#) == .string("\u{0}"))
    }

    @Test func surrogatePairsCombine() throws {
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse(#""x\uD834\uDD1Ey""#) == .string("x𝄞y"))
    }

    @Test(arguments: [#""\ud83d""#, #""\ud83dx""#, #""\ude00""#, #""\ud83d\u0041""#, #""\ud83d\n""#])
    func unpairedSurrogatesAreRejected(_ text: String) {
        #expect(failure(text)?.reason == .unpairedSurrogate, "\(text)")
    }

    @Test(arguments: [#""\x""#, #""\u12""#, #""\u12G4""#, #""\'""#])
    func invalidEscapes(_ text: String) {
        let reason = failure(text)?.reason
        #expect(reason == .invalidEscape || reason == .unexpectedEnd, "\(text): \(String(describing: reason))")
    }

    @Test func rawUTF8IsKept() throws {
        #expect(try parse("\"Zoë 😀 €\"") == .string("Zoë 😀 €"))
    }

    @Test(
        arguments: [
            [0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xE0, 0x80, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
            [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xE2, 0x82, 0x22], [0x22, 0x80, 0x22],
            [0x22, 0x61, 0x5C, 0x6E, 0xC3, 0x28, 0x22],
        ] as [[UInt8]])
    func invalidUTF8IsRejected(_ bytes: [UInt8]) {
        #expect(failure(bytes)?.reason == .invalidUTF8, "\(bytes)")
    }

    @Test func controlCharactersMustBeEscaped() {
        #expect(failure("\"a\nb\"") == JSONParseError(.controlCharacterInString, at: 2))
        #expect(failure("\"a\\n\tb\"")?.reason == .controlCharacterInString)
    }

    @Test func nestingIsLimited() throws {
        let deepest = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect(try parse(deepest) != .null)
        let tooDeep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(failure(tooDeep) == JSONParseError(.tooDeep(limit: 64), at: 64))
        let objects = String(repeating: #"{"a":"#, count: 65) + "1" + String(repeating: "}", count: 65)
        #expect(failure(objects)?.reason == .tooDeep(limit: 64))
        // A hostile message of a million brackets fails fast instead of exhausting the stack.
        #expect(failure(String(repeating: "[", count: 1_000_000))?.reason == .tooDeep(limit: 64))
        #expect(try JSONParser.parse("[[1]]", maximumDepth: 2) == .array([.array([.integer(1)])]))
        #expect((try? JSONParser.parse("[[1]]", maximumDepth: 1)) == nil)
    }

    @Test func onlyWhitespaceMayFollowTheValue() {
        #expect(failure("{} {}") == JSONParseError(.trailingBytes, at: 3))
        #expect(failure("1 2") == JSONParseError(.trailingBytes, at: 2))
        #expect(failure([0x7B, 0x7D, 0x00]) == JSONParseError(.trailingBytes, at: 2))
    }

    @Test func structuralErrorsNameTheOffendingByte() {
        #expect(failure(#"{"a" 1}"#) == JSONParseError(.unexpectedByte(UInt8(ascii: "1")), at: 5))
        #expect(failure("[1,]") == JSONParseError(.unexpectedByte(UInt8(ascii: "]")), at: 3))
        #expect(failure("{1:2}") == JSONParseError(.unexpectedByte(UInt8(ascii: "1")), at: 1))
        #expect(failure(#"{"a":1"#) == JSONParseError(.unexpectedEnd, at: 6))
        #expect(failure("\u{1}")?.description == "invalid JSON at byte 0: unexpected byte 0x1")
        #expect(failure("x")?.description == "invalid JSON at byte 0: unexpected 'x'")
    }

    @Test func documentsRoundTripThroughTheWriter() throws {
        let document: JSONValue = .object([
            ("evaluated", .string("2026-12-01")), ("score", .number(63.3)), ("whole", .number(100)),
            ("count", .integer(-5)), ("text", .string("quote \" backslash \\ newline \n tab \t bell \u{7} ünïcödé 😀")),
            ("list", .array([.null, .bool(true), .bool(false), .object([]), .array([])])),
        ])
        #expect(try JSONParser.parse(document.encoded()) == document)
        #expect(try JSONParser.parse(document.encoded(pretty: true)) == document)
        #expect(try JSONParser.parse(document.encoded()).encoded() == document.encoded(), "byte-identical after a round trip")
    }
}
