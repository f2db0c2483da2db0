import GRDB
import GRDBSQLite

/// The one owner of exitready's SQLite database (WAL): it opens the file, applies the named
/// migrations in order and offers reads and writes named after what they are for.
///
/// Every other part of exitready goes through this type; nobody else sees SQL.
public final class ExitReadyStore: Sendable {
    /// The database file (`:memory:` for a database in memory).
    public let path: String
    let writer: any DatabaseWriter

    /// Opens (or creates) the database at `path` (WAL) and brings its schema up to date.
    public convenience init(path: String) throws(Error) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // WAL with synchronous=NORMAL keeps every committed transaction when the process is
            // killed; only a power loss can cost the last ones.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, error)
        }
        try self.init(writer: pool)
    }

    /// Opens an existing database to read it only, as it is: no migration, no write (a client
    /// reading the daemon's history while the daemon runs).
    public convenience init(readingOnly path: String) throws(Error) {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            throw .cannotOpen(path: path, error)
        }
        self.init(reader: queue)
    }

    private init(reader: DatabaseQueue) {
        path = reader.path
        writer = reader
    }

    /// Uses any GRDB database (e.g. a `DatabaseQueue()` in memory) and brings its schema up to date.
    public init(writer: any DatabaseWriter) throws(Error) {
        path = writer.path
        self.writer = writer
        do {
            try Self.migrator.migrate(writer)
        } catch {
            throw .cannotOpen(path: path, error)
        }
        // SQLite opens a database it cannot write read-only without a word (e.g. a read-only
        // state directory that still holds the WAL files); say so now rather than store nothing.
        let readOnly = try write { db in sqlite3_db_readonly(db.sqliteConnection, "main") == 1 }
        if readOnly { throw .readOnly(path: path) }
    }

    /// The names of the migrations applied to this database, oldest first.
    public func appliedMigrations() throws(Error) -> [String] {
        try read { db in try Self.migrator.appliedMigrations(db) }
    }

    /// The random id given to this database when it was created.
    public func databaseID() throws(Error) -> String {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'database_id'") ?? "" }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws(Error) -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// Runs `body` in a read transaction; any failure becomes `Error.readFailed`.
    func read<T>(_ body: (Database) throws -> T) throws(Error) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw .readFailed(path: path, error)
        }
    }

    /// Runs `body` in a write transaction; any failure becomes `Error.writeFailed`.
    func write<T>(_ body: (Database) throws -> T) throws(Error) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw .writeFailed(path: path, error)
        }
    }
}
