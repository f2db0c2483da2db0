import ExitReadiness
import ExitReadinessStore
import Foundation
import Testing

@testable import ExitReadinessDataroom

/// What anyone who can write to the dataroom share can put there must not stop, hang or crash a
/// scan: files dated centuries away, a FIFO where a file was, a tree thousands of levels deep.
@Suite("Hostile dataroom trees")
struct HostileTreeTests {
    typealias Room = DataroomScannerTests.Room

    /// Sets a file's access and modification time.
    func touch(_ path: String, seconds: Int) {
        var times = [timespec(tv_sec: seconds, tv_nsec: 5), timespec(tv_sec: seconds, tv_nsec: 5)]
        #expect(utimensat(AT_FDCWD, path, &times, 0) == 0)
    }

    /// 2300-01-01 and 1600-01-01 (UTC), outside what Int64 nanoseconds can hold.
    static let year2300 = 10_413_792_000
    static let year1600 = -11_676_096_000

    @Test func timesOutsideInt64NanosecondsAreClamped() {
        #expect(FileTreeWalker.nanoseconds(timespec(tv_sec: Self.year2300, tv_nsec: 5)) == .max)
        #expect(FileTreeWalker.nanoseconds(timespec(tv_sec: Self.year1600, tv_nsec: 5)) == .min)
        #expect(FileTreeWalker.nanoseconds(timespec(tv_sec: 9_223_372_036, tv_nsec: 999_999_999)) == .max)
        #expect(FileTreeWalker.nanoseconds(timespec(tv_sec: 9_223_372_036, tv_nsec: 854_775_807)) == .max)
        #expect(FileTreeWalker.nanoseconds(timespec(tv_sec: -1, tv_nsec: 5)) == -999_999_995)
        #expect(FileTreeWalker.nanoseconds(timespec(tv_sec: 1_800_000_000, tv_nsec: 5)) == 1_800_000_000_000_000_005)
    }

    /// What the walk must record for a file: its time in nanoseconds, or the nearest end of the
    /// Int64 range. (A file system may itself clamp the times it is given, e.g. to 1901-2446.)
    func expectedNanoseconds(_ path: String) -> Int64 {
        var status = stat()
        #expect(lstat(path, &status) == 0)
        let (whole, overflow) = Int64(status.st_mtim.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return status.st_mtim.tv_sec < 0 ? .min : .max }
        return whole + Int64(status.st_mtim.tv_nsec)
    }

    @Test func filesDatedIn2300Or1600AreScannedCachedAndScored() throws {
        let room = try Room()
        var expected: [String: Int64] = [:]
        for (name, seconds) in [("future.pdf", Self.year2300), ("past.pdf", Self.year1600), ("now.pdf", 1_800_000_000)] {
            try room.write("acme/" + name, name)
            touch(room.root + "/acme/" + name, seconds: seconds)
            expected[name] = expectedNanoseconds(room.root + "/acme/" + name)
        }
        #expect(expected["now.pdf"] == 1_800_000_000_000_000_005)

        var times: [String: Int64] = [:]
        _ = try FileTreeWalker.walk(room.root + "/acme") {
            times[String(decoding: $0.path, as: UTF8.self)] = $0.modifiedNanoseconds
        }
        #expect(times == expected)

        let first = try room.scanner.scan(hash: true)
        #expect(first.problems.isEmpty && first.totals.hashedFiles == 3)
        // The cache gives back exactly what the walk saw, so the next scan finds nothing changed.
        let cached = Dictionary(
            uniqueKeysWithValues: try room.store.files(of: "acme").map {
                (String(decoding: $0.path, as: UTF8.self), $0.modifiedNanoseconds)
            })
        #expect(cached == expected)
        let second = try room.scanner.scan(hash: true)
        #expect(second.totals.changed == 0 && second.totals.hashedFiles == 0 && second.problems.isEmpty)

        let folder = try #require(try DirectoryDataroom(root: room.root).folder(for: "acme"))
        #expect(try CachedDataroom(store: room.store).folder(for: "acme") == folder)
    }

    @Test func aFIFOSwappedInBeforeHashingIsAProblemNotAHang() throws {
        let room = try Room()
        try room.write("acme/minutes.txt", "minutes")
        try room.write("acme/other.txt", "other")
        _ = try room.scanner.scan(hash: false)
        try FileManager.default.removeItem(atPath: room.root + "/acme/minutes.txt")
        #expect(mkfifo(room.root + "/acme/minutes.txt", 0o644) == 0)
        var totals = ScanTotals()
        var problems: [ScanProblem] = []
        // Without O_NONBLOCK the open would wait forever for a writer.
        try FileHasher(root: room.root).hashPending(in: room.store, only: nil, totals: &totals, problems: &problems)
        #expect(
            problems == [
                ScanProblem(path: "acme/minutes.txt", message: "is not a regular file any more; the next scan will drop it")
            ])
        #expect(totals.hashedFiles == 1)
        let rescan = try room.scanner.scan(hash: true)
        #expect(try room.changes(rescan) == ["removed acme/minutes.txt"])
        #expect(rescan.problems.isEmpty)
    }

    @Test func directoriesBelowTheDepthLimitAreReportedNotEntered() throws {
        let room = try Room()
        // One-letter names keep the deepest path (about 600 bytes) far below PATH_MAX.
        let levels = FileTreeWalker.maximumDepth + 40
        var path = "acme"
        for level in 1...levels {
            path += "/d"
            try room.write(path + "/f", "level \(level)")
        }
        var visited = 0
        let problems = try FileTreeWalker.walk(room.root + "/acme") { _ in visited += 1 }
        #expect(visited == FileTreeWalker.maximumDepth)
        let tooDeep = String(repeating: "d/", count: FileTreeWalker.maximumDepth) + "d"
        #expect(problems == [ScanProblem(path: tooDeep, message: "more than 256 directory levels deep; not scanned")])

        let report = try room.scanner.scan(hash: false)
        #expect(report.totals.files == FileTreeWalker.maximumDepth)
        #expect(report.problems.map(\.path) == ["acme/" + tooDeep])
    }
}
