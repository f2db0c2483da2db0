import ArgumentParser
import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessDaemon
import ExitReadyCtlCommands
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Started under the name exitreadyctl (how exitreadyctl runs its offline commands), runs
/// exitreadyctl's commands. Otherwise hands Swift concurrency to the event loops before any task
/// starts, then runs `ExitReadyD`.
@main
enum ExitReadyDMain {
    static func main() async {
        if let name = CommandLine.arguments.first, name.split(separator: "/").last == "exitreadyctl" {
            ExitReadyCtl.main()
            return
        }
        Daemon.runConcurrencyOnEventLoops()
        await ExitReadyD.main()
    }
}

/// `exitreadyd`: scores exit readiness continuously and answers queries on its Varlink socket.
struct ExitReadyD: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exitreadyd",
        abstract: "Continuously score how ready each outsourcing contract is for an exit (see exitreadyd(8)).",
        version: Daemon.version
    )

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Configuration file (default: \(DefaultPaths.configuration)); drop-ins are read from FILE.d/*.conf.",
            valueName: "file"))
    var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Evaluate as of this date instead of today, or of the date written in FILE at each evaluation (for tests only).",
            valueName: "YYYY-MM-DD|@FILE"))
    var nowOverride: String?

    /// EX_CONFIG from sysexits.h: the configuration is unusable.
    static let configurationError: Int32 = 78

    func run() async throws {
        LoggingSystem.bootstrap { _ in
            if Journal.isAvailable { return JournalLogHandler() }
            return TerminalLogHandler()
        }
        let logger = Logger(label: "exitreadyd")
        var date = EvaluationDate.localToday
        if let nowOverride {
            guard let parsed = EvaluationDate(override: nowOverride) else {
                Self.printError("exitreadyd: --now-override \(nowOverride) is not a valid date; expected YYYY-MM-DD or @FILE")
                throw ExitCode.validationFailure
            }
            date = parsed
        }
        let daemon: Daemon
        // The default file may be absent (the defaults apply); a file named on the command
        // line must exist: a typo in its path must not run the daemon on the defaults.
        let path = config ?? DefaultPaths.configuration
        do {
            daemon = try Daemon(
                configurationPath: path, configurationRequired: config != nil,
                configuration: try ConfigurationLoader.load(path: path, mustExist: config != nil),
                date: date, logger: logger)
        } catch {
            // On standard error as well: whoever started the daemon by hand must see why it
            // stopped (under systemd, standard error is the journal too).
            Self.printError("exitreadyd: refusing to start: \(error)")
            throw ExitCode(Self.configurationError)
        }
        do {
            try await daemon.run()
        } catch {
            logger.critical("stopped: \(error)")
            Self.printError("exitreadyd: stopped: \(error)")
            throw ExitCode.failure
        }
    }

    private static func printError(_ message: String) {
        var line = message + "\n"
        line.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
