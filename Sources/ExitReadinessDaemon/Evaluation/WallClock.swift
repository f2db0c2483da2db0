import ExitReadiness

#if canImport(Glibc)
    import Glibc
#endif

/// Where the daemon core reads the wall-clock time (seconds since the epoch): the system clock,
/// or in tests a clock they set, so that stored and reported times can be checked.
struct WallClock: Sendable {
    let now: @Sendable () -> Double

    /// The real time (`Timestamp.now`).
    static let system = WallClock { Timestamp.now }

    /// The variable naming a file that holds the time, for tests only (exitreadyd(8)).
    static let testClockVariable = "EXITREADYD_TEST_CLOCK"

    /// The clock of `$EXITREADYD_TEST_CLOCK` when it is set and not empty: the seconds since the
    /// epoch written in that file, read at each call (the real time while it cannot be read),
    /// so that a test lets days and years pass at once. Else the system clock.
    static func fromEnvironment() -> WallClock {
        guard let variable = getenv(testClockVariable), variable.pointee != 0 else { return .system }
        let path = String(cString: variable)
        return WallClock {
            guard let handle = fopen(path, "r") else { return Timestamp.now }
            defer { fclose(handle) }
            var buffer = [CChar](repeating: 0, count: 32)
            guard fgets(&buffer, Int32(buffer.count), handle) != nil else { return Timestamp.now }
            let text = String(cString: buffer).trimmingWhitespace()
            return Double(text) ?? Timestamp.now
        }
    }
}
