import Crypto
import ExitReadiness
import Foundation
import GRDB

extension ExitReadyStore {
    /// Stores an evaluation with the alerts it raised and the alert state after it, in one
    /// transaction: after a crash either all of it is there or none. A condition that begins
    /// with it is dated with the evaluation. Returns the evaluation id and the alerts with their ids.
    public func recordEvaluation(_ evaluation: EvaluationRecord, alerts: [AlertRecord], state: AlertState) throws(Error)
        -> (evaluation: Int64, alerts: [AlertRecord])
    {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO evaluations (evaluated_at, day, inventory_revision, dataroom, portfolio_score, portfolio_band,
                    weakest, active_contracts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    evaluation.evaluatedAt, evaluation.day, evaluation.inventoryRevision, evaluation.dataroom,
                    evaluation.portfolioScore, evaluation.portfolioBand, evaluation.weakest,
                    evaluation.activeContracts,
                ])
            let evaluationID = db.lastInsertedRowID
            let findSet = try db.cachedStatement(sql: "SELECT id FROM finding_sets WHERE contract = ? AND digest = ?")
            let lastChange = try db.cachedStatement(
                sql: "SELECT finding_set_id FROM finding_changes WHERE contract = ? ORDER BY id DESC LIMIT 1")
            let insertChange = try db.cachedStatement(
                sql: "INSERT INTO finding_changes (contract, evaluated_at, day, finding_set_id) VALUES (?, ?, ?, ?)")
            let insertSet = try db.cachedStatement(sql: "INSERT INTO finding_sets (contract, digest, findings) VALUES (?, ?, ?)")
            let insertScore = try db.cachedStatement(
                sql: """
                    INSERT INTO contract_scores (evaluation_id, contract, status, criticality, score, band, contract_score,
                    dataroom_score, processes_score, staff_score, term_end, notice_deadline, finding_set_id)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for contract in evaluation.contracts {
                let digest = Self.digest(contract.findings)
                var setID = try Int64.fetchOne(findSet, arguments: [contract.id, digest])
                if setID == nil {
                    try insertSet.execute(arguments: [contract.id, digest, contract.findings])
                    setID = db.lastInsertedRowID
                }
                if try Int64.fetchOne(lastChange, arguments: [contract.id]) != setID {
                    try insertChange.execute(arguments: [contract.id, evaluation.evaluatedAt, evaluation.day, setID])
                }
                try insertScore.execute(arguments: [
                    evaluationID, contract.id, contract.status, contract.criticality, contract.score, contract.band,
                    contract.families[0], contract.families[1], contract.families[2], contract.families[3],
                    contract.termEnd, contract.noticeDeadline, setID,
                ])
            }
            let stored = try Self.insert(alerts, evaluation: evaluationID, db)
            try Self.save(state, at: evaluation.evaluatedAt, db)
            return (evaluationID, stored)
        }
    }

    /// Stored evaluations of a contract (or of the portfolio when `contract` is nil), newest
    /// first, from `since` (`YYYY-MM-DD`) on: every one when `every` is true, else one per
    /// `day`, the last evaluated that day. At most `limit` points; `truncated` says whether
    /// older ones that match were left out.
    public func history(contract: String?, since: String?, limit: Int, every: Bool) throws(Error) -> HistoryPage {
        try read { db in
            var arguments: StatementArguments = contract.map { [$0] } ?? []
            // One row more than asked shows whether the limit cut anything.
            arguments += [since ?? "", limit + 1]
            let points = try HistoryPoint.fetchAll(
                db, sql: Self.historyQuery(ofContract: contract != nil, every: every),
                arguments: arguments)
            return HistoryPage(points: Array(points.prefix(limit)), truncated: points.count > limit)
        }
    }

    /// The query behind `history`, with the columns of `HistoryPoint`: its arguments are the
    /// contract (when `ofContract`), the first day and the limit. In the daily queries SQLite takes the bare columns from the
    /// row holding max(evaluated_at), the day's last evaluation.
    static func historyQuery(ofContract: Bool, every: Bool) -> String {
        switch (ofContract, every) {
        case (true, true):
            """
            SELECT e.evaluated_at, e.day, s.score, s.band FROM contract_scores s JOIN evaluations e ON e.id = s.evaluation_id
            WHERE s.contract = ? AND e.day >= ? ORDER BY e.id DESC LIMIT ?
            """
        case (true, false):
            """
            SELECT max(e.evaluated_at) AS evaluated_at, e.day, s.score, s.band FROM contract_scores s JOIN evaluations e ON e.id = s.evaluation_id
            WHERE s.contract = ? AND e.day >= ? GROUP BY e.day ORDER BY e.day DESC LIMIT ?
            """
        case (false, true):
            """
            SELECT evaluated_at, day, portfolio_score AS score, portfolio_band AS band FROM evaluations
            WHERE day >= ? ORDER BY id DESC LIMIT ?
            """
        case (false, false):
            """
            SELECT max(evaluated_at) AS evaluated_at, day, portfolio_score AS score, portfolio_band AS band FROM evaluations
            WHERE day >= ? GROUP BY day ORDER BY day DESC LIMIT ?
            """
        }
    }

    /// True when a contract appears in any stored evaluation.
    public func hasHistory(contract: String) throws(Error) -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM contract_scores WHERE contract = ?)", arguments: [contract])
                ?? false
        }
    }

    /// Forgets evaluations older than `cutoff` (seconds since the epoch) but the last of each
    /// day, which stay as long as the database lives, and sent alerts (but the newest) and scans
    /// older than `cutoff`. Finding sets stay: each is the set of a change of findings.
    public func prune(before cutoff: Double) throws(Error) {
        try write { db in
            try db.execute(
                sql: """
                    DELETE FROM evaluations WHERE evaluated_at < ?1 AND id NOT IN (
                        SELECT id FROM (SELECT id, max(evaluated_at) FROM evaluations
                        WHERE day IN (SELECT day FROM evaluations WHERE evaluated_at < ?1) GROUP BY day))
                    """, arguments: [cutoff])
            // The newest alert stays: SQLite numbers a new row after the largest id present, and
            // a number used again would match the old alert's entry in the journal.
            try db.execute(
                sql: """
                    DELETE FROM alerts WHERE at < ? AND journaled = 1 AND id < (SELECT max(id) FROM alerts)
                    """, arguments: [cutoff])
            try db.execute(sql: "DELETE FROM scans WHERE started_at < ?", arguments: [cutoff])
        }
    }

    /// The SHA-256 of a finding set, hex: equal digests mean equal findings.
    static func digest(_ text: String) -> String {
        Hex.encode(SHA256.hash(data: Array(text.utf8)))
    }
}
