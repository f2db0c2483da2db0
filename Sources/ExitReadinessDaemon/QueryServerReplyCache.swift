import ExitReadinessProtocol
import NIOCore
import Synchronization

/// The encoded replies of `GetScores` and `GetContract`, kept until the next evaluation.
///
/// Both are the last evaluation as JSON; for a large portfolio encoding it costs far more than
/// sending it, so the bytes are made once per evaluation and shared by every connection (a
/// `ByteBuffer` is written to a socket without copying). The server empties the cache whenever
/// the backend's `watch()` stream reports an evaluation.
///
/// A reply is stored with the generation that was current when its backend call began; if an
/// evaluation arrived meanwhile, the reply may be older than the cache and is not stored.
final class QueryServerReplyCache: Sendable {
    /// At most this many `GetContract` replies are kept (a portfolio can be large).
    static let maximumContracts = 1024

    private struct State {
        var generation: UInt64 = 0
        var scores: ByteBuffer?
        var contracts: [String: ByteBuffer] = [:]
    }

    private let state = Mutex(State())

    /// Changes with every evaluation.
    var generation: UInt64 { state.withLock { $0.generation } }

    /// The cached reply to `call`, if it is cacheable and cached.
    func reply(for call: MonitorCall) -> ByteBuffer? {
        state.withLock { state in
            switch call {
            case .getScores: state.scores
            case .getContract(let id): state.contracts[id]
            default: nil
            }
        }
    }

    /// Whether replies to `call` are kept.
    static func isCacheable(_ call: MonitorCall) -> Bool {
        switch call {
        case .getScores, .getContract: true
        default: false
        }
    }

    /// Keeps `reply` for `call` unless an evaluation happened since `generation`.
    func store(_ reply: ByteBuffer, for call: MonitorCall, generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            switch call {
            case .getScores: state.scores = reply
            case .getContract(let id):
                if state.contracts.count >= Self.maximumContracts { state.contracts.removeAll(keepingCapacity: true) }
                state.contracts[id] = reply
            default: break
            }
        }
    }

    /// Forgets every reply: a new evaluation is stored.
    func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            state.scores = nil
            state.contracts.removeAll()
        }
    }
}
