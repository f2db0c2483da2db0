import CSystemd
import ExitReadiness

#if canImport(Glibc)
    import Glibc
#endif

/// sd_notify(3) messages to the service manager; silent when not started by one.
public enum SystemdNotifier {
    public static func ready(status: String) { send("READY=1\nSTATUS=\(status)") }
    public static func status(_ status: String) { send("STATUS=\(status)") }
    public static func watchdog() { send("WATCHDOG=1") }
    public static func stopping() { send("STOPPING=1\nSTATUS=Stopping") }

    /// EXTEND_TIMEOUT_USEC=: more time for the current start-up (or reload) step.
    public static func extendTimeout(by duration: Duration) {
        let (seconds, attoseconds) = duration.components
        send("EXTEND_TIMEOUT_USEC=\(seconds * 1_000_000 + attoseconds / 1_000_000_000_000)")
    }

    /// RELOADING=1 with the monotonic time, as systemd asks of reloading services.
    public static func reloading() {
        let microseconds = MonotonicClock.nanoseconds() / 1000
        send("RELOADING=1\nMONOTONIC_USEC=\(microseconds)\nSTATUS=Reloading")
    }

    /// Half the watchdog timeout systemd asked for (WATCHDOG_USEC), or nil without a watchdog.
    public static var watchdogInterval: Duration? {
        var microseconds: UInt64 = 0
        guard sd_watchdog_enabled(0, &microseconds) > 0, microseconds > 0 else { return nil }
        return .microseconds(Int64(microseconds / 2))
    }

    /// The listening socket systemd passed (socket activation), if any.
    public static func inheritedSocket() -> Int32? {
        sd_listen_fds(1) >= 1 ? SD_LISTEN_FDS_START : nil
    }

    private static func send(_ state: String) {
        _ = sd_notify(0, state)
    }
}
