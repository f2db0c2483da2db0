import ExitReadinessProtocol
import NIOCore
import Synchronization

/// The encoded replies of `GetScores` and `GetContract`, kept for one evaluation.
///
/// Both come from the last evaluation; for a large portfolio encoding them costs more than
/// sending them, so the bytes are made once per evaluation (and per `top` of `GetScores`) and
/// shared by every connection (a `ByteBuffer` is written to a socket without copying).
///
/// Each reply is kept with the backend's count of published evaluations read before the call
/// that made it, and given out only while that count is still current: a client that has seen
/// an evaluation (in an Evaluate reply, say) never gets a reply from before it.
final class QueryServerReplyCache: Sendable {
    /// At most this many `GetContract` replies are kept (a portfolio can be large).
    static let maximumContracts = 1024
    /// At most this many `GetScores` replies (one per `top` asked for) are kept.
    static let maximumScores = 16

    private struct State {
        var evaluation: UInt64 = 0
        var scores: [Int?: ByteBuffer] = [:]
        var contracts: [String: ByteBuffer] = [:]
    }

    private let state = Mutex(State())

    /// The cached reply to `call` made for `evaluation`, if there is one.
    func reply(for call: MonitorCall, evaluation: UInt64) -> ByteBuffer? {
        state.withLock { state in
            guard state.evaluation == evaluation else { return nil }
            switch call {
            case .getScores(let top): return state.scores[top]
            case .getContract(let id): return state.contracts[id]
            default: return nil
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

    /// Keeps `reply` to `call`, made after `evaluation` evaluations were published; replies
    /// kept for an earlier evaluation are dropped, and one for an earlier evaluation is not kept.
    func store(_ reply: ByteBuffer, for call: MonitorCall, evaluation: UInt64) {
        state.withLock { state in
            if evaluation > state.evaluation {
                state = State(evaluation: evaluation)
            }
            guard state.evaluation == evaluation else { return }
            switch call {
            case .getScores(let top):
                if state.scores.count >= Self.maximumScores { state.scores.removeAll(keepingCapacity: true) }
                state.scores[top] = reply
            case .getContract(let id):
                if state.contracts.count >= Self.maximumContracts { state.contracts.removeAll(keepingCapacity: true) }
                state.contracts[id] = reply
            default: break
            }
        }
    }
}
