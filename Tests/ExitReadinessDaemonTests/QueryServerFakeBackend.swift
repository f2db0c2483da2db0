import ExitReadiness
import ExitReadinessDaemon
import Synchronization

/// A `MonitorBackend` whose answers the test sets, and whose `watch()` streams what the test
/// pushes. Counts the calls that reach it, so tests can tell cached answers from fresh ones.
final class QueryServerFakeBackend: MonitorBackend {
    private struct State {
        var scores: JSONValue?
        var privileged = true
        var askedAbout: [(uid: UInt32, gid: UInt32)] = []
        var calls: [String: Int] = [:]
        var watchers: [Int: AsyncStream<JSONValue>.Continuation] = [:]
        var nextWatcher = 0
        var evaluateDelay: Duration = .zero
        var published: UInt64 = 0
    }

    private let state = Mutex(State())

    init(scores: JSONValue? = QueryServerFakeBackend.document(score: 63.3)) {
        state.withLock { $0.scores = scores }
    }

    /// A small §4.8 document with two contracts.
    static func document(score: Double, evaluated: String = "2026-12-01") -> JSONValue {
        func contract(_ id: String, _ score: Double) -> JSONValue {
            .object([
                ("id", .string(id)), ("supplier", .string("Supplier of \(id)")), ("status", .string("active")),
                ("score", .number(score)), ("band", .string(score >= 80 ? "ready" : "at-risk")), ("findings", .array([])),
            ])
        }
        return .object([
            ("evaluated", .string(evaluated)),
            (
                "portfolio",
                .object([
                    ("score", .number(score)), ("band", .string("at-risk")), ("weakest", .string("beta")),
                    ("active_contracts", .integer(2)),
                ])
            ),
            ("contracts", .array([contract("alpha", 90), contract("beta", score)])),
        ])
    }

    // MARK: Test controls

    var scoresDocument: JSONValue? {
        get { state.withLock { $0.scores } }
        set { state.withLock { $0.scores = newValue } }
    }

    var privileged: Bool {
        get { state.withLock { $0.privileged } }
        set { state.withLock { $0.privileged = newValue } }
    }

    var evaluateDelay: Duration {
        get { state.withLock { $0.evaluateDelay } }
        set { state.withLock { $0.evaluateDelay = newValue } }
    }

    /// The credentials `isPrivileged` was asked about.
    var askedAbout: [(uid: UInt32, gid: UInt32)] { state.withLock { $0.askedAbout } }

    /// How often the backend method of this name ran.
    func calls(_ method: String) -> Int { state.withLock { $0.calls[method, default: 0] } }

    var watcherCount: Int { state.withLock { $0.watchers.count } }

    /// Counts an evaluation published and sends `update` to every `watch()` stream, as the
    /// daemon does after storing an evaluation.
    func publish(_ update: JSONValue) {
        let watchers = state.withLock { state in
            state.published += 1
            return Array(state.watchers.values)
        }
        for watcher in watchers { watcher.yield(update) }
    }

    /// Ends every `watch()` stream, as the daemon does when it stops.
    func finishWatchers() {
        let watchers = state.withLock { state in
            defer { state.watchers = [:] }
            return Array(state.watchers.values)
        }
        for watcher in watchers { watcher.finish() }
    }

    private func count(_ method: String) {
        state.withLock { $0.calls[method, default: 0] += 1 }
    }

    // MARK: MonitorBackend

    func status() async -> JSONValue {
        count("status")
        return .object([("version", .string("test")), ("portfolio", scoresDocument?["portfolio"] ?? .null)])
    }

    func scores(top: Int) async throws(MonitorError) -> JSONValue {
        count("scores")
        guard let scores = scoresDocument else { throw .notEvaluatedYet }
        return scores
    }

    func contract(id: String) async throws(MonitorError) -> JSONValue {
        count("contract")
        guard let scores = scoresDocument else { throw .notEvaluatedYet }
        guard let contract = scores["contracts"]?.arrayValue?.first(where: { $0["id"] == .string(id) }) else {
            throw .contractNotFound(id)
        }
        return .object([("evaluated", scores["evaluated"] ?? .null), ("contract", contract)])
    }

    func register() async throws(MonitorError) -> JSONValue {
        count("register")
        guard let scores = scoresDocument else { throw .notEvaluatedYet }
        return .object([("evaluated", scores["evaluated"] ?? .null), ("csv", .string("")), ("missing", .array([]))])
    }

    func forecast(contract: String?, horizon: Int?) async throws(MonitorError) -> JSONValue {
        count("forecast")
        guard scoresDocument != nil else { throw .notEvaluatedYet }
        return .object([("horizon_days", .integer(horizon ?? 365))])
    }

    func plan(contract: String?, target: Double?, budget: Double?) async throws(MonitorError) -> JSONValue {
        count("plan")
        guard scoresDocument != nil else { throw .notEvaluatedYet }
        return .object([("contract_plan", .object([("contract", .string(contract))]))])
    }

    func metrics() async -> JSONValue {
        count("metrics")
        return .object([("text", .string("# HELP exitready_portfolio_score The portfolio score.\n"))])
    }

    func history(contract: String?, since: Day?, limit: Int?, every: Bool) async throws(MonitorError) -> JSONValue {
        count("history")
        let entry: JSONValue = .object([
            ("day", .string(since?.iso ?? "none")), ("contract", .string(contract)),
            ("limit", limit.map { .integer($0) } ?? .null), ("every", .bool(every)),
        ])
        return .object([("entries", .array([entry])), ("truncated", .bool(false))])
    }

    func alerts(since: Day?, limit: Int?) async throws(MonitorError) -> JSONValue {
        count("alerts")
        return .object([("alerts", .array([]))])
    }

    func evaluate() async throws(MonitorError) -> JSONValue {
        count("evaluate")
        let delay = evaluateDelay
        if delay > .zero { try? await Task.sleep(for: delay) }
        return .object([("evaluated", .string("2026-12-01")), ("portfolio", scoresDocument?["portfolio"] ?? .null)])
    }

    func reload() async throws(MonitorError) -> JSONValue {
        count("reload")
        return .object([("evaluated", .string("2026-12-01")), ("portfolio", scoresDocument?["portfolio"] ?? .null)])
    }

    func watch() -> AsyncStream<JSONValue> {
        let (stream, continuation) = AsyncStream.makeStream(of: JSONValue.self)
        let id = state.withLock { state in
            defer { state.nextWatcher += 1 }
            state.watchers[state.nextWatcher] = continuation
            return state.nextWatcher
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.watchers.removeValue(forKey: id) }
        }
        return stream
    }

    var publishedEvaluations: UInt64 { state.withLock { $0.published } }

    func isPrivileged(uid: UInt32, gid: UInt32) -> Bool {
        state.withLock { state in
            state.askedAbout.append((uid, gid))
            return state.privileged
        }
    }
}
