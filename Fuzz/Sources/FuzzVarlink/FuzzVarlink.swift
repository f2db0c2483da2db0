// Fuzz target: a Varlink byte stream, as a client would send it to exitreadyd.
//
// Input: byte 0 chooses the maximum message size (bits 0–2) and seeds the read sizes (bits
// 3–7); byte 1 is a nesting limit for the JSON depth check; the rest is the stream.
//
// 1. Framing: the stream is fed to a `VarlinkFrameScanner` in pieces of varying size, as reads
//    deliver it; the messages it returns must be exactly those of splitting the whole stream at
//    its NULs, each within the maximum, and it must fail exactly when a message is too large.
// 2. Every message is parsed with `JSONParser`: a value must serialise without a NUL, parse back
//    to an equal value, and serialise to the same bytes again (compact and indented); a smaller
//    nesting limit must fail exactly when the value is nested deeper; errors point inside the text.
// 3. A value that is a call (`VarlinkCall`) or a reply (`VarlinkReply`) must survive its own
//    encoding; a call of io.exitready.Monitor is checked against the IDL by `MonitorCall`,
//    whose result must survive being sent again, and whose errors must survive as replies.
import ExitReadiness
import ExitReadinessProtocol
import FuzzSupport

@main
enum FuzzVarlink {
    static func main() {
        Fuzz.main { data, size in
            FuzzVarlink.testOneInput(Fuzz.buffer(data, size))
            return 0
        }
    }

    /// Maximum message sizes to try: mostly the real one, sometimes tiny ones to hit the limit.
    static let maximumSizes = [
        VarlinkFrameScanner.defaultMaximumMessageSize, VarlinkFrameScanner.defaultMaximumMessageSize,
        VarlinkFrameScanner.defaultMaximumMessageSize, VarlinkFrameScanner.defaultMaximumMessageSize,
        1, 7, 64, 512,
    ]

    static func testOneInput(_ input: UnsafeBufferPointer<UInt8>) {
        guard input.count >= 2 else { return }
        let maximum = maximumSizes[Int(input[0] & 7)]
        let depthLimit = Int(input[1] % 80)
        let stream = Array(input[2...])
        var random = SplitMix(seed: UInt64(input[0] >> 3) &* 0x1000_0000_01B3 ^ UInt64(stream.count))
        let messages = frame(stream, maximum: maximum, random: &random)
        for message in messages {
            checkMessage(Array(stream[message]), depthLimit: depthLimit)
        }
    }

    // MARK: Framing

    /// The messages as the scanner finds them when the stream arrives in pieces, checked against
    /// splitting the whole stream at once.
    static func frame(_ stream: [UInt8], maximum: Int, random: inout SplitMix) -> [Range<Int>] {
        let expected = reference(stream, maximum: maximum)
        var scanner = VarlinkFrameScanner(maximumMessageSize: maximum)
        var pending: [UInt8] = []
        var pendingStart = 0  // stream offset of pending[0]
        var fed = 0
        var found: [Range<Int>] = []
        var failed = false
        feeding: while fed < stream.count {
            let piece =
                switch random.below(8) {
                case 0: stream.count - fed
                case 1: 1 + random.below(256)
                default: 1 + random.below(9)
                }
            let end = min(stream.count, fed + piece)
            pending += stream[fed..<end]
            fed = end
            while true {
                let result = pending.withUnsafeBytes { bytes in
                    Result { () throws(VarlinkFramingError) -> Int? in try scanner.messageLength(in: bytes) }
                }
                switch result {
                case .failure(let error):
                    Fuzz.check(
                        error == .messageTooLarge(limit: maximum), "frame-error",
                        "\(error), maximum \(maximum)")
                    Fuzz.check(
                        pending.count > maximum, "frame-too-large-early",
                        "messageTooLarge with \(pending.count) bytes pending, maximum \(maximum)")
                    Fuzz.check(
                        !pending.prefix(maximum + 1).contains(0), "frame-too-large-with-nul",
                        "messageTooLarge although a NUL is within \(maximum) bytes")
                    failed = true
                    break feeding
                case .success(nil):
                    Fuzz.check(
                        pending.count <= maximum, "frame-missed-limit",
                        "\(pending.count) bytes pending without NUL, maximum \(maximum), no error")
                    Fuzz.check(
                        !pending.contains(0), "frame-missed-nul",
                        "needs more bytes although a NUL is pending at \(pending.firstIndex(of: 0)!)")
                    continue feeding
                case .success(let length?):
                    Fuzz.check(
                        length >= 0 && length < pending.count, "frame-length-range",
                        "length \(length) with \(pending.count) bytes pending")
                    Fuzz.check(length <= maximum, "frame-length-maximum", "length \(length), maximum \(maximum)")
                    Fuzz.check(
                        pending[length] == 0 && !pending[..<length].contains(0), "frame-length-nul",
                        "length \(length) does not end at the first NUL (\(Fuzz.show(pending.firstIndex(of: 0))))")
                    found.append(pendingStart..<pendingStart + length)
                    pending.removeFirst(length + 1)
                    pendingStart += length + 1
                }
            }
        }
        Fuzz.check(
            found == expected.messages, "frame-messages",
            "pieces gave \(Fuzz.show(found)), the whole stream \(Fuzz.show(expected.messages))")
        Fuzz.check(
            failed == expected.tooLarge, "frame-outcome",
            "pieces: too large \(failed), whole stream: too large \(expected.tooLarge)")
        if !failed {
            Fuzz.check(pendingStart == expected.rest, "frame-rest", "rest at \(pendingStart), expected \(expected.rest)")
        }
        return found
    }

