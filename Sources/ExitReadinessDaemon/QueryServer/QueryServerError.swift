#if canImport(Glibc)
    import Glibc
#endif

/// Why the query server could not start listening, or stopped on its own.
public enum QueryServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process is answering on the socket path.
    case socketInUse(path: String)
    /// Something other than a socket is in the way at the socket path.
    case notASocket(path: String)
    /// A system call on the socket file failed.
    case socketFile(path: String, operation: String, errno: Int32)
    /// The inherited descriptor is not a listening Unix stream socket.
    case unsuitableInheritedSocket(descriptor: Int32, reason: String)
    /// The listening socket closed although nobody asked the server to stop.
    case listenerClosedUnexpectedly

    public var description: String {
        switch self {
        case .socketInUse(let path):
            "another process is already listening on \(path); is exitreadyd running twice?"
        case .notASocket(let path): "\(path) exists and is not a socket; refusing to replace it"
        case .socketFile(let path, let operation, let code): "\(operation) \(path): \(String(cString: strerror(code)))"
        case .unsuitableInheritedSocket(let descriptor, let reason):
            "the inherited file descriptor \(descriptor) is not usable: \(reason) (ListenStream= must be a path)"
        case .listenerClosedUnexpectedly: "the query socket closed unexpectedly"
        }
    }
}
