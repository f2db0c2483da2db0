import GRDB

extension ExitReadyStore {
    /// Alerts raised since the database was created, per kind, every kind included; pruning old
    /// alerts does not lower them.
    public func alertCounts() throws(Error) -> [(kind: AlertKind, count: Int)] {
        let counts = try read { db in
            var counts: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT kind, count AS n FROM alert_counts") {
                counts[row["kind"]] = row["n"]
            }
            return counts
        }
        return AlertKind.allCases.map { ($0, counts[$0.rawValue] ?? 0) }
    }

    /// Files the last completed dataroom scan found, nil before the first.
    public func lastScanFileCount() throws(Error) -> Int? {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT files FROM scans WHERE finished_at IS NOT NULL ORDER BY finished_at DESC LIMIT 1")
        }
    }
}
