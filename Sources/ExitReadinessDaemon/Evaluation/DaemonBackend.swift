import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessInventory
import ExitReadinessReport
import ExitReadinessStore
import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// Answers the query server from the daemon's state and its history in the store.
struct DaemonBackend: MonitorBackend {
    let state: MonitorState
    let store: ExitReadyStore
    let requests: EvaluationRequests
    let version: String
    /// Makes alert ids the journal's (`AlertDelivery.alertID`).
    let databaseID: String
    /// The configuration in force: GetStatus reports its bands.
    let settings: Settings
    /// The group of `AdminGroup=`, resolved at start.
    let adminGroup: UInt32?
    let ownUID: UInt32

    static let defaultLimit = 100

    func status() async -> JSONValue {
        let status = await state.status
        return .object([
            ("version", .string(version)),
            ("started_at", .string(Timestamp.rfc3339(state.startedAt))),
            ("last_evaluation", .string(status.snapshot.map { Timestamp.rfc3339($0.evaluatedAt) })),
            ("next_evaluation", .string(status.nextEvaluation.map(Timestamp.rfc3339))),
            ("inventory_revision", .string(status.inventoryRevision)),
            ("inventory_errors", .array(status.inventoryErrors.map(Self.json))),
            ("inventory_warnings", .array(status.inventoryWarnings.map(Self.json))),
            ("dataroom", .string(status.dataroom.rawValue)),
            ("portfolio", status.snapshot?.evaluation.portfolio.json ?? .null),
            ("configuration_error", status.configurationError.map(Self.json) ?? .null),
            ("bands", Self.bands(settings.current.scoring)),
        ])
    }

    /// An `InventoryError` of the interface.
    static func json(_ error: Diagnostic) -> JSONValue {
        .object([
            ("file", .string(error.file)), ("line", .integer(error.line)), ("column", .integer(error.column)),
            ("message", .string(error.message)),
        ])
    }

    /// A `ConfigurationProblem` of the interface.
    static func json(_ error: ConfigurationError) -> JSONValue {
        .object([("file", .string(error.file)), ("line", .integer(error.line)), ("message", .string(error.message))])
    }

    /// The lowest rounded scores that are ready and at-risk (monitoring thresholds).
    static func bands(_ policy: ScoringPolicy) -> JSONValue {
        .object([("ready", .number(policy.readyThreshold)), ("at_risk", .number(policy.atRiskThreshold))])
    }

    func scores(top: Int) async throws(MonitorError) -> JSONValue {
        guard let snapshot = await state.snapshot else { throw await noSnapshot() }
        guard case .object(let fields) = snapshot.evaluation.summaryJSON(topFindings: top) else { return .null }
        return .object(fields + snapshot.staleFields)
    }

    func contract(id: String) async throws(MonitorError) -> JSONValue {
        guard let snapshot = await state.snapshot else { throw await noSnapshot() }
        guard let contract = snapshot.evaluation.contract(withID: id) else { throw .contractNotFound(id) }
        return .object(
            [
                ("evaluated", .string(snapshot.evaluation.evaluated.iso)),
                ("contract", contract.json(today: snapshot.evaluation.evaluated)),
            ] + snapshot.staleFields)
    }

    func register() async throws(MonitorError) -> JSONValue {
        guard let snapshot = await state.snapshot else { throw await noSnapshot() }
        let export = RegisterExport(snapshot.evaluation)
        return .object([
            ("evaluated", .string(snapshot.evaluation.evaluated.iso)), ("csv", .string(export.csv)),
            ("missing", .array(export.missing.map { .string($0) })),
        ])
    }

    /// Plans with the efforts and thresholds in force, from the last evaluation; the parameters
    /// were checked against their ranges when the call was read.
    func plan(contract: String?, target: Double?, budget: Double?) async throws(MonitorError) -> JSONValue {
        guard let snapshot = await state.snapshot else { throw await noSnapshot() }
        let configuration = settings.current
        let evaluation = snapshot.evaluation
        var members: [(String, JSONValue)] = [("evaluated", .string(evaluation.evaluated.iso))]
        if let contract {
            guard let score = evaluation.contract(withID: contract) else { throw .contractNotFound(contract) }
            let plan = ContractPlanner(policy: configuration.scoring, effort: configuration.effort).plan(score, target: target)
            members.append(("contract_plan", plan.json))
        } else if let budget {
            members.append(
                ("portfolio_plan", PortfolioPlanner(effort: configuration.effort).plan(evaluation, budgetDays: budget).json))
        } else {
            throw .invalidParameter("contract")
        }
        return .object(members)
    }

    func forecast(contract: String?, horizon: Int?) async throws(MonitorError) -> JSONValue {
        guard let snapshot = await state.snapshot else { throw await noSnapshot() }
        let evaluation = snapshot.evaluation
        let horizon = horizon ?? ContractForecast.defaultHorizonDays
        let document: JSONValue?
        if let contract {
            guard let forecast = evaluation.forecastJSON(contract: contract, horizonDays: horizon) else {
                throw .contractNotFound(contract)
            }
            document = .object([
                ("evaluated", .string(evaluation.evaluated.iso)), ("horizon_days", .integer(horizon)),
                ("portfolio", .null), ("contracts", .array([forecast])),
            ])
        } else {
            document = evaluation.forecastJSON(horizonDays: horizon, policy: settings.current.scoring)
        }
        guard case .object(let fields)? = document else { throw .unavailable("the evaluation kept no forecast") }
        return .object(fields + snapshot.staleFields)
    }

