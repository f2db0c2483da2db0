import ServiceLifecycle
import UnixSignals

/// Turns SIGHUP into a reload: configuration and inventory are read again, then an evaluation runs.
///
/// The signal is trapped when `hangups` is made, which `Daemon` does before any service starts:
/// a SIGHUP that comes as soon as the socket answers then waits for this service instead of
/// ending the daemon (SIGHUP's default action).
struct ReloadSignalService: Service {
    let requests: EvaluationRequests
    let hangups: UnixSignalsSequence

    func run() async throws {
        for await _ in hangups.cancelOnGracefulShutdown() {
            await requests.post(.reload)
        }
    }
}
