import ExitReadiness

/// exitreadyd's settings, from exitreadyd.conf(5); every field has the documented default.
public struct DaemonConfiguration: Sendable, Equatable {
    // [Inventory]
    public var inventoryDirectory = DefaultPaths.inventory
    public var checklist = DefaultPaths.checklist
    // [Dataroom]
    public var dataroomRoot = DefaultPaths.dataroom
    // [Daemon]
    public var database = DefaultPaths.database
    public var socket = DefaultPaths.socket
    /// Permissions of a socket the daemon binds itself.
    public var socketMode: UInt32 = 0o660
    /// Seconds between evaluations.
    public var interval: Double = 15 * 60
    /// Members may call Evaluate and Reload; nil: only root and the daemon's own user.
    public var adminGroup: String?
    /// Days of history kept.
    public var historyRetentionDays = 400
    /// Where the Prometheus metrics are written after each evaluation; nil: not written.
    public var metricsFile: String?
    // [Scoring]
    public var scoring = ScoringPolicy()
    // [Alerts]
    public var dropThreshold = 5.0
    /// Days ahead in which a forecast fall of a contract's band raises forecast-drop; 0: never.
    public var forecastWindowDays = 30
    // [Effort]
    public var effort = EffortTable()

    public init() {}
}