    func metrics() async -> JSONValue {
        .object([("text", .string(await DaemonMetrics.text(state: state, store: store)))])
    }

    func history(contract: String?, since: Day?, limit: Int?, every: Bool) async throws(MonitorError) -> JSONValue {
        let limit = try Self.validLimit(limit)
        do {
            if let contract, await state.snapshot?.evaluation.contract(withID: contract) == nil,
                try !store.hasHistory(contract: contract)
            {
                throw MonitorError.contractNotFound(contract)
            }
            let page = try store.history(contract: contract, since: since?.iso, limit: limit, every: every)
            return .object([
                (
                    "entries",
                    .array(
                        page.points.map { point in
                            .object([
                                ("evaluated_at", .string(Timestamp.rfc3339(point.evaluatedAt))), ("day", .string(point.day)),
                                ("contract", .string(contract)), ("score", .number(point.score)),
                                ("band", .string(point.band?.rawValue)),
                            ])
                        })
                ), ("truncated", .bool(page.truncated)),
            ])
        } catch let error as MonitorError {
            throw error
        } catch {
            throw .unavailable("cannot read the history: \(error)")
        }
    }

    func alerts(since: Day?, limit: Int?) async throws(MonitorError) -> JSONValue {
        let limit = try Self.validLimit(limit)
        let sinceSeconds = since.map { Double(LocalCalendar.start(of: $0)) }
        let alerts: [AlertRecord]
        do {
            alerts = try store.alerts(since: sinceSeconds, limit: limit)
        } catch {
            throw .unavailable("cannot read the alerts: \(error)")
        }
        return .object([
            (
                "alerts",
                .array(
                    alerts.map { alert in
                        .object([
                            ("id", .string(AlertDelivery.alertID(alert, databaseID: databaseID))),
                            ("at", .string(Timestamp.rfc3339(alert.at))), ("kind", .string(alert.kind.rawValue)),
                            ("priority", .string(alert.priority.rawValue)), ("scope", .string(alert.scope.rawValue)),
                            ("contract", .string(alert.contract)),
                            ("score", .number(alert.score)), ("previous_score", .number(alert.previousScore)),
                            ("band", .string(alert.band?.rawValue)),
                            ("previous_band", .string(alert.previousBand?.rawValue)),
                            ("findings", .array(alert.findings.map { .string($0) })),
                            ("action", .string(alert.action)),
                            ("forecast_date", .string(alert.forecastDate?.iso)),
                            ("message", .string(alert.message)),
                        ])
                    })
            )
        ])
    }

    func evaluate() async throws(MonitorError) -> JSONValue {
        try await run(.evaluate)
    }

    func reload() async throws(MonitorError) -> JSONValue {
        try await run(.reload)
    }

    var publishedEvaluations: UInt64 { state.publishedCount.withLock { $0 } }

    func watch() -> AsyncStream<JSONValue> {
        let (stream, continuation) = AsyncStream.makeStream(of: JSONValue.self, bufferingPolicy: .bufferingNewest(16))
        let task = Task {
            for await reply in await state.watch() { continuation.yield(reply) }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    func isPrivileged(uid: UInt32, gid: UInt32) -> Bool {
        if uid == 0 || uid == ownUID { return true }
        guard let adminGroup else { return false }
        return gid == adminGroup || Self.groups(of: uid).contains(adminGroup)
    }

    /// Why there is no evaluation to answer from: the first has not finished, or the inventory
    /// has been invalid since the start.
    private func noSnapshot() async -> MonitorError {
        let status = await state.status
        guard status.inventoryRevision == nil, !status.inventoryErrors.isEmpty else { return .notEvaluatedYet }
        return .noValidInventory(
            errors: Array(status.inventoryErrors.prefix(MonitorError.errorsShown)),
            count: status.inventoryErrors.count)
    }

    private func run(_ kind: EvaluationRequests.Kind) async throws(MonitorError) -> JSONValue {
        let outcome = await requests.submit(kind)
        if kind == .reload, let error = await state.configurationError { throw .configurationInvalid(error) }
        let snapshot = await state.snapshot
        if case .failed(let reason) = outcome {
            if snapshot == nil, case .noValidInventory = await noSnapshot() { throw await noSnapshot() }
            throw .unavailable("the evaluation did not complete: \(reason)")
        }
        guard let snapshot else { throw await noSnapshot() }
        return .object([
            ("evaluated", .string(snapshot.evaluation.evaluated.iso)),
            ("evaluated_at", .string(Timestamp.rfc3339(snapshot.evaluatedAt))),
            ("portfolio", snapshot.evaluation.portfolio.json),
        ])
    }

    private static func validLimit(_ limit: Int?) throws(MonitorError) -> Int {
        guard let limit else { return defaultLimit }
        guard limit > 0 && limit <= 100_000 else { throw .invalidParameter("limit") }
        return limit
    }

    /// The supplementary groups of a user, from the group database.
    static func groups(of uid: UInt32) -> [UInt32] {
        var record = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid, &record, &buffer, buffer.count, &result) == 0, result != nil else { return [] }
        var count: Int32 = 64
        var groups = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(record.pw_name, record.pw_gid, &groups, &count) < 0 {
            groups = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(record.pw_name, record.pw_gid, &groups, &count) >= 0 else { return [] }
        }
        return Array(groups.prefix(Int(count)))
    }
}
