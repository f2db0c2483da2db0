/// The result of scoring an inventory on one day.
public struct Evaluation: Sendable, Equatable {
    public var evaluated: Day
    public var portfolio: PortfolioScore
    /// Sorted by id.
    public var contracts: [ContractScore]
    /// Each contract's forecast, in the order of `contracts`, when the evaluator was asked to
    /// keep them; empty otherwise.
    public var forecasts: [ContractForecast]

    public init(
        evaluated: Day, portfolio: PortfolioScore, contracts: [ContractScore], forecasts: [ContractForecast] = []
    ) {
        self.evaluated = evaluated
        self.portfolio = portfolio
        self.contracts = contracts
        self.forecasts = forecasts
    }

    public func contract(withID id: String) -> ContractScore? {
        contracts.first { $0.id == id }
    }
}
