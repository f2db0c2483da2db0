import ExitReadiness

#if canImport(Glibc)
    import Glibc
#endif

/// Wall-clock times as exitreadyd stores and reports them.
enum Timestamp {
    /// Seconds since the epoch, now.
    static var now: Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// RFC 3339 in UTC, to the second: `2026-12-01T06:15:00Z`.
    static func rfc3339(_ seconds: Double) -> String {
        UTCTime.rfc3339(seconds)
    }
}
