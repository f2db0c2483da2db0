import ExitReadiness

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why the blocking client could not complete a call; each says what a person can do.
public enum VarlinkClientError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `connect(2)` failed with this errno.
    case cannotConnect(path: String, errno: Int32)
    /// The socket path does not fit in `sockaddr_un`.
    case pathTooLong(path: String)
    /// Nothing arrived (or could be sent) within the timeout.
    case timedOut(path: String, seconds: Double)
    /// The service closed the connection before the reply was complete.
    case connectionClosed(path: String)
    /// A system call failed while talking (`operation` is its name).
    case io(path: String, operation: String, errno: Int32)
    /// The reply stream broke the framing rules.
    case framing(path: String, VarlinkFramingError)
    /// A reply that is not a Varlink reply.
    case invalidReply(path: String, VarlinkMessageError)

    /// Whether the service could not be reached at all (as opposed to failing mid-call).
    public var isUnreachable: Bool {
        switch self {
        case .cannotConnect, .pathTooLong: true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .cannotConnect(let path, let code):
            let hint =
                switch code {
                case ENOENT: "no such socket; is exitreadyd running?"
                case ECONNREFUSED: "nothing is listening; is exitreadyd running?"
                case EACCES, EPERM: "permission denied; the socket is for root and the exitready group"
                case ENOTSOCK: "not a socket"
                case EAGAIN: "the service is not accepting connections (too many clients)"
                default: String(cString: strerror(code))
                }
            return "cannot connect to \(path): \(hint)"
        case .pathTooLong(let path): return "socket path too long for a Unix socket: \(path)"
        case .timedOut(let path, let seconds):
            return "no answer from \(path) within \(DecimalText.fixed(seconds, 1)) s"
        case .connectionClosed(let path): return "\(path) closed the connection before replying"
        case .io(let path, let operation, let code): return "\(operation) on \(path) failed: \(String(cString: strerror(code)))"
        case .framing(let path, let error): return "invalid reply from \(path): \(error)"
        case .invalidReply(let path, let error): return "invalid reply from \(path): \(error)"
        }
    }
}
