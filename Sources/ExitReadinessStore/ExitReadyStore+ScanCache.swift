import Foundation
import GRDB
import GRDBSQLite

extension ExitReadyStore {
    /// Starts the record of a scan at `time` (seconds since the epoch); changes and problems refer to it.
    public func beginScan(root: String, at time: Double) throws(Error) -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO scans (root, started_at) VALUES (?, ?)", arguments: [root, time])
            return db.lastInsertedRowID
        }
    }

    /// Completes the record of a scan at `time` (seconds since the epoch).
    public func finishScan(_ scan: Int64, totals: ScanTotals, at time: Double) throws(Error) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE scans SET finished_at = ?, files = ?, bytes = ?, added = ?, changed = ?, removed = ?,
                    mode_changes = ?, hashed_files = ?, hashed_bytes = ?, problems = ? WHERE id = ?
                    """,
                arguments: [
                    time, totals.files, totals.bytes, totals.added, totals.changed,
                    totals.removed, totals.modeChanges, totals.hashedFiles, totals.hashedBytes,
                    totals.problems, scan,
                ])
        }
    }

    /// When the last scan that completed finished (seconds since the epoch), nil before the first.
    public func lastCompletedScan() throws(Error) -> Double? {
        try read { db in try Double.fetchOne(db, sql: "SELECT MAX(finished_at) FROM scans") }
    }

    /// Up to `limit` cached files of a contract with keys after `key` (from the start when nil),
    /// in key order, leaving out the rows `scan` itself wrote. Reading in chunks keeps memory flat
    /// however large the folder.
    public func cachedFiles(of contract: String, after key: [UInt8]?, limit: Int, excludingScan scan: Int64) throws(Error)
        -> [CachedFile]
    {
        try read { db in
            let statement = try db.cachedStatement(
                sql: """
                    SELECT key, size, mtime_ns, inode, mode, sha256 FROM scan_files
                    WHERE contract = ? AND key > ? AND updated_scan != ? ORDER BY key LIMIT ?
                    """)
            try statement.setArguments([contract, Data(key ?? []), scan, limit])
            return try Self.readFiles(statement)
        }
    }

    /// Every cached file of a contract, in key order.
    public func files(of contract: String) throws(Error) -> [CachedFile] {
        try read { db in
            let statement = try db.cachedStatement(
                sql: "SELECT key, size, mtime_ns, inode, mode, sha256 FROM scan_files WHERE contract = ? ORDER BY key")
            try statement.setArguments([contract])
            return try Self.readFiles(statement)
        }
    }

    /// Contract folders present at the last scan.
    public func cachedFolders() throws(Error) -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT contract FROM scan_folders")) }
    }

    /// Contract folders present at the last scan that it could walk.
    public func readableFolders() throws(Error) -> Set<String> {
        try read { db in Set(try String.fetchAll(db, sql: "SELECT contract FROM scan_folders WHERE unreadable = 0")) }
    }

    public func hasFolder(_ contract: String) throws(Error) -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM scan_folders WHERE contract = ?)", arguments: [contract])
                ?? false
        }
    }

    /// Records the changes a scan found in one contract folder, in one transaction.
    public func apply(_ changes: [FileChange], contract: String, scan: Int64) throws(Error) {
        guard !changes.isEmpty else { return }
        try write { db in
            let upsert = try db.cachedStatement(
                sql: """
                    INSERT INTO scan_files (contract, key, size, mtime_ns, inode, mode, sha256, updated_scan)
                    VALUES (?, ?, ?, ?, ?, ?, NULL, ?)
                    ON CONFLICT (contract, key) DO UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,
                    inode = excluded.inode, mode = excluded.mode, sha256 = NULL, updated_scan = excluded.updated_scan
                    """)
            let setMode = try db.cachedStatement(
                sql: "UPDATE scan_files SET mode = ?, updated_scan = ? WHERE contract = ? AND key = ?")
            let delete = try db.cachedStatement(sql: "DELETE FROM scan_files WHERE contract = ? AND key = ?")
            let log = try db.cachedStatement(sql: "INSERT INTO scan_changes (scan_id, contract, key, change) VALUES (?, ?, ?, ?)")
            for change in changes {
                switch change {
                case .added(let file), .changed(let file):
                    try upsert.execute(arguments: [
                        contract, Data(file.key), file.size, file.modifiedNanoseconds,
                        Int64(bitPattern: file.inode), Int64(file.mode), scan,
                    ])
                    try log.execute(arguments: [scan, contract, Data(file.key), change.isAdded ? "added" : "changed"])
                case .modeChanged(let key, let mode):
                    try setMode.execute(arguments: [Int64(mode), scan, contract, Data(key)])
                    try log.execute(arguments: [scan, contract, Data(key), "mode"])
                case .removed(let key):
                    try delete.execute(arguments: [contract, Data(key)])
                    try log.execute(arguments: [scan, contract, Data(key), "removed"])
                }
            }
        }
    }

    /// Whether the dataroom root was a mount point at the last scan (nil: never recorded).
    public func dataroomWasMountPoint(_ root: String) throws(Error) -> Bool? {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: ["mount-point:" + root]).map {
                $0 == "1"
            }
        }
    }

    public func setDataroomMountPoint(_ root: String, _ isMountPoint: Bool) throws(Error) {
        guard try dataroomWasMountPoint(root) != isMountPoint else { return }
        try write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                arguments: ["mount-point:" + root, isMountPoint ? "1" : "0"])
        }
    }

    /// Marks a contract folder as present.
    public func addFolder(_ contract: String) throws(Error) {
        try write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO scan_folders (contract) VALUES (?)", arguments: [contract])
        }
    }

    /// Records whether the scan could walk a contract folder it listed.
    public func markFolder(_ contract: String, readable: Bool) throws(Error) {
        try write { db in
            try db.execute(
                sql: "UPDATE scan_folders SET unreadable = ? WHERE contract = ? AND unreadable != ?",
                arguments: [!readable, contract, !readable])
        }
    }

    /// Forgets a contract folder that is gone, recording the removal of each of its files.
    /// Returns how many files it held.
    public func removeFolder(_ contract: String, scan: Int64) throws(Error) -> Int {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO scan_changes (scan_id, contract, key, change)
                    SELECT ?, contract, key, 'removed' FROM scan_files WHERE contract = ?
                    """, arguments: [scan, contract])
            try db.execute(sql: "DELETE FROM scan_files WHERE contract = ?", arguments: [contract])
            let removed = db.changesCount
            try db.execute(sql: "DELETE FROM scan_folders WHERE contract = ?", arguments: [contract])
            return removed
        }
    }

    /// Up to `limit` files without a hash after (`contract`, `key`), in order; restricted to
    /// one contract when `only` is given.
    public func unhashedFiles(
        after position: (contract: String, key: [UInt8])?, only: String? = nil,
        limit: Int
    ) throws(Error) -> [HashRequest] {
        try read { db in
            var conditions = ["sha256 IS NULL"]
            var arguments: StatementArguments = []
            if let position {
                conditions.append("(contract, key) > (?, ?)")
                arguments += [position.contract, Data(position.key)]
            }
            if let only {
                conditions.append("contract = ?")
                arguments += [only]
            }
            arguments += [limit]
            let statement = try db.cachedStatement(
                sql: """
                    SELECT key, size, mtime_ns, inode, mode, sha256, contract FROM scan_files
                    WHERE \(conditions.joined(separator: " AND ")) ORDER BY contract, key LIMIT ?
                    """)
            try statement.setArguments(arguments)
            var requests: [HashRequest] = []
            let rows = try Row.fetchCursor(statement)
            while let row = try rows.next() {
                requests.append(HashRequest(contract: try row.decode(forColumn: "contract"), file: try CachedFile(row: row)))
            }
            return requests
        }
    }

    /// Stores hashes computed for files, unless the file changed in the cache meanwhile.
    public func storeHashes(_ hashes: [(contract: String, file: CachedFile, sha256: [UInt8])]) throws(Error) {
        guard !hashes.isEmpty else { return }
        try write { db in
            let update = try db.cachedStatement(
                sql: """
                    UPDATE scan_files SET sha256 = ? WHERE contract = ? AND key = ? AND size = ? AND mtime_ns = ? AND inode = ?
                    """)
            for (contract, file, sha256) in hashes {
                try update.execute(arguments: [
                    Data(sha256), contract, Data(file.key), file.size, file.modifiedNanoseconds,
                    Int64(bitPattern: file.inode),
                ])
            }
        }
    }

    public func recordProblems(_ problems: [(path: String, message: String)], scan: Int64) throws(Error) {
        guard !problems.isEmpty else { return }
        try write { db in
            let insert = try db.cachedStatement(sql: "INSERT INTO scan_problems (scan_id, path, message) VALUES (?, ?, ?)")
            for problem in problems { try insert.execute(arguments: [scan, problem.path, problem.message]) }
        }
    }

    /// The changes recorded by a scan, for reports and tests.
    public func changes(ofScan scan: Int64) throws(Error) -> [(contract: String, key: [UInt8], change: String)] {
        try read { db in
            try Row.fetchAll(
                db, sql: "SELECT contract, key, change FROM scan_changes WHERE scan_id = ? ORDER BY rowid",
                arguments: [scan]
            ).map { row in
                (
                    try row.decode(forColumn: "contract"), [UInt8](try row.decode(Data.self, forColumn: "key")),
                    try row.decode(forColumn: "change")
                )
            }
        }
    }

    /// Reads rows of (key, size, mtime_ns, inode, mode, sha256) with SQLite's own API: this is
    /// the inner loop of every rescan.
    private static func readFiles(_ statement: Statement) throws -> [CachedFile] {
        var files: [CachedFile] = []
        let handle = statement.sqliteStatement
        // Reset also after an error: the cached statement is reused, and an unreset one keeps
        // its read transaction open.
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "reading the scan cache")
            }
            files.append(
                CachedFile(
                    key: bytes(handle, 0) ?? [], size: sqlite3_column_int64(handle, 1),
                    modifiedNanoseconds: sqlite3_column_int64(handle, 2),
                    inode: UInt64(bitPattern: sqlite3_column_int64(handle, 3)),
                    mode: UInt32(truncatingIfNeeded: sqlite3_column_int64(handle, 4)), sha256: bytes(handle, 5)))
        }
        return files
    }

    private static func bytes(_ handle: OpaquePointer?, _ column: Int32) -> [UInt8]? {
        guard sqlite3_column_type(handle, column) != SQLITE_NULL else { return nil }
        let count = Int(sqlite3_column_bytes(handle, column))
        guard count > 0, let pointer = sqlite3_column_blob(handle, column) else { return [] }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

}
