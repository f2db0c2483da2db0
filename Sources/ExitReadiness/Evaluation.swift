/// The result of scoring an inventory on one day.
public struct Evaluation: Sendable, Equatable {
    public var evaluated: Day
    public var portfolio: PortfolioScore
    /// Sorted by id.
    public var contracts: [ContractScore]

    public init(evaluated: Day, portfolio: PortfolioScore, contracts: [ContractScore]) {
        self.evaluated = evaluated
        self.portfolio = portfolio
        self.contracts = contracts
    }

    public func contract(withID id: String) -> ContractScore? {
        contracts.first { $0.id == id }
    }
}

/// The weighted readiness of all active contracts.
public struct PortfolioScore: Sendable, Equatable {
    /// Unrounded; nil when no contract is active.
    public var score: Double?
    public var band: Band?
    /// The active contract with the lowest rounded score (ties by id).
    public var weakest: String?
    public var activeContracts: Int

    public init(score: Double?, band: Band?, weakest: String?, activeContracts: Int) {
        self.score = score
        self.band = band
        self.weakest = weakest
        self.activeContracts = activeContracts
    }

    public var roundedScore: Double? { score.map { roundHalfAwayFromZero($0, decimals: 1) } }
}

/// Whether a contract still counts for the portfolio.
public enum ContractStatus: String, Sendable {
    case active
    /// Its end has passed and it does not renew: still scored, left out of the portfolio and alerts.
    case ended
}

/// The scores of the four families, unrounded.
public struct FamilyScores: Sendable, Equatable {
    public var contract: Double
    public var dataroom: Double
    public var processes: Double
    public var staff: Double

    public init(contract: Double, dataroom: Double, processes: Double, staff: Double) {
        self.contract = contract
        self.dataroom = dataroom
        self.processes = processes
        self.staff = staff
    }

    public subscript(family: Family) -> Double {
        switch family {
        case .contract: contract
        case .dataroom: dataroom
        case .processes: processes
        case .staff: staff
        case .timeline: 0
        }
    }
}

/// One contract's readiness: scores, band, exit timeline and every finding.
public struct ContractScore: Sendable, Equatable {
    public var id: String
    public var supplier: String
    public var service: String
    public var criticality: Criticality
    public var status: ContractStatus
    /// Overall score, unrounded, after caps.
    public var score: Double
    public var band: Band
    public var families: FamilyScores
    public var termEnd: Day
    public var noticeDeadline: Day
    /// Term end plus termination assistance: how long key persons must stay.
    public var exitHorizon: Day
    /// Sorted in report order.
    public var findings: [Finding]

    public var roundedScore: Double { roundHalfAwayFromZero(score, decimals: 1) }
}
