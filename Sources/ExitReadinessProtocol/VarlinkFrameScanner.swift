#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds the NUL that ends the next Varlink message in a stream of bytes, and enforces the
/// maximum message size. Shared by the server's NIO decoder and the blocking client.
///
/// The scanner remembers how far it has already searched, so a message that arrives in many
/// small reads is searched once, not once per read.
public struct VarlinkFrameScanner: Sendable {
    /// The default maximum size of one message without its NUL: 1 MiB.
    public static let defaultMaximumMessageSize = 1 << 20

    /// The largest message accepted, in bytes, not counting the terminating NUL.
    public let maximumMessageSize: Int
    /// How many leading bytes of the pending input are known to hold no NUL.
    private var searched = 0

    public init(maximumMessageSize: Int = defaultMaximumMessageSize) {
        precondition(maximumMessageSize > 0, "a message may hold at least one byte")
        self.maximumMessageSize = maximumMessageSize
    }

    /// The length (without the NUL) of the first complete message at the start of `pending`,
    /// or nil when it needs more bytes.
    ///
    /// `pending` is the input not yet consumed; after a message is returned, the caller drops
    /// it and its NUL from the front before calling again.
    /// - Throws: `messageTooLarge` when the first message is longer than the maximum.
    public mutating func messageLength(in pending: UnsafeRawBufferPointer) throws(VarlinkFramingError) -> Int? {
        // A NUL further than maximumMessageSize bytes in would end a message that is too large.
        let end = min(pending.count, maximumMessageSize + 1)
        if searched < end, let base = pending.baseAddress,
            let found = memchr(base + searched, 0, end - searched)
        {
            searched = 0
            return base.distance(to: UnsafeRawPointer(found))
        }
        searched = end
        if pending.count > maximumMessageSize { throw .messageTooLarge(limit: maximumMessageSize) }
        return nil
    }
}
