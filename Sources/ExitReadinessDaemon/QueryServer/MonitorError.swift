import ExitReadinessConfiguration
import ExitReadinessInventory

/// Errors the backend reports; the query server turns them into Varlink errors.
public enum MonitorError: Error, Sendable, Equatable {
    /// `io.exitready.Monitor.ContractNotFound`
    case contractNotFound(String)
    /// `io.exitready.Monitor.NotEvaluatedYet`
    case notEvaluatedYet
    /// `org.varlink.service.InvalidParameter`
    case invalidParameter(String)
    /// `io.exitready.Monitor.Unavailable`: the store failed, or an evaluation did not complete.
    case unavailable(String)
    /// `io.exitready.Monitor.NoValidInventory`: nothing was ever scored, because the inventory
    /// has been invalid since the daemon started; the errors (at most `MonitorError.errorsShown`)
    /// and how many there are.
    case noValidInventory(errors: [Diagnostic], count: Int)
    /// `io.exitready.Monitor.ConfigurationInvalid`: a reload kept the previous configuration.
    case configurationInvalid(ConfigurationError)

    /// The most inventory errors one reply carries; `exitreadyctl validate` lists them all.
    public static let errorsShown = 20
}