    /// Splitting the whole stream at its NULs: the messages up to the first one longer than the
    /// maximum, whether there is one, and where the unterminated rest starts.
    static func reference(_ stream: [UInt8], maximum: Int) -> (messages: [Range<Int>], tooLarge: Bool, rest: Int) {
        var messages: [Range<Int>] = []
        var start = 0
        while true {
            guard let nul = stream[start...].firstIndex(of: 0) else {
                return (messages, stream.count - start > maximum, start)
            }
            if nul - start > maximum { return (messages, true, start) }
            messages.append(start..<nul)
            start = nul + 1
        }
    }

    // MARK: JSON and calls

    static func parse(_ bytes: [UInt8], maximumDepth: Int = JSONParser.defaultMaximumDepth) -> Result<JSONValue, JSONParseError> {
        Result { () throws(JSONParseError) -> JSONValue in try JSONParser.parse(bytes, maximumDepth: maximumDepth) }
    }

    /// Arrays and objects count one level each, as in `JSONParser`.
    static func nesting(_ value: JSONValue) -> Int {
        switch value {
        case .array(let elements): 1 + (elements.map(nesting).max() ?? 0)
        case .object(let members): 1 + (members.map { nesting($0.1) }.max() ?? 0)
        default: 0
        }
    }

    static func checkMessage(_ bytes: [UInt8], depthLimit: Int) {
        let value: JSONValue
        switch parse(bytes) {
        case .failure(let error):
            Fuzz.check(
                error.offset >= 0 && error.offset <= bytes.count, "json-error-offset",
                "\(error) in \(bytes.count) bytes")
            if error.reason == .unexpectedEnd || error.reason == .empty {
                Fuzz.check(error.offset == bytes.count, "json-error-end-offset", "\(error) in \(bytes.count) bytes")
            }
            Fuzz.check(!Fuzz.hasControlCharacter(error.description), "json-error-control", Fuzz.show(error.description))
            if case .success(let value) = parse(bytes, maximumDepth: depthLimit) {
                Fuzz.check(
                    false, "json-depth-accepts-invalid",
                    "invalid (\(error)) but parses with limit \(depthLimit): \(Fuzz.show(value))")
            }
            return
        case .success(let parsed):
            value = parsed
        }

        // Serialisation: a fixed point, and never a NUL (it would end the Varlink message).
        let encoded = value.encoded()
        Fuzz.check(!encoded.contains(0), "json-encoded-nul", Fuzz.show(value.serialized()))
        switch parse(encoded) {
        case .failure(let error):
            Fuzz.check(false, "json-reparse", "\(error) in \(Fuzz.show(value.serialized()))")
        case .success(let again):
            Fuzz.check(again == value, "json-roundtrip", "\(Fuzz.show(value)) became \(Fuzz.show(again))")
            Fuzz.check(
                again.encoded() == encoded, "json-encoding-stable",
                "\(Fuzz.show(value.serialized())) then \(Fuzz.show(again.serialized()))")
        }
        let pretty = value.encoded(pretty: true)
        switch parse(pretty) {
        case .failure(let error):
            Fuzz.check(false, "json-pretty-reparse", "\(error) in \(Fuzz.show(value.prettyPrinted()))")
        case .success(let again):
            Fuzz.check(again == value, "json-pretty-roundtrip", "\(Fuzz.show(value)) became \(Fuzz.show(again))")
        }

        // The nesting limit decides exactly by depth.
        let depth = nesting(value)
        switch parse(bytes, maximumDepth: depthLimit) {
        case .success(let limited):
            Fuzz.check(depth <= depthLimit, "json-depth-limit-ignored", "depth \(depth) parsed with limit \(depthLimit)")
            Fuzz.check(limited == value, "json-depth-different-value", "\(Fuzz.show(limited)) vs \(Fuzz.show(value))")
        case .failure(let error):
            Fuzz.check(
                depth > depthLimit && error.reason == .tooDeep(limit: depthLimit), "json-depth-limit-wrong",
                "depth \(depth), limit \(depthLimit): \(error)")
        }

        checkCall(value)
        checkReply(value)
    }

