import ExitReadinessProtocol
import NIOCore

/// Splits a Varlink byte stream into messages for the query server's SwiftNIO pipeline: each
/// is the bytes before a NUL, without it. (The framing rules are `VarlinkFrameScanner`'s, in
/// the protocol target; this adapter lives here so that the client does not link SwiftNIO.)
///
/// A message longer than the maximum, or bytes left unterminated when the peer closes, are
/// errors: the pipeline then closes that connection (see `VarlinkFramingError`).
public struct VarlinkFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = ByteBuffer

    private var scanner: VarlinkFrameScanner

    public init(maximumMessageSize: Int = VarlinkFrameScanner.defaultMaximumMessageSize) {
        scanner = VarlinkFrameScanner(maximumMessageSize: maximumMessageSize)
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let length = try buffer.withUnsafeReadableBytes { try scanner.messageLength(in: $0) }
        guard let length, let message = buffer.readSlice(length: length) else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 1)
        context.fireChannelRead(Self.wrapInboundOut(message))
        return .continue
    }

    public mutating func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws
        -> DecodingState
    {
        if try decode(context: context, buffer: &buffer) == .continue { return .continue }
        if buffer.readableBytes > 0 {
            let count = buffer.readableBytes
            buffer.moveReaderIndex(forwardBy: count)
            throw VarlinkFramingError.unterminatedMessage(byteCount: count)
        }
        return .needMoreData
    }
}
