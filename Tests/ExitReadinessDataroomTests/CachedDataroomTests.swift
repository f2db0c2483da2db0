import ExitReadiness
import ExitReadinessStore
import Foundation
import Synchronization
import Testing

@testable import ExitReadinessDataroom

/// Scoring from the scan cache gives exactly what scoring a plain walk of the dataroom gives,
/// also for folders the scan could not walk, and never mistakes a broken cache for a missing
/// folder.
@Suite("Scoring from the scan cache")
struct CachedDataroomTests {
    typealias Room = DataroomScannerTests.Room

    /// One critical contract whose checklist wants an exit plan.
    static let inventory = Inventory(contracts: [
        Contract(
            id: "acme", supplier: "Acme", service: "Inbound", criticality: .critical,
            start: Day(iso: "2024-01-01")!, end: Day(iso: "2028-12-31")!, noticeDays: 90)
    ])

    static let evaluator = PortfolioEvaluator(
        scorer: ContractScorer(
            policy: ScoringPolicy(),
            checklist: Checklist(requirements: [Requirement(id: "plan", title: "Exit plan", patterns: [Glob("exit/**")])]),
            today: Day(iso: "2026-12-01")!, localDay: LocalCalendar.day(ofEpochSeconds:)))

    /// The findings codes of the contract and the whole evaluation document, plainly and cached.
    func scores(_ room: Room) throws -> (plain: JSONValue, cached: JSONValue, codes: [FindingCode]) {
        let plain = Self.evaluator.evaluate(Self.inventory, dataroom: try DirectoryDataroom(root: room.root))
        let cached = try Self.evaluator.evaluate(Self.inventory, dataroom: try CachedDataroom(store: room.store))
        return (plain.json, cached.json, plain.contracts[0].findings.map(\.code))
    }

    /// A scan that sees the folder `acme` listed, which is then replaced by a regular file
    /// before it is walked (as a share being rewritten under the scan would do).
    func scanWhileTheFolderIsReplaced(_ room: Room) throws {
        let swapped = Mutex(false)
        let folder = room.root + "/acme"
        let away = room.base + "/acme-away"
        _ = try room.scanner.scan(
            hash: false,
            progress: {
                swapped.withLock { done in
                    guard !done else { return }
                    done = true
                    try? FileManager.default.moveItem(atPath: folder, toPath: away)
                    try? "not a folder".write(toFile: folder, atomically: false, encoding: .utf8)
                }
                return true
            })
        #expect(swapped.withLock { $0 })
    }

    @Test func aFolderTheScanCouldNotWalkScoresAsThePlainWalk() throws {
        let room = try Room()
        try room.write("acme/exit/plan.md", "plan")
        _ = try room.scanner.scan(hash: false)
        try scanWhileTheFolderIsReplaced(room)
        let broken = try scores(room)
        #expect(broken.codes.contains(.d00))
        #expect(broken.cached == broken.plain)

        // Readable again: the next scan walks it and both agree again.
        try FileManager.default.removeItem(atPath: room.root + "/acme")
        try FileManager.default.moveItem(atPath: room.base + "/acme-away", toPath: room.root + "/acme")
        _ = try room.scanner.scan(hash: false)
        let healed = try scores(room)
        #expect(!healed.codes.contains(.d00) && !healed.codes.contains(.d01))
        #expect(healed.cached == healed.plain)
    }

    @Test func aNewFolderTheScanCouldNotWalkScoresAsThePlainWalk() throws {
        let room = try Room()
        try room.write("acme/exit/plan.md", "plan")
        try scanWhileTheFolderIsReplaced(room)
        let result = try scores(room)
        #expect(result.codes.contains(.d00))
        #expect(result.cached == result.plain)
    }

    /// Root reads a mode-000 folder, so this case needs an unprivileged run; the replaced-folder
    /// cases above cover the same path as root.
    @Test func anUnreadableFolderScoresAsThePlainWalk() throws {
        let room = try Room()
        try room.write("acme/exit/plan.md", "plan")
        _ = try room.scanner.scan(hash: false)
        chmod(room.root + "/acme", 0)
        defer { chmod(room.root + "/acme", 0o755) }
        let report = try room.scanner.scan(hash: false)
        let result = try scores(room)
        #expect(result.cached == result.plain)
        if geteuid() != 0 {
            #expect(report.problems.map(\.path) == ["acme"])
            #expect(result.codes.contains(.d00))
        }
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3"), "needs the sqlite3 command"))
    func aCacheThatCannotBeReadIsAnErrorNotAMissingFolder() throws {
        let room = try Room()
        try room.write("acme/exit/plan.md", "plan")
        _ = try room.scanner.scan(hash: false)
        let cached = try CachedDataroom(store: room.store)
        // Another process breaks the database under the open store.
        let sqlite = Process()
        sqlite.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        sqlite.arguments = [room.base + "/exitready.db", "DROP TABLE scan_files"]
        try sqlite.run()
        sqlite.waitUntilExit()
        #expect(sqlite.terminationStatus == 0)
        #expect(throws: (any Error).self) { try cached.folder(for: "acme") }
        #expect(throws: (any Error).self) { try Self.evaluator.evaluate(Self.inventory, dataroom: cached) }
        // A contract without a folder needs no read, so it is still simply missing.
        #expect(try cached.folder(for: "beta") == nil)
    }
}
