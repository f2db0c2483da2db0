import Foundation
import GRDB

/// An alert as stored and sent to the journal.
public struct AlertRecord: Sendable, Equatable {
    /// Nil until stored.
    public var id: Int64?
    /// Seconds since the epoch.
    public var at: Double
    public var kind: String
    /// syslog priority name: `crit`, `err`, `warning`, `info`.
    public var priority: String
    /// `contract` or `portfolio`.
    public var scope: String
    public var contract: String?
    public var score: Double?
    public var previousScore: Double?
    public var band: String?
    public var previousBand: String?
    /// Codes of the top findings.
    public var findings: [String]
    public var message: String

    public init(id: Int64? = nil, at: Double, kind: String, priority: String, scope: String, contract: String? = nil,
                score: Double? = nil, previousScore: Double? = nil, band: String? = nil, previousBand: String? = nil,
                findings: [String] = [], message: String) {
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
    public var conditions: [String: String] = [:]

    public init(baselines: [String: Baseline] = [:], conditions: [String: String] = [:]) {
        self.baselines = baselines
        self.conditions = conditions
    }

    public struct Baseline: Sendable, Equatable {
        public var band: String
        public var score: Double
        /// Highest score since the last alert.
        public var peak: Double
        /// 0 outside the notice window, 1 in it, 2 in the critical window (already alerted).
        public var noticeStage: Int
        /// The deadline the stage refers to: a new term resets the stage.
        public var noticeDeadline: String?

        public init(band: String, score: Double, peak: Double, noticeStage: Int = 0, noticeDeadline: String? = nil) {
            self.band = band
            self.score = score
            self.peak = peak
            self.noticeStage = noticeStage
            self.noticeDeadline = noticeDeadline
        }
    }
}

extension ExitReadyStore {
    /// The alert state as the last stored evaluation left it.
    public func alertState() throws -> AlertState {
        try pool.read { db in
            var state = AlertState()
            for row in try Row.fetchAll(db, sql: "SELECT scope_key, band, score, peak, notice_stage, notice_deadline FROM alert_baselines") {
                state.baselines[row[0]] = AlertState.Baseline(band: row[1], score: row[2], peak: row[3], noticeStage: row[4],
                                                              noticeDeadline: row[5])
            }
            for row in try Row.fetchAll(db, sql: "SELECT kind, detail FROM alert_conditions") {
                state.conditions[row[0]] = row[1]
            }
            return state
        }
    }

    /// Stores alerts raised outside an evaluation (e.g. the inventory became invalid) together
    /// with the new alert state.
    public func recordAlerts(_ alerts: [AlertRecord], state: AlertState) throws -> [AlertRecord] {
        try pool.write { db in
            let stored = try Self.insert(alerts, evaluation: nil, db)
            try Self.save(state, db)
            return stored
        }
    }

    /// Alerts stored but not yet confirmed in the journal, oldest first.
    public func unjournaledAlerts() throws -> [AlertRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alerts WHERE journaled = 0 ORDER BY id").map(Self.alert(from:))
        }
    }

    public func markJournaled(_ ids: [Int64]) throws {
        guard !ids.isEmpty else { return }
        try pool.write { db in
            let statement = try db.cachedStatement(sql: "UPDATE alerts SET journaled = 1 WHERE id = ?")
            for id in ids { try statement.execute(arguments: [id]) }
        }
    }

    /// Alerts newest first, from `since` (seconds since the epoch) on.
    public func alerts(since: Double?, limit: Int) throws -> [AlertRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM alerts WHERE at >= ? ORDER BY id DESC LIMIT ?",
                             arguments: [since ?? 0, limit]).map(Self.alert(from:))
        }
    }

    static func insert(_ alerts: [AlertRecord], evaluation: Int64?, _ db: Database) throws -> [AlertRecord] {
        let statement = try db.cachedStatement(sql: """
            INSERT INTO alerts (at, evaluation_id, kind, priority, scope, contract, score, previous_score, band,
            previous_band, findings, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        return try alerts.map { alert in
            try statement.execute(arguments: [alert.at, evaluation, alert.kind, alert.priority, alert.scope, alert.contract,
                                              alert.score, alert.previousScore, alert.band, alert.previousBand,
                                              alert.findings.joined(separator: " "), alert.message])
            var stored = alert
            stored.id = db.lastInsertedRowID
            return stored
        }
    }

    static func save(_ state: AlertState, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM alert_baselines")
        let baseline = try db.cachedStatement(sql: """
            INSERT INTO alert_baselines (scope_key, band, score, peak, notice_stage, notice_deadline) VALUES (?, ?, ?, ?, ?, ?)
            """)
        for (key, value) in state.baselines {
            try baseline.execute(arguments: [key, value.band, value.score, value.peak, value.noticeStage, value.noticeDeadline])
        }
        // Conditions keep the time they began while their detail stays the same.
        let kinds = Array(state.conditions.keys)
        try db.execute(sql: "DELETE FROM alert_conditions WHERE kind NOT IN (\(kinds.map { _ in "?" }.joined(separator: ",")))",
                       arguments: StatementArguments(kinds))
        let condition = try db.cachedStatement(sql: """
            INSERT INTO alert_conditions (kind, detail, since) VALUES (?, ?, ?)
            ON CONFLICT (kind) DO UPDATE SET since = CASE WHEN detail = excluded.detail THEN since ELSE excluded.since END,
            detail = excluded.detail
            """)
        for (kind, detail) in state.conditions {
            try condition.execute(arguments: [kind, detail, Date().timeIntervalSince1970])
        }
    }

    private static func alert(from row: Row) -> AlertRecord {
        let findings: String = row["findings"]
        return AlertRecord(id: row["id"], at: row["at"], kind: row["kind"], priority: row["priority"], scope: row["scope"],
                           contract: row["contract"], score: row["score"], previousScore: row["previous_score"],
                           band: row["band"], previousBand: row["previous_band"],
                           findings: findings.split(separator: " ").map(String.init), message: row["message"])
    }
}
