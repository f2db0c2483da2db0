import ExitReadinessDaemon
import ExitReadinessProtocol
import NIOCore
import NIOEmbedded
import Testing

@Suite("Varlink framing")
struct VarlinkFramingTests {
    /// Feeds chunks to a decoder in an embedded channel and returns the messages as strings.
    private func decode(_ chunks: [String], maximum: Int = 1 << 20) throws -> [String] {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(VarlinkFrameDecoder(maximumMessageSize: maximum)))
        var messages: [String] = []
        for chunk in chunks {
            try channel.writeInbound(ByteBuffer(string: chunk))
            while let message = try channel.readInbound(as: ByteBuffer.self) {
                messages.append(String(buffer: message))
            }
        }
        return messages
    }

    @Test func splitsMessagesAtNUL() throws {
        #expect(try decode(["{\"a\":1}\0{\"b\":2}\0"]) == ["{\"a\":1}", "{\"b\":2}"])
    }

    @Test func joinsMessagesSplitAcrossReads() throws {
        #expect(try decode(["{\"me", "thod\"", ":1}", "\0{", "}\0"]) == ["{\"method\":1}", "{}"])
    }

    @Test func anEmptyMessageIsDeliveredAsSuch() throws {
        #expect(try decode(["\0\0x\0"]) == ["", "", "x"])
    }

    @Test func bytesAfterTheLastNULWaitForTheirTerminator() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(VarlinkFrameDecoder()))
        try channel.writeInbound(ByteBuffer(string: "one\0tw"))
        #expect(try channel.readInbound(as: ByteBuffer.self).map { String(buffer: $0) } == "one")
        #expect(try channel.readInbound(as: ByteBuffer.self) == nil)
        try channel.writeInbound(ByteBuffer(string: "o\0"))
        #expect(try channel.readInbound(as: ByteBuffer.self).map { String(buffer: $0) } == "two")
    }

    @Test func bytesLeftUnterminatedAtTheEndAreAnError() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(VarlinkFrameDecoder()))
        try channel.writeInbound(ByteBuffer(string: "ok\0partial"))
        #expect(throws: VarlinkFramingError.unterminatedMessage(byteCount: 7)) { try channel.finish() }
    }

    @Test func aMessageOfExactlyTheLimitPasses() throws {
        let message = String(repeating: "x", count: 64)
        #expect(try decode([message + "\0"], maximum: 64) == [message])
    }

    @Test func aLongerMessageIsRefusedEvenWhenItsNULArrives() {
        #expect(throws: VarlinkFramingError.messageTooLarge(limit: 64)) {
            try decode([String(repeating: "x", count: 65) + "\0"], maximum: 64)
        }
    }

    @Test func anUnterminatedMessageIsRefusedOnceItPassesTheLimit() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(VarlinkFrameDecoder(maximumMessageSize: 100)))
        for _ in 0..<10 { try channel.writeInbound(ByteBuffer(string: String(repeating: "y", count: 10))) }
        #expect(throws: VarlinkFramingError.messageTooLarge(limit: 100)) {
            try channel.writeInbound(ByteBuffer(string: "y"))
        }
    }

    @Test func theScannerSearchesEachByteOnce() throws {
        var scanner = VarlinkFrameScanner(maximumMessageSize: 16)
        var pending: [UInt8] = Array("abc".utf8)
        #expect(try pending.withUnsafeBytes { try scanner.messageLength(in: $0) } == nil)
        pending += Array("de\0fg".utf8)
        #expect(try pending.withUnsafeBytes { try scanner.messageLength(in: $0) } == 5)
        pending.removeFirst(6)
        #expect(try pending.withUnsafeBytes { try scanner.messageLength(in: $0) } == nil)
        pending += Array(repeating: UInt8(ascii: "z"), count: 15)
        #expect(throws: VarlinkFramingError.messageTooLarge(limit: 16)) {
            try pending.withUnsafeBytes { try scanner.messageLength(in: $0) }
        }
    }
}
