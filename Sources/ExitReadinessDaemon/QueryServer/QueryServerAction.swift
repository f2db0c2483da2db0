import ExitReadiness
import NIOCore

/// What a connection does with one call, as decided by `QueryServerDispatcher`.
enum QueryServerAction: Sendable {
    /// Send this framed reply now.
    case reply(ByteBuffer)
    /// Send nothing (a `oneway` call).
    case none
    /// Ask the backend; the closure returns the framed reply, or nil for a `oneway` call.
    /// Later calls of the connection wait, so that replies keep the order of the calls.
    case deferred(@Sendable () async -> ByteBuffer?)
    /// Stream one `Watch` reply per element until the client hangs up.
    case watch(AsyncStream<JSONValue>)
}
