import GRDB
import GRDBSQLite

/// The database cannot be opened or written.
public struct StoreError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "\(path): \(reason)" }
}

/// The one owner of exitready's SQLite database (WAL): it opens the file, applies the named
/// migrations in order and offers reads and writes named after what they are for.
///
/// Every other part of exitready goes through this type; nobody else sees SQL.
public final class ExitReadyStore: Sendable {
    public let path: String
    let pool: DatabasePool

    /// Opens (or creates) the database at `path` and brings its schema up to date.
    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL keeps every committed transaction when the process is
            // killed; only a power loss can cost the last ones.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch {
            throw StoreError(path: path, reason: "\(error)")
        }
        // SQLite opens a database it cannot write read-only without a word (e.g. a read-only
        // state directory that still holds the WAL files); say so now rather than store nothing.
        let readOnly = try pool.write { db in sqlite3_db_readonly(db.sqliteConnection, "main") == 1 }
        if readOnly { throw StoreError(path: path, reason: "the database is read-only; the state directory must be writable") }
    }

    /// The names of the migrations applied to this database, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// The random id given to this database when it was created.
    public func databaseID() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'database_id'") ?? "" }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }
}
