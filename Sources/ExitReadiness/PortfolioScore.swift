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
