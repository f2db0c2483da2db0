import ArgumentParser
import ExitReadinessConfiguration

#if canImport(Glibc)
    import Glibc
#endif

/// The options every online command takes: where the daemon listens, and JSON output.
package struct OnlineOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The daemon's socket (default: $EXITREADY_SOCKET, else \(DefaultPaths.socket)).", valueName: "path"),
        completion: .file())
    package var socket: String?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for the daemon's answer.", valueName: "seconds"))
    var timeout: Double?

    @Flag(name: .long, help: "Print the reply parameters as JSON.")
    package var json = false

    /// The longest `--timeout`: a year, far beyond any wait yet representable in milliseconds.
    static let longestTimeout: Double = 366 * 86_400

    /// `--socket`, else `$EXITREADY_SOCKET` when set and not empty, else the default.
    package var socketPath: String {
        if let socket { return socket }
        if let variable = getenv("EXITREADY_SOCKET"), variable.pointee != 0 { return String(cString: variable) }
        return DefaultPaths.socket
    }

    package init() {}

    package func validate() throws {
        if let timeout, !(timeout >= 0.001 && timeout <= Self.longestTimeout) {
            throw ValidationError("--timeout must be a number of seconds from 0.001 to \(Int(Self.longestTimeout)) (a year)")
        }
    }

    /// `--timeout`, or `fallback` seconds.
    package func timeout(default fallback: Double) -> Duration {
        .milliseconds(Int64((timeout ?? fallback) * 1000))
    }
}
