import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessInventory
import ExitReadinessStore
import Synchronization

/// What the running daemon knows now: its last evaluation, the inventory it scores, the state
/// of the dataroom, and who is watching. The evaluator writes it; queries read it.
actor MonitorState {
    /// The last stored evaluation.
    struct Snapshot: Sendable {
        let evaluation: Evaluation
        /// Seconds since the epoch.
        let evaluatedAt: Double
        /// The dataroom could not be read: its scores come from the scan that finished at
        /// `dataroomScannedAt` (nil when that is no longer known).
        let dataroomStale: Bool
        let dataroomScannedAt: Double?

        init(evaluation: Evaluation, evaluatedAt: Double, dataroomStale: Bool = false, dataroomScannedAt: Double? = nil) {
            self.evaluation = evaluation
            self.evaluatedAt = evaluatedAt
            self.dataroomStale = dataroomStale
            self.dataroomScannedAt = dataroomScannedAt
        }

        /// `dataroom_stale` and `dataroom_scanned_at`, added to the scores and contract replies
        /// only while the dataroom family is carried over from an earlier scan.
        var staleFields: [(String, JSONValue)] {
            guard dataroomStale else { return [] }
            return [("dataroom_stale", .bool(true)), ("dataroom_scanned_at", .string(dataroomScannedAt.map(Timestamp.rfc3339)))]
        }
    }

    let startedAt: Double
    private(set) var snapshot: Snapshot?
    /// Snapshots published so far, readable without entering the actor.
    nonisolated let publishedCount = Mutex<UInt64>(0)
    private(set) var nextEvaluation: Double?
    private(set) var inventoryRevision: String?
    private(set) var inventoryErrors: [Diagnostic] = []
    /// Problems of the inventory files that do not stop scoring (dates in the future).
    private(set) var inventoryWarnings: [Diagnostic] = []
    /// `ok`, `unreachable` or `unknown`.
    private(set) var dataroom = DataroomState.unknown
    /// The error of the last reload, which kept the previous configuration; nil once one succeeds.
    private(set) var configurationError: ConfigurationError?
    /// Evaluations run since the daemon started, those that stored nothing, and how long the last took.
    private(set) var evaluations = 0
    private(set) var evaluationFailures = 0
    private(set) var lastEvaluationSeconds: Double?
    private var watchers: [Int: AsyncStream<JSONValue>.Continuation] = [:]
    private var nextWatcher = 0

    init(startedAt: Double) {
        self.startedAt = startedAt
    }

    func publish(_ snapshot: Snapshot) {
        let previous = self.snapshot
        self.snapshot = snapshot
        publishedCount.withLock { $0 += 1 }
        let reply = Self.watchReply(snapshot, changed: Self.changedContracts(from: previous?.evaluation, to: snapshot.evaluation))
        for watcher in watchers.values { watcher.yield(reply) }
    }

    func setInventory(revision: String?, errors: [Diagnostic], warnings: [Diagnostic]) {
        inventoryRevision = revision
        inventoryErrors = errors
        inventoryWarnings = warnings
    }

    func setDataroom(_ state: DataroomState) { dataroom = state }

    func countEvaluation(seconds: Double, failed: Bool) {
        evaluations += 1
        if failed { evaluationFailures += 1 }
        lastEvaluationSeconds = seconds
    }
    func setConfigurationError(_ error: ConfigurationError?) { configurationError = error }

    /// What `GetStatus` shows, read at one moment.
    struct Status: Sendable {
        var snapshot: Snapshot?
        var nextEvaluation: Double?
        var inventoryRevision: String?
        var inventoryErrors: [Diagnostic]
        var inventoryWarnings: [Diagnostic]
        var dataroom: DataroomState
        var configurationError: ConfigurationError?
    }

    var status: Status {
        Status(
            snapshot: snapshot, nextEvaluation: nextEvaluation, inventoryRevision: inventoryRevision,
            inventoryErrors: inventoryErrors, inventoryWarnings: inventoryWarnings, dataroom: dataroom,
            configurationError: configurationError)
    }
    func setNextEvaluation(_ time: Double?) { nextEvaluation = time }

    /// A stream of `Watch` replies: the current evaluation at once (none changed), if there is
    /// one, then one per evaluation published from now on.
    func watch() -> AsyncStream<JSONValue> {
        let id = nextWatcher
        nextWatcher += 1
        let (stream, continuation) = AsyncStream.makeStream(of: JSONValue.self, bufferingPolicy: .bufferingNewest(16))
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeWatcher(id) }
        }
        watchers[id] = continuation
        if let snapshot { continuation.yield(Self.watchReply(snapshot, changed: [], current: true)) }
        return stream
    }

    var watcherCount: Int { watchers.count }

    /// Ends every watch stream (shutdown).
    func finishWatchers() {
        for watcher in watchers.values { watcher.finish() }
        watchers = [:]
    }

    private func removeWatcher(_ id: Int) { watchers[id] = nil }

    /// A `Watch` reply; `current` marks the first one, the evaluation current at the call.
    static func watchReply(_ snapshot: Snapshot, changed: [String], current: Bool = false) -> JSONValue {
        .object(
            [
                ("evaluated", .string(snapshot.evaluation.evaluated.iso)),
                ("evaluated_at", .string(Timestamp.rfc3339(snapshot.evaluatedAt))),
                ("portfolio", snapshot.evaluation.portfolio.json),
                ("changed", .array(changed.map { .string($0) })),
            ] + (current ? [("current", .bool(true))] : []))
    }

    /// Contracts whose reported score or band differs, or that are new (one pass over each
    /// evaluation: a portfolio can have ten thousand contracts).
    static func changedContracts(from previous: Evaluation?, to current: Evaluation) -> [String] {
        var before: [String: (score: Double, band: Band)] = [:]
        before.reserveCapacity(previous?.contracts.count ?? 0)
        for contract in previous?.contracts ?? [] { before[contract.id] = (contract.roundedScore, contract.band) }
        return current.contracts.compactMap { contract in
            guard let then = before[contract.id] else { return contract.id }
            return then.score != contract.roundedScore || then.band != contract.band ? contract.id : nil
        }
    }
}
