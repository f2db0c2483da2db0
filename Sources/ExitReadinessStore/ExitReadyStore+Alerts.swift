import ExitReadiness
import GRDB

/// An alert as stored and sent to the journal.
public struct AlertRecord: Sendable, Equatable {
    /// Nil until stored.
    public var id: Int64?
    /// Seconds since the epoch.
    public var at: Double
    public var kind: AlertKind
    public var priority: AlertPriority
    public var scope: AlertScope
    public var contract: String?
    public var score: Double?
    public var previousScore: Double?
    public var band: Band?
    public var previousBand: Band?
    /// Codes of the top findings.
    public var findings: [String]
    public var message: String

    public init(
        id: Int64? = nil, at: Double, kind: AlertKind, priority: AlertPriority, scope: AlertScope, contract: String? = nil,
        score: Double? = nil, previousScore: Double? = nil, band: Band? = nil, previousBand: Band? = nil,
        findings: [String] = [], message: String
    ) {
        self.id = id
        self.at = at
        self.kind = kind
        self.priority = priority
        self.scope = scope
        self.contract = contract
        self.score = score
        self.previousScore = previousScore
        self.band = band
        self.previousBand = previousBand
        self.findings = findings
        self.message = message
    }
}

/// What the alert policy remembers between evaluations (and restarts).
public struct AlertState: Sendable, Equatable {
    /// Per contract id, and "" for the portfolio.
    public var baselines: [String: Baseline] = [:]
    /// Conditions alerted while they last, by kind, with what was alerted.
    public var conditions: [AlertKind: String] = [:]

    public init(baselines: [String: Baseline] = [:], conditions: [AlertKind: String] = [:]) {
        self.baselines = baselines
        self.conditions = conditions
    }

    public struct Baseline: Sendable, Equatable {
        public var band: Band
        public var score: Double
        /// Highest score since the last alert.
        public var peak: Double
        /// 0 outside the notice window, 1 in it, 2 in the critical window (already alerted).
        public var noticeStage: Int
        /// The deadline the stage refers to: a new term resets the stage.
        public var noticeDeadline: String?

        public init(band: Band, score: Double, peak: Double, noticeStage: Int = 0, noticeDeadline: String? = nil) {
            self.band = band
            self.score = score
            self.peak = peak
            self.noticeStage = noticeStage
            self.noticeDeadline = noticeDeadline
        }
    }
}

extension AlertRecord: FetchableRecord {
    /// The columns of the `alerts` table.
    enum Columns {
        static let id = Column("id"), at = Column("at")
        static let kind = Column("kind"), priority = Column("priority"), scope = Column("scope")
        static let contract = Column("contract"), score = Column("score"), previousScore = Column("previous_score")
        static let band = Column("band"), previousBand = Column("previous_band")
        static let findings = Column("findings"), message = Column("message")
    }

    public init(row: Row) throws {
        let findings: String = try row.decode(forColumn: Columns.findings)
        self.init(
            id: try row.decode(forColumn: Columns.id), at: try row.decode(forColumn: Columns.at),
            kind: try row.decode(forColumn: Columns.kind), priority: try row.decode(forColumn: Columns.priority),
            scope: try row.decode(forColumn: Columns.scope), contract: try row.decode(forColumn: Columns.contract),
            score: try row.decode(forColumn: Columns.score), previousScore: try row.decode(forColumn: Columns.previousScore),
            band: try row.decode(forColumn: Columns.band), previousBand: try row.decode(forColumn: Columns.previousBand),
            findings: findings.split(separator: " ").map(String.init), message: try row.decode(forColumn: Columns.message))
    }
}

extension AlertState.Baseline: FetchableRecord {
    /// The columns of the `alert_baselines` table.
    enum Columns {
        static let scopeKey = Column("scope_key"), band = Column("band"), score = Column("score"), peak = Column("peak")
        static let noticeStage = Column("notice_stage"), noticeDeadline = Column("notice_deadline")
    }

    public init(row: Row) throws {
        self.init(
            band: try row.decode(forColumn: Columns.band), score: try row.decode(forColumn: Columns.score),
            peak: try row.decode(forColumn: Columns.peak), noticeStage: try row.decode(forColumn: Columns.noticeStage),
            noticeDeadline: try row.decode(forColumn: Columns.noticeDeadline))
    }
}

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
                previous_band, findings, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        return try alerts.map { alert in
            try statement.execute(arguments: [
                alert.at, evaluation, alert.kind, alert.priority, alert.scope, alert.contract,
                alert.score, alert.previousScore, alert.band, alert.previousBand,
                alert.findings.joined(separator: " "), alert.message,
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
                INSERT INTO alert_baselines (scope_key, band, score, peak, notice_stage, notice_deadline) VALUES (?, ?, ?, ?, ?, ?)
                """)
        for (key, value) in state.baselines {
            try baseline.execute(arguments: [key, value.band, value.score, value.peak, value.noticeStage, value.noticeDeadline])
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
    }
}
