extension Evaluation {
    /// The forecast document over `horizonDays` (at most the kept forecasts'): the portfolio's
    /// and every contract's. Nil when the evaluation kept no forecasts.
    public func forecastJSON(horizonDays: Int, policy: ScoringPolicy) -> JSONValue? {
        guard forecasts.count == contracts.count, forecasts.allSatisfy({ horizonDays <= $0.horizonDays }) else {
            return nil
        }
        let portfolio = PortfolioForecast(contracts: forecasts, today: evaluated, horizonDays: horizonDays, policy: policy)
        return .object([
            ("evaluated", .string(evaluated.iso)),
            ("horizon_days", .integer(horizonDays)),
            ("portfolio", portfolio.json),
            ("contracts", .array(forecasts.map { $0.json(horizonDays: horizonDays) })),
        ])
    }

    /// One contract's forecast over `horizonDays`; nil for an unknown contract or when the
    /// evaluation kept no forecasts that long.
    public func forecastJSON(contract id: String, horizonDays: Int) -> JSONValue? {
        guard let index = contracts.firstIndex(where: { $0.id == id }), index < forecasts.count,
            horizonDays <= forecasts[index].horizonDays
        else { return nil }
        return forecasts[index].json(horizonDays: horizonDays)
    }
}
