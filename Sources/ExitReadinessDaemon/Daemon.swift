import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessProtocol
import ExitReadinessStore
import Logging
import ServiceLifecycle
import UnixSignals

#if canImport(Glibc)
    import Glibc
#endif

/// exitreadyd: the query server, the evaluator, reload on SIGHUP and the watchdog, as one
/// ServiceGroup. Started in that order and stopped in reverse on SIGTERM, each within a bound.
public struct Daemon: Sendable {
    public static var version: String { ExitReadyVersion.current }

    let configurationPath: String
    /// The file was named on the command line: a reload fails when it is gone.
    let configurationRequired: Bool
    let configuration: DaemonConfiguration
    let date: EvaluationDate
    let logger: Logger

    /// Fails (before anything starts) when a setting cannot be used, such as an unknown group.
    public init(
        configurationPath: String, configurationRequired: Bool, configuration: DaemonConfiguration,
        date: EvaluationDate, logger: Logger
    ) throws(ConfigurationError) {
        self.configurationPath = configurationPath
        self.configurationRequired = configurationRequired
        self.configuration = configuration
        self.date = date
        self.logger = logger
        _ = try adminGroupID()
    }

    public func run() async throws {
        warnIfAdminGroupIsUnmapped()
        // A write past RLIMIT_FSIZE fails with EFBIG instead of killing the daemon: a full
        // disk or quota must leave it answering with its last results.
        signal(SIGXFSZ, SIG_IGN)
        let store = try ExitReadyStore(path: configuration.database)
        let clock = WallClock.fromEnvironment()
        let state = MonitorState(startedAt: clock.now())
        let requests = EvaluationRequests()
        let health = EvaluatorHealth()
        let readiness = Readiness()
        let settings = Settings(path: configurationPath, pathMustExist: configurationRequired, configuration: configuration)
        let databaseID = try store.databaseID()
        let delivery = AlertDelivery(
            store: store, logger: logger, toJournal: Journal.isListening,
            echo: isatty(STDERR_FILENO) != 0, databaseID: databaseID)
        let backend = DaemonBackend(
            state: state, store: store, requests: requests, version: Self.version,
            databaseID: databaseID, settings: settings, adminGroup: try adminGroupID(),
            ownUID: getuid())
        let listener: QueryServer.Listener =
            SystemdNotifier.inheritedSocket().map { .inherited($0) }
            ?? .path(configuration.socket, mode: configuration.socketMode)
        let server = QueryServer(
            listener: listener, backend: backend, logger: logger,
            onListening: { readiness.socketListening() })
        let evaluator = Evaluator(
            settings: settings, store: store, state: state, requests: requests, health: health,
            delivery: delivery, logger: logger, date: date, clock: clock,
            onFirstEvaluation: { readiness.firstEvaluationDone(status: $0) })
        // Trapped before the server answers anyone, so that an early reload cannot kill the daemon.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        var services: [any Service] = [server, evaluator, ReloadSignalService(requests: requests, hangups: hangups)]
        if let interval = SystemdNotifier.watchdogInterval {
            services.append(WatchdogService(health: health, interval: interval))
        }
        services.append(StoppingNotifier())
        var group = ServiceGroupConfiguration(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        group.maximumGracefulShutdownDuration = .seconds(20)
        group.maximumCancellationDuration = .seconds(5)
        try await ServiceGroup(configuration: group).run()
    }

    /// In a user namespace (the unit's PrivateUsers=yes), groups outside it show as nobody in
    /// SO_PEERCRED, so AdminGroup= members cannot be recognised: say so at start.
    private func warnIfAdminGroupIsUnmapped() {
        guard let gid = try? adminGroupID(), let map = try? String(contentsOfFile: "/proc/self/gid_map", encoding: .utf8) else {
            return
        }
        let mapped = map.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ").compactMap { UInt64($0) }
            return fields.count == 3 && UInt64(gid) >= fields[0] && UInt64(gid) < fields[0] + fields[2]
        }
        if !mapped {
            let name = configuration.adminGroup ?? ""
            logger.warning(
                "AdminGroup=\(name) is not mapped into this user namespace (PrivateUsers=yes): its members cannot be recognised; see exitreadyd.conf(5)"
            )
        }
    }

    /// The gid of `AdminGroup=`, if set.
    private func adminGroupID() throws(ConfigurationError) -> UInt32? {
        guard let name = configuration.adminGroup else { return nil }
        guard let gid = Self.groupID(name) else {
            throw ConfigurationError(file: configurationPath, line: 0, message: "AdminGroup=\(name): no such group")
        }
        return gid
    }

    static func groupID(_ name: String) -> UInt32? {
        if let number = UInt32(name) { return number }
        var record = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getgrnam_r(name, &record, &buffer, buffer.count, &result) == 0, result != nil else { return nil }
        return record.gr_gid
    }
}

/// Tells systemd the daemon is stopping as soon as a graceful shutdown begins.
private struct StoppingNotifier: Service {
    func run() async throws {
        try? await gracefulShutdown()
        SystemdNotifier.stopping()
    }
}
