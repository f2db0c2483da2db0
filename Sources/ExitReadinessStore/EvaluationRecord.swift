import ExitReadiness

/// One evaluation as stored: the portfolio and every contract.
public struct EvaluationRecord: Sendable {
    /// Seconds since the epoch.
    public var evaluatedAt: Double
    /// The evaluation date, `YYYY-MM-DD`.
    public var day: String
    public var inventoryRevision: String?
    public var dataroom: DataroomState
    public var portfolioScore: Double?
    public var portfolioBand: Band?
    public var weakest: String?
    public var activeContracts: Int
    public var contracts: [ContractRecord]

    public init(
        evaluatedAt: Double, day: String, inventoryRevision: String?, dataroom: DataroomState, portfolioScore: Double?,
        portfolioBand: Band?, weakest: String?, activeContracts: Int, contracts: [ContractRecord]
    ) {
        self.evaluatedAt = evaluatedAt
        self.day = day
        self.inventoryRevision = inventoryRevision
        self.dataroom = dataroom
        self.portfolioScore = portfolioScore
        self.portfolioBand = portfolioBand
        self.weakest = weakest
        self.activeContracts = activeContracts
        self.contracts = contracts
    }
}
