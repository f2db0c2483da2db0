/// The result of scoring an inventory on one day.
public struct Evaluation: Sendable, Equatable {
    public var evaluated: Day
    public var portfolio: PortfolioScore
    /// Sorted by id.
    public var contracts: [ContractScore]
    /// What it was computed from; set by whoever read the inputs (the engine does no I/O).
    public var provenance: Provenance?

    public init(evaluated: Day, portfolio: PortfolioScore, contracts: [ContractScore]) {
        self.evaluated = evaluated
        self.portfolio = portfolio
        self.contracts = contracts
    }

    public func contract(withID id: String) -> ContractScore? {
        contracts.first { $0.id == id }
    }
}
