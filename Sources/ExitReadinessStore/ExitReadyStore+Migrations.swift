import GRDB

extension ExitReadyStore {
    /// The schema, one named migration per step; a database always moves forward through them.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-scan-cache") { db in
            // Contract folders present in the dataroom at the last scan.
            try db.execute(sql: """
                CREATE TABLE scan_folders (
                    contract TEXT PRIMARY KEY NOT NULL
                ) WITHOUT ROWID;
                """)
            // One row per regular file. `key` is the path relative to the contract folder with
            // '/' stored as a 0 byte, so that key order is the order of a depth-first walk.
            // `updated_scan` is the scan that last wrote the row: a scan reading the cache
            // while it writes skips its own rows.
            try db.execute(sql: """
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
            try db.execute(sql: """
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
            try db.execute(sql: """
                CREATE TABLE scan_changes (
                    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
                    contract TEXT NOT NULL,
                    key BLOB NOT NULL,
                    change TEXT NOT NULL CHECK (change IN ('added', 'changed', 'removed', 'mode'))
                );
                CREATE INDEX scan_changes_by_scan ON scan_changes (scan_id);
                CREATE INDEX scan_changes_by_file ON scan_changes (contract, key);
                """)
            try db.execute(sql: """
                CREATE TABLE scan_problems (
                    scan_id INTEGER NOT NULL REFERENCES scans(id) ON DELETE CASCADE,
                    path TEXT NOT NULL,
                    message TEXT NOT NULL
                );
                CREATE INDEX scan_problems_by_scan ON scan_problems (scan_id);
                """)
        }
        return migrator
    }()
}
