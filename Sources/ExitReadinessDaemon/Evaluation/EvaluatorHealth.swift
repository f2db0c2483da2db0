import ExitReadiness
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Whether the evaluator is alive, for the watchdog: an evaluation that makes no progress for
/// longer than the watchdog timeout is considered hung, and the pings stop so that systemd
/// restarts the service. The scanner reports progress as it goes, so a long first scan of a
/// large dataroom is not mistaken for a hang.
public final class EvaluatorHealth: Sendable {
    private struct State {
        var busy = false
        var lastProgress: Double = 0
        var stopping = false
    }

    private let state = Mutex(State())

    public init() {}

    func began() {
        state.withLock {
            $0.busy = true
            $0.lastProgress = Self.monotonic
        }
    }
    func finished() { state.withLock { $0.busy = false } }

    /// Records progress; false once the daemon is stopping, so that the work in hand ends.
    @discardableResult
    func progressed() -> Bool {
        state.withLock { state in
            state.lastProgress = Self.monotonic
            return !state.stopping
        }
    }

    /// Asks the evaluation in hand to stop at its next progress report (shutdown).
    func stop() { state.withLock { $0.stopping = true } }

    /// False when an evaluation has made no progress for `timeout` seconds.
    public func isHealthy(timeout: Double) -> Bool {
        state.withLock { !$0.busy || Self.monotonic - $0.lastProgress < timeout }
    }

    private static var monotonic: Double { MonotonicClock.seconds() }
}
