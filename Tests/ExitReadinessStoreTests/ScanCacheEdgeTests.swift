import Testing

@testable import ExitReadinessStore

/// The scan cache keeps the extreme values a hostile dataroom produces, and which folders the
/// last scan could not walk.
@Suite("Scan cache edge cases")
struct ScanCacheEdgeTests {
    @Test func clampedModificationTimesRoundTrip() throws {
        let store = try ExitReadyStoreTests.inMemory()
        let scan = try store.beginScan(root: "/srv/dataroom", at: 1)
        let files = [Int64.min, -1, 0, Int64.max].enumerated().map { index, time in
            CachedFile(
                key: Array("f\(index)".utf8), size: 1, modifiedNanoseconds: time, inode: UInt64.max - UInt64(index),
                mode: 0o100640)
        }
        try store.apply(files.map { .added($0) }, contract: "acme", scan: scan)
        #expect(try store.files(of: "acme") == files)
        // Storing a hash matches the row by its time too.
        try store.storeHashes(files.map { ("acme", $0, [1, 2, 3]) })
        #expect(try store.files(of: "acme").allSatisfy { $0.sha256 == [1, 2, 3] })
    }

    @Test func unreadableFoldersAreKeptButNotReadable() throws {
        let store = try ExitReadyStoreTests.inMemory()
        try store.addFolder("acme")
        try store.addFolder("beta")
        #expect(try store.readableFolders() == ["acme", "beta"])
        try store.markFolder("acme", readable: false)
        #expect(try store.readableFolders() == ["beta"])
        #expect(try store.cachedFolders() == ["acme", "beta"])
        // Re-adding a listed folder keeps what the last walk found.
        try store.addFolder("acme")
        #expect(try store.readableFolders() == ["beta"])
        try store.markFolder("acme", readable: true)
        #expect(try store.readableFolders() == ["acme", "beta"])
    }
}
