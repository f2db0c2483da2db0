/// Whether a contract still counts for the portfolio.
public enum ContractStatus: String, Sendable {
    case active
    /// Its end has passed and it does not renew: still scored, left out of the portfolio and alerts.
    case ended
}
