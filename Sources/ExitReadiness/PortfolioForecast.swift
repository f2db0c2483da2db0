/// The portfolio's readiness on every future day if nothing is done: the weighted mean of the
/// contracts active that day, from their forecasts.
public struct PortfolioForecast: Sendable, Equatable {
    public var today: Day
    public var horizonDays: Int
    /// Today's rounded score and band; nil without an active contract.
    public var score: Double?
    public var band: Band?
    /// The days on which the rounded score or the band differs from the day before, each with
    /// the findings of every contract that appeared and disappeared that day.
    public var changes: [ForecastChange]

    /// `contracts` sorted by id, all from the same day and over at least `horizonDays`.
    public init(contracts: [ContractForecast], today: Day, horizonDays: Int, policy: ScoringPolicy) {
        self.today = today
        self.horizonDays = horizonDays
        let criticality = contracts.map(\.criticality)
        var current = contracts.map { (score: $0.score, status: $0.status) }
        func portfolio() -> (score: Double?, band: Band?) {
            let active = current.indices.lazy.filter { current[$0].status == .active }
            guard !active.isEmpty else { return (nil, nil) }
            let rounded = roundHalfAwayFromZero(
                PortfolioEvaluator.weightedMean(active.map { (criticality[$0], current[$0].score) }), decimals: 1)
            return (rounded, policy.band(forRoundedScore: rounded))
        }
        (score, band) = portfolio()

        // Every contract step within the horizon, by day, then by contract.
        let last = today.adding(days: horizonDays)
        var steps: [(day: Day, contract: Int, step: Int)] = []
        for (contract, forecast) in contracts.enumerated() {
            for (index, step) in forecast.steps.enumerated() where step.day <= last {
                steps.append((step.day, contract, index))
            }
        }
        steps.sort { $0.day != $1.day ? $0.day < $1.day : $0.contract < $1.contract }

        var changes: [ForecastChange] = []
        var previous = (score: score, band: band)
        var index = 0
        while index < steps.count {
            let day = steps[index].day
            var appeared: [ContractFindingKey] = []
            var disappeared: [ContractFindingKey] = []
            var worsened: [ContractFindingKey] = []
            while index < steps.count && steps[index].day == day {
                let forecast = contracts[steps[index].contract]
                let step = forecast.steps[steps[index].step]
                current[steps[index].contract] = (step.score, step.status)
                appeared += step.appeared.map { ContractFindingKey(contract: forecast.contract, key: $0) }
                disappeared += step.disappeared.map { ContractFindingKey(contract: forecast.contract, key: $0) }
                worsened += step.worsened.map { ContractFindingKey(contract: forecast.contract, key: $0) }
                index += 1
            }
            let now = portfolio()
            guard now.score != previous.score || now.band != previous.band else { continue }
            previous = now
            changes.append(
                ForecastChange(
                    day: day, score: now.score, band: now.band, appeared: appeared, disappeared: disappeared,
                    worsened: worsened))
        }
        self.changes = changes
    }

    /// The first day whose band differs from the day before, and that band: nil from the day
    /// the last active contract ends. Nil when the band holds.
    public var nextBandChange: (day: Day, band: Band?)? {
        changes.first { $0.band != band }.map { ($0.day, $0.band) }
    }
}
