import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessInventory

/// What the query server asks of the running daemon; each reply is the parameters object of
/// the `io.exitready.Monitor` method of the same name (see io.exitready.Monitor.varlink).
public protocol MonitorBackend: Sendable {
    func status() async -> JSONValue
    /// The summary of the last evaluation, listing the first `top` findings of the portfolio.
    func scores(top: Int) async throws(MonitorError) -> JSONValue
    func contract(id: String) async throws(MonitorError) -> JSONValue
    /// The register of information export of the last evaluation.
    func register() async throws(MonitorError) -> JSONValue
    /// The metrics in the Prometheus text format, as `MetricsFile=` gets them.
    func metrics() async -> JSONValue
    /// `every` false: one entry per day, the last evaluation of each.
    func history(contract: String?, since: Day?, limit: Int?, every: Bool) async throws(MonitorError) -> JSONValue
    func alerts(since: Day?, limit: Int?) async throws(MonitorError) -> JSONValue
    /// A contract's plan to `target`, or with `budget` the portfolio plan, from the last evaluation.
    func plan(contract: String?, target: Double?, budget: Double?) async throws(MonitorError) -> JSONValue
    /// The forecast of one contract, or of the portfolio and every contract, over `horizon`
    /// days (nil: the default), from the last evaluation.
    func forecast(contract: String?, horizon: Int?) async throws(MonitorError) -> JSONValue
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
