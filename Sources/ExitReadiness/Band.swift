/// Readiness band of a contract or of the portfolio.
public enum Band: String, Sendable, CaseIterable, Comparable {
    case ready
    case atRisk = "at-risk"
    case notReady = "not-ready"

    /// Monitoring-plugin exit status: 0 ready, 1 at-risk, 2 not-ready.
    public var exitStatus: Int32 {
        switch self {
        case .ready: 0
        case .atRisk: 1
        case .notReady: 2
        }
    }

    /// Ordered from best to worst.
    public static func < (lhs: Band, rhs: Band) -> Bool { lhs.exitStatus < rhs.exitStatus }
}
