/// A contract's readiness on every future day if nothing is done: the day's evaluation with the
/// same inventory and dataroom, kept as the days on which anything changes.
public struct ContractForecast: Sendable, Equatable {
    /// The horizon when none is asked for, and the one `next_band_change` looks over.
    public static let defaultHorizonDays = 365
    /// The longest horizon a forecast may be asked for.
    public static let maximumHorizonDays = 730

    public var contract: String
    public var criticality: Criticality
    /// The evaluation day the forecast starts from.
    public var today: Day
    /// Days after today that `steps` cover.
    public var horizonDays: Int
    /// Today's score (capped, unrounded), band and status.
    public var score: Double
    public var band: Band
    public var status: ContractStatus
    /// Every day in (today, today + horizon] on which the score, status or findings change.
    public var steps: [ForecastStep]

    public init(
        contract: String, criticality: Criticality, today: Day, horizonDays: Int, score: Double, band: Band,
        status: ContractStatus, steps: [ForecastStep]
    ) {
        self.contract = contract
        self.criticality = criticality
        self.today = today
        self.horizonDays = horizonDays
        self.score = score
        self.band = band
        self.status = status
        self.steps = steps
    }

    public var roundedScore: Double { roundHalfAwayFromZero(score, decimals: 1) }

    /// The days within `horizonDays` (at most the forecast's) on which the rounded score or the
    /// band differs from the day before, with the findings that appeared and disappeared.
    public func changes(within horizonDays: Int) -> [ForecastChange] {
        let last = today.adding(days: min(horizonDays, self.horizonDays))
        var changes: [ForecastChange] = []
        var rounded = roundedScore
        var band = band
        for step in steps where step.day <= last {
            guard step.roundedScore != rounded || step.band != band else { continue }
            rounded = step.roundedScore
            band = step.band
            changes.append(
                ForecastChange(
                    day: step.day, score: rounded, band: band,
                    appeared: step.appeared.map { ContractFindingKey(contract: contract, key: $0) },
                    disappeared: step.disappeared.map { ContractFindingKey(contract: contract, key: $0) },
                    worsened: step.worsened.map { ContractFindingKey(contract: contract, key: $0) }))
        }
        return changes
    }

    /// The first day within `horizonDays` whose band differs from the day before; nil when the
    /// band holds.
    public func nextBandChange(within horizonDays: Int = defaultHorizonDays) -> BandChange? {
        let last = today.adding(days: min(horizonDays, self.horizonDays))
        var band = band
        for step in steps where step.day <= last {
            if step.band != band { return BandChange(day: step.day, band: step.band) }
            band = step.band
        }
        return nil
    }

    /// The first day within `windowDays` on which the band falls below the day before's: the
    /// band it falls to and the findings that appear that day.
    public func firstDrop(within windowDays: Int) -> ForecastStep? {
        let last = today.adding(days: min(windowDays, horizonDays))
        var band = band
        for step in steps where step.day <= last {
            if step.band > band { return step }
            band = step.band
        }
        return nil
    }
}
