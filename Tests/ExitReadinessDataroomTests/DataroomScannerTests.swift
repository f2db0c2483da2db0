import ExitReadiness
import ExitReadinessStore
import Foundation
import Synchronization
import Testing

@testable import ExitReadinessDataroom

@Suite("Scanning the dataroom into the cache")
struct DataroomScannerTests {
    /// A dataroom root and a database beside it, removed when the test ends.
    final class Room {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("room-\(UUID().uuidString)").path
        var root: String { base + "/dataroom" }
        let store: ExitReadyStore

        init() throws {
            try FileManager.default.createDirectory(atPath: base + "/dataroom", withIntermediateDirectories: true)
            store = try ExitReadyStore(path: base + "/exitready.db")
        }

        deinit { try? FileManager.default.removeItem(atPath: base) }

        var scanner: DataroomScanner { DataroomScanner(root: root, store: store) }

        func write(_ relative: String, _ content: String) throws {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent,
                withIntermediateDirectories: true)
            try content.write(toFile: path, atomically: false, encoding: .utf8)
        }

        /// Creates a file whose name is given as raw bytes.
        func write(contract: String, rawName: [UInt8], _ content: String) throws {
            try FileManager.default.createDirectory(atPath: root + "/" + contract, withIntermediateDirectories: true)
            let path = Array((root + "/" + contract + "/").utf8) + rawName + [0]
            let descriptor = path.withUnsafeBufferPointer {
                $0.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY | O_TRUNC, 0o640) }
            }
            #expect(descriptor >= 0)
            _ = content.withCString { Glibc.write(descriptor, $0, strlen($0)) }
            close(descriptor)
        }

        func changes(_ report: DataroomScanner.Report) throws -> [String] {
            try store.changes(ofScan: report.scan).map {
                "\($0.change) \($0.contract)/\(String(decoding: $0.key.map { $0 == 0 ? 47 : $0 }, as: UTF8.self))"
            }
        }
    }

    @Test func firstScanHashesEverythingAndASecondHashesNothing() throws {
        let room = try Room()
        try room.write("acme/contract/signed.pdf", "contract")
        try room.write("acme/wfm/history/2026.csv", "volumes")
        try room.write("beta/a", "")
        let first = try room.scanner.scan(hash: true)
        #expect(first.totals.files == 3 && first.totals.added == 3 && first.totals.hashedFiles == 3)
        #expect(first.totals.hashedBytes == 15)
        let second = try room.scanner.scan(hash: true)
        #expect(second.totals.files == 3)
        #expect(second.totals.added + second.totals.changed + second.totals.removed + second.totals.hashedFiles == 0)
        #expect(try room.changes(second).isEmpty)
        // The empty file is recorded with size 0 and the hash of nothing.
        let empty = try room.store.files(of: "beta")
        #expect(empty.first?.size == 0)
        #expect(
            empty.first?.sha256?.map { String(format: "%02x", $0) }.joined()
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func touchingOneFileHashesExactlyThatFile() throws {
        let room = try Room()
        for index in 0..<20 { try room.write("acme/doc\(index).txt", "document \(index)") }
        _ = try room.scanner.scan(hash: true)
        var times = [timespec(tv_sec: 1_800_000_000, tv_nsec: 0), timespec(tv_sec: 1_800_000_000, tv_nsec: 0)]
        utimensat(AT_FDCWD, room.root + "/acme/doc7.txt", &times, 0)
        let report = try room.scanner.scan(hash: true)
        #expect(report.totals.changed == 1 && report.totals.hashedFiles == 1)
        #expect(try room.changes(report) == ["changed acme/doc7.txt"])
    }

    @Test func recordsAddedRemovedModesAndVanishedFolders() throws {
        let room = try Room()
        try room.write("acme/a", "a")
        try room.write("acme/b", "b")
        try room.write("gone/x", "x")
        _ = try room.scanner.scan(hash: false)
        try FileManager.default.removeItem(atPath: room.root + "/acme/a")
        try room.write("acme/c", "c")
        chmod(room.root + "/acme/b", 0o600)
        try FileManager.default.removeItem(atPath: room.root + "/gone")
        let report = try room.scanner.scan(hash: false)
        #expect(Set(try room.changes(report)) == ["removed gone/x", "removed acme/a", "mode acme/b", "added acme/c"])
        #expect(report.totals.added == 1 && report.totals.removed == 2 && report.totals.modeChanges == 1)
        #expect(try room.store.cachedFolders() == ["acme"])
    }

    @Test func chunkBoundariesDoNotLoseOrInventFiles() throws {
        let room = try Room()
        let count = DataroomScanner.chunk * 2 + 17
        for index in 0..<count { try room.write("acme/f\(String(format: "%05d", index))", "") }
        #expect(try room.scanner.scan(hash: false).totals.added == count)
        #expect(try room.scanner.scan(hash: false).totals.added == 0)
        // Remove files on both sides of a chunk boundary and add some in between.
        for index in [0, DataroomScanner.chunk - 1, DataroomScanner.chunk, count - 1] {
            try FileManager.default.removeItem(atPath: room.root + "/acme/f\(String(format: "%05d", index))")
        }
        try room.write("acme/f04095x", "")
        try room.write("acme/zz-last", "")
        let report = try room.scanner.scan(hash: false)
        #expect(report.totals.removed == 4 && report.totals.added == 2 && report.totals.changed == 0)
        #expect(try room.store.files(of: "acme").count == count - 2)
        #expect(try room.scanner.scan(hash: false).totals.added == 0)
    }

    @Test func hostileNamesAreKeptAndTheManifestVerifiesWithSha256sum() throws {
        let room = try Room()
        try room.write("acme/plain name.pdf", "plain")
        try room.write("acme/back\\slash.txt", "backslash")
        try room.write("acme/new\nline.txt", "newline")
        try room.write("acme/carriage\rreturn.txt", "carriage return")
        try room.write("acme/ünïcödé/σ.txt", "unicode")
        try room.write(contract: "acme", rawName: [0x62, 0x61, 0x64, 0xFF, 0xFE], "invalid utf-8")
        let manifest = try ContractManifest(root: room.root, contract: "acme").build(store: room.store).text
        #expect(try ContractManifest(root: room.root, contract: "acme").build().text == manifest, "cache and plain hashing agree")
        let manifestPath = room.base + "/acme.sha256"
        try Data(manifest).write(to: URL(fileURLWithPath: manifestPath))
        #expect(try sha256sumCheck(manifestPath, in: room.root + "/acme") == 0)
        try room.write("acme/back\\slash.txt", "backslasH")
        #expect(try sha256sumCheck(manifestPath, in: room.root + "/acme") != 0, "a changed byte must fail verification")
    }

    @Test func aMissingRootLeavesTheCacheUntouched() throws {
        let room = try Room()
        try room.write("acme/a", "a")
        _ = try room.scanner.scan(hash: true)
        try FileManager.default.moveItem(atPath: room.root, toPath: room.root + ".away")
        #expect(throws: DataroomScanner.Failure.self) { try room.scanner.scan(hash: true) }
        #expect(try room.store.files(of: "acme").count == 1)
        #expect(try room.store.cachedFolders() == ["acme"])
    }

    @Test func symlinksAndInvalidFolderNamesAreNotScanned() throws {
        let room = try Room()
        let outside = room.base + "/outside"
        try FileManager.default.createDirectory(atPath: outside, withIntermediateDirectories: true)
        try "secret".write(toFile: outside + "/secret", atomically: false, encoding: .utf8)
        try room.write("acme/real", "real")
        try FileManager.default.createSymbolicLink(atPath: room.root + "/acme/out", withDestinationPath: outside)
        try FileManager.default.createSymbolicLink(atPath: room.root + "/acme/loop", withDestinationPath: ".")
        try FileManager.default.createSymbolicLink(atPath: room.root + "/linked", withDestinationPath: room.root + "/acme")
        try room.write("lost+found/x", "x")
        let report = try room.scanner.scan(hash: true)
        #expect(report.totals.files == 1)
        #expect(try room.store.cachedFolders() == ["acme"])
    }

    @Test func aFileChangedAfterTheScanIsNotHashedUntilRescanned() throws {
        let room = try Room()
        try room.write("acme/grows.log", "first")
        _ = try room.scanner.scan(hash: false)
        try room.write("acme/grows.log", "first and more")
        var totals = ScanTotals()
        var problems: [ScanProblem] = []
        try FileHasher(root: room.root).hashPending(in: room.store, only: nil, totals: &totals, problems: &problems)
        #expect(totals.hashedFiles == 0)
        #expect(problems.map(\.message) == ["changed since the scan; it will be hashed after the next scan"])
        #expect(try room.store.files(of: "acme").first?.sha256 == nil)
        #expect(try room.scanner.scan(hash: true).totals.hashedFiles == 1)
    }

    @Test func aFileDeletedBeforeHashingIsAProblemNotAFailure() throws {
        let room = try Room()
        try room.write("acme/short-lived", "x")
        _ = try room.scanner.scan(hash: false)
        try FileManager.default.removeItem(atPath: room.root + "/acme/short-lived")
        var totals = ScanTotals()
        var problems: [ScanProblem] = []
        try FileHasher(root: room.root).hashPending(in: room.store, only: nil, totals: &totals, problems: &problems)
        #expect(problems.map(\.message) == ["vanished before it was hashed"])
    }

    @Test func aFileGrowingWhileHashedIsNotStored() throws {
        let room = try Room()
        let path = room.root + "/acme/growing.bin"
        try room.write("acme/growing.bin", "")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.write(contentsOf: Data(count: 256 << 20))
        _ = try room.scanner.scan(hash: false)
        // A thread (not a task: it must run whatever the test pool does) appends while the
        // hasher reads the 256 MiB; the first append lands before or during the read.
        let stop = Mutex(false)
        let writer = Thread {
            while !stop.withLock({ $0 }) {
                try? handle.write(contentsOf: Data([1]))
                usleep(500)
            }
        }
        writer.start()
        var totals = ScanTotals()
        var problems: [ScanProblem] = []
        try FileHasher(root: room.root).hashPending(in: room.store, only: nil, totals: &totals, problems: &problems)
        stop.withLock { $0 = true }
        while writer.isExecuting { usleep(1000) }
        try handle.close()
        #expect(totals.hashedFiles == 0)
        #expect(problems.count == 1 && problems.first?.message.contains("changed") == true, "\(problems)")
        #expect(try room.store.files(of: "acme").first?.sha256 == nil)
        #expect(try room.scanner.scan(hash: true).totals.hashedFiles == 1)
    }

    @Test func theCachedViewScoresLikeThePlainWalk() throws {
        let room = try Room()
        try room.write("acme/exit/plan.md", "plan")
        try room.write("acme/personnel/roster.csv", "roster")
        chmod(room.root + "/acme/personnel/roster.csv", 0o644)
        try room.write("acme/deep/er/still/file", "x")
        _ = try room.scanner.scan(hash: false)
        let cached = try CachedDataroom(store: room.store)
        let plain = try DirectoryDataroom(root: room.root)
        #expect(try cached.folder(for: "acme") == plain.folder(for: "acme"))
        #expect(try cached.folder(for: "beta") == nil && plain.folder(for: "beta") == nil)
    }

    /// Runs the real `sha256sum -c` on a manifest from inside the contract folder.
    func sha256sumCheck(_ manifest: String, in folder: String) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = ["--check", "--quiet", manifest]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
