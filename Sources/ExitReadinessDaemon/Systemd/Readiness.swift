import Synchronization

/// Sends READY=1 once both the socket listens and the first evaluation is over, whichever
/// comes last.
final class Readiness: Sendable {
    private struct State {
        var listening = false
        var firstStatus: String?
        var sent = false
    }

    private let state = Mutex(State())

    func socketListening() { update { $0.listening = true } }
    func firstEvaluationDone(status: String) { update { $0.firstStatus = status } }

    private func update(_ change: (inout State) -> Void) {
        let status: String? = state.withLock { state in
            change(&state)
            guard state.listening, let status = state.firstStatus, !state.sent else { return nil }
            state.sent = true
            return status
        }
        if let status { SystemdNotifier.ready(status: status) }
    }
}