    static func checkCall(_ message: JSONValue) {
        guard let call = try? VarlinkCall(message: message) else { return }
        Fuzz.check(
            (try? VarlinkCall(message: call.message)) == call, "call-roundtrip",
            "\(Fuzz.show(call)) as \(Fuzz.show(call.message.serialized()))")
        let framed = call.framed()
        Fuzz.check(framed.last == 0 && !framed.dropLast().contains(0), "call-framing", Fuzz.show(framed))
        let decoded = Array(framed.dropLast()).withUnsafeBytes { try? VarlinkCall(bytes: $0) }
        Fuzz.check(decoded == call, "call-bytes-roundtrip", "\(Fuzz.show(call)) became \(Fuzz.show(decoded))")
        let rebuilt = call.method.contains(".") ? call.interface + "." + call.member : String(call.member)
        Fuzz.check(
            rebuilt == call.method, "call-method-parts",
            "\(Fuzz.show(call.method)): \(Fuzz.show(call.interface)) + \(Fuzz.show(call.member))")

        // Checked against the interface as the server does, whatever the interface name.
        do {
            let monitor = try MonitorCall(member: call.member, parameters: call.parameters)
            let again = try? MonitorCall(member: monitor.member, parameters: monitor.parameters)
            Fuzz.check(
                again == monitor, "monitor-roundtrip",
                "\(Fuzz.show(monitor)) as \(Fuzz.show(monitor.parameters.serialized())) became \(Fuzz.show(again))")
            let sent = monitor.varlinkCall
            Fuzz.check(
                sent.interface == MonitorInterface.name && sent.member == monitor.member, "monitor-call-name",
                Fuzz.show(sent.method))
            Fuzz.check((try? VarlinkCall(message: sent.message)) == sent, "monitor-call-roundtrip", Fuzz.show(sent))
            Fuzz.check(sent.more == (monitor == .watch), "monitor-call-more", Fuzz.show(sent))
        } catch {
            let reply = error.reply
            Fuzz.check(
                reply.error == error.name && error.name.hasPrefix("org.varlink.service."), "service-error-name",
                Fuzz.show(reply))
            Fuzz.check(
                VarlinkServiceError(reply: reply) == error, "service-error-roundtrip",
                "\(Fuzz.show(error)) as \(Fuzz.show(reply.message.serialized()))")
            Fuzz.check(
                (try? VarlinkReply(message: reply.message)) == reply, "service-error-reply-roundtrip",
                Fuzz.show(reply.message.serialized()))
        }
    }

    static func checkReply(_ message: JSONValue) {
        guard let reply = try? VarlinkReply(message: message) else { return }
        Fuzz.check(
            (try? VarlinkReply(message: reply.message)) == reply, "reply-roundtrip",
            "\(Fuzz.show(reply)) as \(Fuzz.show(reply.message.serialized()))")
        let framed = reply.framed()
        Fuzz.check(framed.last == 0 && !framed.dropLast().contains(0), "reply-framing", Fuzz.show(framed))
        if let error = VarlinkServiceError(reply: reply) {
            Fuzz.check(VarlinkServiceError(reply: error.reply) == error, "reply-service-error-roundtrip", Fuzz.show(error))
        }
    }
}
