import ExitReadinessConfiguration
import Logging
import Synchronization

/// The configuration in force, reloaded on SIGHUP and Reload.
final class Settings: Sendable {
    let path: String
    /// The file was named on the command line: it must exist at a reload too.
    let pathMustExist: Bool
    private let value: Mutex<DaemonConfiguration>

    init(path: String, pathMustExist: Bool, configuration: DaemonConfiguration) {
        self.path = path
        self.pathMustExist = pathMustExist
        self.value = Mutex(configuration)
    }

    var current: DaemonConfiguration { value.withLock { $0 } }

    /// Re-reads the files; on an error the configuration in force stays, and the error is
    /// logged and returned.
    func reload(logger: Logger) -> ConfigurationError? {
        do throws(ConfigurationError) {
            let fresh = try ConfigurationLoader.load(path: path, mustExist: pathMustExist)
            let previous = current
            for (name, changed) in [
                ("Database=", fresh.database != previous.database), ("Socket=", fresh.socket != previous.socket),
                ("SocketMode=", fresh.socketMode != previous.socketMode),
            ] where changed {
                logger.warning("\(name) changed; it takes effect at the next restart")
            }
            value.withLock { $0 = fresh }
            logger.info("configuration reloaded from \(path)")
            return nil
        } catch {
            logger.error("configuration not reloaded, the previous one stays in force: \(error)")
            return error
        }
    }
}
