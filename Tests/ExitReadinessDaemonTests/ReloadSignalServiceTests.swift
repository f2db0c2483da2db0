import Testing
import UnixSignals

@testable import ExitReadinessDaemon

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Reload on SIGHUP")
struct ReloadSignalServiceTests {
    /// The daemon traps SIGHUP before its services start: one that comes before the reload
    /// service runs (as soon as the socket answers) is a reload, not the end of the process.
    @Test func aHangupBeforeTheServiceRunsIsAReload() async throws {
        let requests = EvaluationRequests()
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        #expect(kill(getpid(), SIGHUP) == 0)
        let service = ReloadSignalService(requests: requests, hangups: hangups)
        let running = Task { try await service.run() }
        let received = await requests.next(timeout: .seconds(60))
        running.cancel()
        #expect(received?.map(\.kind) == [.reload])
    }
}
