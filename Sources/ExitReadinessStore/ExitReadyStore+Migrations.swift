import GRDB

extension ExitReadyStore {
    /// The schema, one named migration per step; a database always moves forward through them.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-scan-cache") { db in
            // Contract folders present in the dataroom at the last scan.
            try db.execute(
                sql: """
                    CREATE TABLE scan_folders (
                        contract TEXT PRIMARY KEY NOT NULL
                    ) WITHOUT ROWID;
                    """)
            // One row per regular file. `key` is the path relative to the contract folder with
            // '/' stored as a 0 byte, so that key order is the order of a depth-first walk.
            // `updated_scan` is the scan that last wrote the row: a scan reading the cache
            // while it writes skips its own rows.
            try db.execute(
                sql: """
                    CREATE TABLE scan_files (
                        contract TEXT NOT NULL,
                        key BLOB NOT NULL,
                        size INTEGER NOT NULL,
                        mtime_ns INTEGER NOT NULL,
                        inode INTEGER NOT NULL,
                        mode INTEGER NOT NULL,
                        sha256 BLOB,
                        updated_scan INTEGER NOT NULL DEFAULT 0,
                        PRIMARY KEY (contract, key)
                    ) WITHOUT ROWID;
                    """)
            try db.execute(
                sql: """
                    CREATE TABLE scans (
                        id INTEGER PRIMARY KEY,
                        root TEXT NOT NULL,
                        started_at REAL NOT NULL,
                        finished_at REAL,
                        files INTEGER NOT NULL DEFAULT 0,
                        bytes INTEGER NOT NULL DEFAULT 0,
                        added INTEGER NOT NULL DEFAULT 0,
                        changed INTEGER NOT NULL DEFAULT 0,
                        removed INTEGER NOT NULL DEFAULT 0,
                        mode_changes INTEGER NOT NULL DEFAULT 0,
                        hashed_files INTEGER NOT NULL DEFAULT 0,
                        hashed_bytes INTEGER NOT NULL DEFAULT 0,
                        problems INTEGER NOT NULL DEFAULT 0
                    );
                    """)
            // What each scan found changed, so that later one can show what changed when.
            try db.execute(
                sql: """
                    CREATE TABLE scan_changes (
                        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
                        contract TEXT NOT NULL,
                        key BLOB NOT NULL,
                        change TEXT NOT NULL CHECK (change IN ('added', 'changed', 'removed', 'mode'))
                    );
                    CREATE INDEX scan_changes_by_scan ON scan_changes (scan_id);
                    CREATE INDEX scan_changes_by_file ON scan_changes (contract, key);
                    """)
            try db.execute(
                sql: """
                    CREATE TABLE scan_problems (
                        scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
                        path TEXT NOT NULL,
                        message TEXT NOT NULL
                    );
                    CREATE INDEX scan_problems_by_scan ON scan_problems (scan_id);
                    """)
        }
        migrator.registerMigration("v2-history-and-alerts") { db in
            // One row per evaluation: when, of which inventory, and the portfolio.
            try db.execute(
                sql: """
                    CREATE TABLE evaluations (
                        id INTEGER PRIMARY KEY,
                        evaluated_at REAL NOT NULL,
                        day TEXT NOT NULL,
                        inventory_revision TEXT,
                        dataroom TEXT NOT NULL,
                        portfolio_score REAL,
                        portfolio_band TEXT,
                        weakest TEXT,
                        active_contracts INTEGER NOT NULL
                    );
                    CREATE INDEX evaluations_by_time ON evaluations (evaluated_at);
                    """)
            // A contract's findings, stored once per distinct set: they change rarely, and an
            // evaluation every fifteen minutes would otherwise repeat them thousands of times.
            try db.execute(
                sql: """
                    CREATE TABLE finding_sets (
                        id INTEGER PRIMARY KEY,
                        contract TEXT NOT NULL,
                        digest TEXT NOT NULL,
                        findings TEXT NOT NULL,
                        UNIQUE (contract, digest)
                    );
                    """)
            try db.execute(
                sql: """
                    CREATE TABLE contract_scores (
                        evaluation_id INTEGER NOT NULL REFERENCES evaluations(id) ON DELETE CASCADE,
                        contract TEXT NOT NULL,
                        status TEXT NOT NULL,
                        criticality TEXT NOT NULL,
                        score REAL NOT NULL,
                        band TEXT NOT NULL,
                        contract_score REAL NOT NULL,
                        dataroom_score REAL NOT NULL,
                        processes_score REAL NOT NULL,
                        staff_score REAL NOT NULL,
                        term_end TEXT NOT NULL,
                        notice_deadline TEXT NOT NULL,
                        finding_set_id INTEGER NOT NULL REFERENCES finding_sets(id),
                        PRIMARY KEY (evaluation_id, contract)
                    ) WITHOUT ROWID;
                    CREATE INDEX contract_scores_by_contract ON contract_scores (contract, evaluation_id);
                    CREATE INDEX contract_scores_by_finding_set ON contract_scores (finding_set_id);
                    """)
            // Every alert raised; `journaled` is set once the journal has it, so that a restart
            // sends what a crash left unsent and repeats nothing.
            try db.execute(
                sql: """
                    CREATE TABLE alerts (
                        id INTEGER PRIMARY KEY,
                        at REAL NOT NULL,
                        evaluation_id INTEGER,
                        kind TEXT NOT NULL,
                        priority TEXT NOT NULL,
                        scope TEXT NOT NULL,
                        contract TEXT,
                        score REAL,
                        previous_score REAL,
                        band TEXT,
                        previous_band TEXT,
                        findings TEXT NOT NULL,
                        message TEXT NOT NULL,
                        journaled INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX alerts_by_time ON alerts (at);
                    """)
            // Per contract and for the portfolio ('' as scope key): the band and score of the
            // last evaluation, the peak since the last alert, and the notice window entered.
            try db.execute(
                sql: """
                    CREATE TABLE alert_baselines (
                        scope_key TEXT PRIMARY KEY NOT NULL,
                        band TEXT NOT NULL,
                        score REAL NOT NULL,
                        peak REAL NOT NULL,
                        notice_stage INTEGER NOT NULL DEFAULT 0,
                        notice_deadline TEXT
                    ) WITHOUT ROWID;
                    """)
            // Conditions that alert once while they last (invalid inventory, unreachable dataroom).
            try db.execute(
                sql: """
                    CREATE TABLE alert_conditions (
                        kind TEXT PRIMARY KEY NOT NULL,
                        detail TEXT NOT NULL,
                        since REAL NOT NULL
                    ) WITHOUT ROWID;
                    """)
        }
        migrator.registerMigration("v3-database-identity") { db in
            // A random id for this database, so that alert ids are unique beyond it (the
            // journal may hold alerts of several databases, e.g. after a reinstall).
            try db.execute(sql: "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL) WITHOUT ROWID")
            var generator = SystemRandomNumberGenerator()
            let id = (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "")
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('database_id', ?)", arguments: [id])
        }
        migrator.registerMigration("v4-unreadable-folders") { db in
            // A contract folder the last scan listed but could not walk: its cached files (if
            // any) are kept for when it can be read again, but it is scored as having no folder,
            // as a plain walk of the dataroom would score it.
            try db.execute(sql: "ALTER TABLE scan_folders ADD COLUMN unreadable INTEGER NOT NULL DEFAULT 0")
        }
        migrator.registerMigration("v5-evaluations-by-day") { db in
            // The daily history (the last evaluation of each day) reads the newest days first
            // from this index instead of grouping every stored evaluation.
            try db.execute(sql: "CREATE INDEX evaluations_by_day ON evaluations (day, evaluated_at)")
        }
        migrator.registerMigration("v6-action-alerts") { db in
            // The action an action-overdue alert is about (CODE/SUBJECT, or the code alone for
            // staff findings), and the overdue actions alerted: one key per row and due date.
            try db.execute(sql: "ALTER TABLE alerts ADD COLUMN action TEXT")
            try db.execute(sql: "CREATE TABLE alert_overdue_actions (key TEXT PRIMARY KEY NOT NULL) WITHOUT ROWID")
        }
        migrator.registerMigration("v7-alert-counts") { db in
            // Alerts raised per kind since the database was created, which pruning old alerts
            // does not lower (the metrics' exitready_alerts_total is a counter). A database made
            // before this starts from the alerts it still holds.
            try db.execute(
                sql: """
                    CREATE TABLE alert_counts (kind TEXT PRIMARY KEY NOT NULL, count INTEGER NOT NULL) WITHOUT ROWID;
                    INSERT INTO alert_counts (kind, count) SELECT kind, COUNT(*) FROM alerts GROUP BY kind;
                    CREATE TRIGGER alerts_counted AFTER INSERT ON alerts BEGIN
                        INSERT INTO alert_counts (kind, count) VALUES (NEW.kind, 1)
                            ON CONFLICT (kind) DO UPDATE SET count = count + 1;
                    END;
                    """)
        }
        migrator.registerMigration("v8-forecast-alerts") { db in
            // The day a forecast-drop alert says the band will fall, and per contract the drop
            // last alerted ("DATE BAND"), so that a restart does not repeat it.
            try db.execute(sql: "ALTER TABLE alerts ADD COLUMN forecast_date TEXT")
            try db.execute(sql: "ALTER TABLE alert_baselines ADD COLUMN forecast_drop TEXT")
        }
        return migrator
    }()
}
