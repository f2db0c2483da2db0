import ExitReadiness
import GRDB

extension ExitReadyStore {
    /// The alert state as the last stored evaluation left it.
    public func alertState() throws(Error) -> AlertState {
        try read { db in
            var state = AlertState()
            for row in try Row.fetchAll(db, sql: "SELECT * FROM alert_baselines") {
                state.baselines[try row.decode(forColumn: AlertState.Baseline.Columns.scopeKey)] = try AlertState.Baseline(
                    row: row)
            }
            for row in try Row.fetchAll(db, sql: "SELECT kind, detail FROM alert_conditions") {
                state.conditions[try row.decode(forColumn: "kind")] = try row.decode(forColumn: "detail")
            }
            state.overdueActions = Set(try String.fetchAll(db, sql: "SELECT key FROM alert_overdue_actions"))
            return state
        }
    }

    /// Stores alerts raised outside an evaluation (e.g. the inventory became invalid) together
    /// with the new alert state, at `time` (seconds since the epoch).
    public func recordAlerts(_ alerts: [AlertRecord], state: AlertState, at time: Double) throws(Error) -> [AlertRecord] {
        try write { db in
            let stored = try Self.insert(alerts, evaluation: nil, db)
            try Self.save(state, at: time, db)
            return stored
        }
    }

    /// Alerts stored but not yet confirmed in the journal, oldest first.
    public func unjournaledAlerts() throws(Error) -> [AlertRecord] {
        try read { db in
            try AlertRecord.fetchAll(db, sql: "SELECT * FROM alerts WHERE journaled = 0 ORDER BY id")
        }
    }

    public func markJournaled(_ ids: [Int64]) throws(Error) {
        guard !ids.isEmpty else { return }
        try write { db in
            let statement = try db.cachedStatement(sql: "UPDATE alerts SET journaled = 1 WHERE id = ?")
            for id in ids { try statement.execute(arguments: [id]) }
        }
    }

    /// Alerts newest first, from `since` (seconds since the epoch) on.
    public func alerts(since: Double?, limit: Int) throws(Error) -> [AlertRecord] {
        try read { db in
            try AlertRecord.fetchAll(
                db, sql: "SELECT * FROM alerts WHERE at >= ? ORDER BY id DESC LIMIT ?",
                arguments: [since ?? 0, limit])
        }
    }

    static func insert(_ alerts: [AlertRecord], evaluation: Int64?, _ db: Database) throws -> [AlertRecord] {
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO alerts (at, evaluation_id, kind, priority, scope, contract, score, previous_score, band,
                previous_band, findings, action, forecast_date, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        return try alerts.map { alert in
            try statement.execute(arguments: [
                alert.at, evaluation, alert.kind, alert.priority, alert.scope, alert.contract,
                alert.score, alert.previousScore, alert.band, alert.previousBand,
                alert.findings.joined(separator: " "), alert.action, alert.forecastDate?.iso, alert.message,
            ])
            var stored = alert
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    /// Replaces the stored alert state; a condition that begins now is dated `time`.
    static func save(_ state: AlertState, at time: Double, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM alert_baselines")
        let baseline = try db.cachedStatement(
            sql: """
                INSERT INTO alert_baselines (scope_key, band, score, peak, notice_stage, notice_deadline, forecast_drop)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for (key, value) in state.baselines {
            try baseline.execute(arguments: [
                key, value.band, value.score, value.peak, value.noticeStage, value.noticeDeadline, value.forecastDrop,
            ])
        }
        // Conditions keep the time they began while their detail stays the same.
        let kinds = state.conditions.keys.map(\.rawValue)
        try db.execute(
            sql: "DELETE FROM alert_conditions WHERE kind NOT IN (\(kinds.map { _ in "?" }.joined(separator: ",")))",
            arguments: StatementArguments(kinds))
        let condition = try db.cachedStatement(
            sql: """
                INSERT INTO alert_conditions (kind, detail, since) VALUES (?, ?, ?)
                ON CONFLICT (kind) DO UPDATE SET since = CASE WHEN detail = excluded.detail THEN since ELSE excluded.since END,
                detail = excluded.detail
                """)
        for (kind, detail) in state.conditions {
            try condition.execute(arguments: [kind, detail, time])
        }
        try db.execute(sql: "DELETE FROM alert_overdue_actions")
        // OR IGNORE: SQLite takes text up to a 0 byte, so subjects that differ only after one meet.
        let overdue = try db.cachedStatement(sql: "INSERT OR IGNORE INTO alert_overdue_actions (key) VALUES (?)")
        for key in state.overdueActions { try overdue.execute(arguments: [key]) }
    }
}
