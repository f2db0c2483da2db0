/// Where the daemon core reads the wall-clock time (seconds since the epoch): the system clock,
/// or in tests a clock they set, so that stored and reported times can be checked.
struct WallClock: Sendable {
    let now: @Sendable () -> Double

    /// The real time (`Timestamp.now`).
    static let system = WallClock { Timestamp.now }
}
