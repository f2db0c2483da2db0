/// A day in a forecast on which the rounded score or the band differs from the day before.
public struct ForecastChange: Sendable, Equatable {
    public var day: Day
    /// The rounded score that day; nil for a portfolio without an active contract.
    public var score: Double?
    public var band: Band?
    /// Findings that appeared that day, with their contract (the portfolio's list spans
    /// contracts), by contract, code and subject.
    public var appeared: [ContractFindingKey]
    public var disappeared: [ContractFindingKey]
    /// Findings present both days that lose more points that day.
    public var worsened: [ContractFindingKey]

    public init(
        day: Day, score: Double?, band: Band?, appeared: [ContractFindingKey], disappeared: [ContractFindingKey],
        worsened: [ContractFindingKey]
    ) {
        self.day = day
        self.score = score
        self.band = band
        self.appeared = appeared
        self.disappeared = disappeared
        self.worsened = worsened
    }
}
