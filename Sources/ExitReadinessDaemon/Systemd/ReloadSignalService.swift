import ServiceLifecycle
import UnixSignals

/// Turns SIGHUP into a reload: configuration and inventory are read again, then an evaluation runs.
struct ReloadSignalService: Service {
    let requests: EvaluationRequests

    func run() async throws {
        for await _ in await UnixSignalsSequence(trapping: .sighup).cancelOnGracefulShutdown() {
            await requests.post(.reload)
        }
    }
}
