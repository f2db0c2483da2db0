import GRDB
import Testing

@testable import ExitReadinessStore

/// Failures say what failed, where, and what SQLite said.
@Suite("Store errors")
struct StoreErrorTests {
    @Test func aFileThatCannotBeCreatedCannotBeOpened() throws {
        let path = "/nonexistent-\(UInt64.random(in: 0 ... .max))/exitready.db"
        let error = try #require(throws: ExitReadyStore.Error.self) { _ = try ExitReadyStore(path: path) }
        guard case .cannotOpen(let failed, _) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(failed == path)
        #expect("\(error)".hasPrefix(path + ": "))
    }

    @Test func aReadOnlyDatabaseIsRefused() throws {
        let database = try ExitReadyStoreTests.TemporaryDatabase()
        _ = try ExitReadyStore(path: database.path)
        var configuration = Configuration()
        configuration.readonly = true
        let readOnly = try DatabaseQueue(path: database.path, configuration: configuration)
        let error = try #require(throws: ExitReadyStore.Error.self) { _ = try ExitReadyStore(writer: readOnly) }
        guard case .readOnly(let failed) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(failed == database.path)
        #expect("\(error)" == "\(database.path): the database is read-only; the state directory must be writable")
    }

    @Test func aRefusedWriteIsAWriteFailure() throws {
        let store = try ExitReadyStoreTests.inMemory()
        // There is no scan 99: the foreign key refuses the problem.
        let error = try #require(throws: ExitReadyStore.Error.self) {
            try store.recordProblems([("acme/a", "unreadable")], scan: 99)
        }
        guard case .writeFailed(_, let cause) = error else {
            Issue.record("\(error)")
            return
        }
        #expect((cause as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT)
        #expect("\(error)" == "\(cause)", "reads as SQLite's message, as before")
    }

    /// A row the types do not know (written by a newer exitready, or by hand) fails the read
    /// instead of stopping the process.
    @Test func anUnknownStoredValueIsAReadFailure() throws {
        let store = try ExitReadyStoreTests.inMemory()
        try store.writer.write { db in
            try db.execute(
                sql: """
                    INSERT INTO alerts (at, kind, priority, scope, findings, message) VALUES (1, 'meteor-strike', 'crit', 'portfolio', '', 'x')
                    """)
        }
        let error = try #require(throws: ExitReadyStore.Error.self) { _ = try store.alerts(since: nil, limit: 10) }
        guard case .readFailed = error else {
            Issue.record("\(error)")
            return
        }
    }
}
