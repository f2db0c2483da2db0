import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessInventory

/// What the query server asks of the running daemon; each reply is the parameters object of
/// the `io.exitready.Monitor` method of the same name (see io.exitready.Monitor.varlink).
public protocol MonitorBackend: Sendable {
    func status() async -> JSONValue
    func scores() async throws(MonitorError) -> JSONValue
    func contract(id: String) async throws(MonitorError) -> JSONValue
    /// `every` false: one entry per day, the last evaluation of each.
    func history(contract: String?, since: Day?, limit: Int?, every: Bool) async throws(MonitorError) -> JSONValue
    func alerts(since: Day?, limit: Int?) async throws(MonitorError) -> JSONValue
    /// Rescans and evaluates now; returns when the evaluation is stored.
    func evaluate() async throws(MonitorError) -> JSONValue
    /// Re-reads configuration and inventory, then evaluates.
    func reload() async throws(MonitorError) -> JSONValue
    /// One element (a `Watch` reply) per finished evaluation, until the consumer stops iterating.
    func watch() -> AsyncStream<JSONValue>
    /// How many evaluations have been published, read without waiting: it grows no later than
    /// `scores()` and `contract(id:)` answer from the new evaluation, and before `evaluate()`
    /// and `reload()` return. The query server keeps replies only for the current count.
    var publishedEvaluations: UInt64 { get }
    /// May the peer with these credentials call `Evaluate` and `Reload`? (uid 0, the daemon's
    /// own uid, or a member of `AdminGroup=`.)
    func isPrivileged(uid: UInt32, gid: UInt32) -> Bool
}

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
