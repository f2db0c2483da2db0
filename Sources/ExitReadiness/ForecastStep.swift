/// A day on which a contract's forecast changes: its unrounded score, its status or its
/// findings differ from the day before.
public struct ForecastStep: Sendable, Equatable {
    public var day: Day
    /// The overall score on that day, capped, unrounded.
    public var score: Double
    public var band: Band
    public var status: ContractStatus
    /// Findings present that day and not the day before, in key order.
    public var appeared: [FindingKey]
    /// Findings present the day before and not that day, in key order.
    public var disappeared: [FindingKey]
    /// Findings present both days that lose more points that day, in key order.
    public var worsened: [FindingKey]

    public var roundedScore: Double { roundHalfAwayFromZero(score, decimals: 1) }
}
