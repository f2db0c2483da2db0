import Synchronization
import Testing

/// A value set once from another task (such as the status line of the first evaluation).
final class Received<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    func set(_ newValue: Value) { value.withLock { $0 = newValue } }
    var current: Value? { value.withLock { $0 } }

    /// The value once it is set, waiting at most 60 seconds.
    func wait(sourceLocation: SourceLocation = #_sourceLocation) async throws -> Value {
        _ = await eventually { current != nil }
        return try #require(current, sourceLocation: sourceLocation)
    }
}
