import Foundation
import GRDB
import Testing

@testable import ExitReadinessStore

@Suite("The database and its scan cache")
struct ExitReadyStoreTests {
    /// A database file in a fresh temporary folder.
    final class TemporaryDatabase {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)")
        var path: String { folder.appendingPathComponent("exitready.db").path }
        init() throws { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(at: folder) }
    }

    /// A fresh database in memory.
    static func inMemory() throws -> ExitReadyStore {
        try ExitReadyStore(writer: DatabaseQueue())
    }

    func file(_ name: String, size: Int64 = 1) -> CachedFile {
        CachedFile(
            key: Array(name.utf8).map { $0 == UInt8(ascii: "/") ? 0 : $0 }, size: size, modifiedNanoseconds: 1, inode: 7,
            mode: 0o100640)
    }

    @Test func migrationsApplyOnceAndTheFileIsSound() throws {
        let database = try TemporaryDatabase()
        let store = try ExitReadyStore(path: database.path)
        #expect(
            try store.appliedMigrations() == [
                "v1-scan-cache", "v2-history-and-alerts", "v3-database-identity", "v4-unreadable-folders",
                "v5-evaluations-by-day", "v6-action-alerts", "v7-alert-counts", "v8-forecast-alerts",
            ])
        let reopened = try ExitReadyStore(path: database.path)
        #expect(
            try reopened.appliedMigrations() == [
                "v1-scan-cache", "v2-history-and-alerts", "v3-database-identity", "v4-unreadable-folders",
                "v5-evaluations-by-day", "v6-action-alerts", "v7-alert-counts", "v8-forecast-alerts",
            ])
        #expect(try reopened.integrityCheck() == "ok")
        #expect(try reopened.databaseID() == (try store.databaseID()))
        #expect(try store.databaseID().count >= 16)
    }

    @Test func changesAreAppliedAndLogged() throws {
        let store = try Self.inMemory()
        let first = try store.beginScan(root: "/srv/dataroom", at: 1)
        try store.addFolder("acme")
        try store.apply([.added(file("a")), .added(file("b/c")), .added(file("b-c"))], contract: "acme", scan: first)
        try store.finishScan(first, totals: ScanTotals(), at: 2)
        // Key order is walk order: "b/c" (b, 0, c) sorts before "b-c".
        #expect(try store.files(of: "acme").map(\.key) == [file("a").key, file("b/c").key, file("b-c").key])

        let second = try store.beginScan(root: "/srv/dataroom", at: 1)
        try store.storeHashes([("acme", file("a"), Array(repeating: 1, count: 32))])
        try store.apply(
            [
                .changed(file("a", size: 2)), .modeChanged(key: file("b/c").key, mode: 0o100600),
                .removed(key: file("b-c").key),
            ], contract: "acme", scan: second)
        let files = try store.files(of: "acme")
        #expect(files.map(\.size) == [2, 1])
        #expect(files[0].sha256 == nil, "a changed file must be hashed again")
        #expect(files[1].mode == 0o100600)
        #expect(try store.changes(ofScan: second).map(\.change) == ["changed", "mode", "removed"])
    }

    @Test func cacheReadsSkipTheRowsOfTheRunningScan() throws {
        let store = try Self.inMemory()
        let first = try store.beginScan(root: "/r", at: 1)
        try store.apply((0..<10).map { .added(file(String(format: "f%02d", $0))) }, contract: "acme", scan: first)
        let second = try store.beginScan(root: "/r", at: 1)
        try store.apply([.added(file("f05x"))], contract: "acme", scan: second)
        let chunk = try store.cachedFiles(of: "acme", after: file("f04").key, limit: 3, excludingScan: second)
        #expect(chunk.map { String(decoding: $0.key, as: UTF8.self) } == ["f05", "f06", "f07"])
        let all = try store.cachedFiles(of: "acme", after: nil, limit: 100, excludingScan: second)
        #expect(all.count == 10)
    }

    @Test func removingAFolderLogsEveryFile() throws {
        let store = try Self.inMemory()
        let scan = try store.beginScan(root: "/r", at: 1)
        try store.addFolder("acme")
        try store.apply([.added(file("a")), .added(file("b"))], contract: "acme", scan: scan)
        let later = try store.beginScan(root: "/r", at: 1)
        #expect(try store.removeFolder("acme", scan: later) == 2)
        #expect(try store.cachedFolders().isEmpty)
        #expect(try store.changes(ofScan: later).map(\.change) == ["removed", "removed"])
    }

    @Test func unhashedFilesArePagedInOrder() throws {
        let store = try Self.inMemory()
        let scan = try store.beginScan(root: "/r", at: 1)
        try store.apply([.added(file("a")), .added(file("b"))], contract: "acme", scan: scan)
        try store.apply([.added(file("a"))], contract: "beta", scan: scan)
        let page = try store.unhashedFiles(after: nil, limit: 2)
        #expect(page.map(\.contract) == ["acme", "acme"])
        let next = try store.unhashedFiles(after: ("acme", page[1].file.key), limit: 2)
        #expect(next.map(\.contract) == ["beta"])
        #expect(try store.unhashedFiles(after: nil, only: "beta", limit: 10).count == 1)
    }

    @Test func scansAreDatedByTheCaller() throws {
        let store = try Self.inMemory()
        #expect(try store.lastCompletedScan() == nil)
        let scan = try store.beginScan(root: "/r", at: 1_000)
        try store.finishScan(scan, totals: ScanTotals(), at: 1_060.5)
        #expect(try store.lastCompletedScan() == 1_060.5)
        let started = try store.writer.read { db in try Double.fetchOne(db, sql: "SELECT started_at FROM scans") }
        #expect(started == 1_000)
    }
}
