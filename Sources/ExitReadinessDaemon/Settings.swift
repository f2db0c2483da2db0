import Logging
import Synchronization

/// The configuration in force, reloaded on SIGHUP and Reload.
final class Settings: Sendable {
    let path: String
    private let value: Mutex<DaemonConfiguration>

    init(path: String, configuration: DaemonConfiguration) {
        self.path = path
        self.value = Mutex(configuration)
    }

    var current: DaemonConfiguration { value.withLock { $0 } }

    /// Re-reads the files; on an error the configuration in force stays, and the error is logged.
    func reload(logger: Logger) {
        do {
            let fresh = try ConfigurationLoader.load(path: path)
            let previous = current
            for (name, changed) in [("Database=", fresh.database != previous.database), ("Socket=", fresh.socket != previous.socket),
                                    ("SocketMode=", fresh.socketMode != previous.socketMode)] where changed {
                logger.warning("\(name) changed; it takes effect at the next restart")
            }
            value.withLock { $0 = fresh }
            logger.info("configuration reloaded from \(path)")
        } catch {
            logger.error("configuration not reloaded, the previous one stays in force: \(error)")
        }
    }
}
