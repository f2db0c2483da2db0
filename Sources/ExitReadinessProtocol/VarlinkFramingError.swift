/// A byte stream that cannot be split into Varlink messages; the connection cannot continue.
public enum VarlinkFramingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// More than `limit` bytes arrived without a terminating NUL.
    case messageTooLarge(limit: Int)
    /// The stream ended `byteCount` bytes into a message that was never terminated.
    case unterminatedMessage(byteCount: Int)

    public var description: String {
        switch self {
        case .messageTooLarge(let limit): "message longer than \(limit) bytes"
        case .unterminatedMessage(let count): "connection closed \(count) bytes into an unterminated message"
        }
    }
}
