/// The adjustable parts of scoring: family weights, band thresholds and notice windows.
///
/// The defaults are those of exitready-inventory(5); the daemon reads overrides from
/// exitreadyd.conf(5).
public struct ScoringPolicy: Sendable, Equatable {
    public var contractWeight: Double = 30
    public var dataroomWeight: Double = 25
    public var processesWeight: Double = 25
    public var staffWeight: Double = 20
    /// Lowest rounded score that is `ready`.
    public var readyThreshold: Double = 80
    /// Lowest rounded score that is `at-risk`.
    public var atRiskThreshold: Double = 60
    /// Days before the notice deadline from which a not-ready contract raises T01.
    public var noticeWindowDays = 120
    /// Days before the notice deadline from which T01 is critical.
    public var criticalNoticeWindowDays = 30

    public init() {}

    public var totalWeight: Double { contractWeight + dataroomWeight + processesWeight + staffWeight }

    public func weight(of family: Family) -> Double {
        switch family {
        case .contract: contractWeight
        case .dataroom: dataroomWeight
        case .processes: processesWeight
        case .staff: staffWeight
        case .timeline, .actions, .register: 0
        }
    }

    /// The band of a rounded score.
    public func band(forRoundedScore score: Double) -> Band {
        if score >= readyThreshold { return .ready }
        if score >= atRiskThreshold { return .atRisk }
        return .notReady
    }
}

/// Rounds half away from zero to `decimals` places, absorbing binary representation error:
/// `sign(x) · floor(|x| · 10ⁿ + 0.5 + 1e-9) / 10ⁿ`. Independent implementations that use this
/// exact rule report identical figures.
public func roundHalfAwayFromZero(_ value: Double, decimals: Int) -> Double {
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let magnitude = (abs(value) * scale + 0.5 + 1e-9).rounded(.down) / scale
    return value < 0 ? -magnitude : magnitude
}
