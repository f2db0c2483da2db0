/// How much an exit would hurt: decides check points, dataroom requirements and portfolio weight.
public enum Criticality: String, Sendable, CaseIterable, Comparable {
    case critical, important, standard

    /// Weight of a contract in the portfolio score.
    public var portfolioWeight: Double {
        switch self {
        case .critical: 3
        case .important: 2
        case .standard: 1
        }
    }

    public static func < (lhs: Criticality, rhs: Criticality) -> Bool {
        lhs.portfolioWeight > rhs.portfolioWeight
    }
}
