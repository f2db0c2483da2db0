import NIOCore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The open connections of the query server: admits new ones within the limits and closes
/// them all when the server stops.
final class QueryServerConnections: Sendable {
    /// A new connection turned away, and why.
    struct Refusal: Error, Sendable, Equatable {
        enum Reason: Sendable, Equatable {
            case serverLimit(Int)
            case userLimit(uid: UInt32, limit: Int)
            case shuttingDown
        }

        var reason: Reason
        /// The first refusal since a connection was last admitted (worth a warning; the rest are not).
        var isFirst: Bool
    }

    private struct State {
        var open: [ObjectIdentifier: any Channel] = [:]
        var perUser: [UInt32: Int] = [:]
        var closing = false
        var refusing = false
        /// Most connections open at once since memory was last handed back.
        var peak = 0
    }

    /// After this many connections at once, memory is handed back to the system once three
    /// quarters of them are gone: the allocator keeps what a flood of large messages used otherwise.
    static let trimAfterPeak = 64

    private let limits: QueryServer.Limits
    private let state = Mutex(State())

    init(limits: QueryServer.Limits) {
        self.limits = limits
    }

    var count: Int { state.withLock { $0.open.count } }

    /// Counts `channel` as open until it closes, or refuses it.
    func admit(_ channel: any Channel, uid: UInt32?) throws(Refusal) {
        let key = ObjectIdentifier(channel)
        let refusal: Refusal? = state.withLock { state in
            let reason: Refusal.Reason? =
                if state.closing {
                    .shuttingDown
                } else if state.open.count >= limits.maximumConnections {
                    .serverLimit(limits.maximumConnections)
                } else if let uid, state.perUser[uid, default: 0] >= limits.maximumConnectionsPerUser {
                    .userLimit(uid: uid, limit: limits.maximumConnectionsPerUser)
                } else {
                    nil
                }
            if let reason {
                defer { state.refusing = true }
                return Refusal(reason: reason, isFirst: !state.refusing)
            }
            if let uid { state.perUser[uid, default: 0] += 1 }
            state.open[key] = channel
            state.peak = max(state.peak, state.open.count)
            state.refusing = false
            return nil
        }
        if let refusal { throw refusal }
        channel.closeFuture.whenComplete { [self] _ in
            let drained = state.withLock { state in
                state.open[key] = nil
                if let uid {
                    let remaining = state.perUser[uid, default: 1] - 1
                    state.perUser[uid] = remaining > 0 ? remaining : nil
                }
                guard state.peak >= Self.trimAfterPeak, state.open.count <= state.peak / 4 else { return false }
                state.peak = state.open.count
                return true
            }
            if drained { MemoryTrim.soon() }
        }
    }

    /// Refuses new connections, asks every open one to finish its current call and close, and
    /// closes those still open after `gracePeriod`.
    func closeAll(gracePeriod: Duration) async {
        let channels = state.withLock { state in
            state.closing = true
            return Array(state.open.values)
        }
        for channel in channels {
            channel.pipeline.fireUserInboundEventTriggered(QueryServerConnectionHandler.ShutdownEvent())
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for channel in channels { try? await channel.closeFuture.get() }
            }
            group.addTask {
                guard (try? await EventLoopSleep.sleep(for: gracePeriod)) != nil else { return }
                for channel in channels { channel.close(promise: nil) }
            }
            await group.next()
            group.cancelAll()
        }
    }
}
