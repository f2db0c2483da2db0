#if canImport(Glibc)
    import Glibc
#endif

/// The monotonic clock (CLOCK_MONOTONIC): for durations, deadlines and systemd's
/// MONOTONIC_USEC, unaffected when the wall clock is set.
public enum MonotonicClock {
    /// Nanoseconds since an unspecified start (the boot).
    public static func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Seconds since the same start.
    public static func seconds() -> Double {
        Double(nanoseconds()) / 1e9
    }
}
