import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessStore
import Foundation
import Logging
import Synchronization
import Testing

@testable import ExitReadinessDaemon

/// The parts of exitreadyd, in this process, over a copy of the bundled demo in a temporary
/// directory: its own configuration file and store, evaluations dated 2026-12-01, and a wall
/// clock the test sets.
final class DemoDaemon: Sendable {
    /// 2026-11-15 12:00 UTC: the dataroom files' modification time (as in the end-to-end tests).
    static let fileTime: TimeInterval = 1_794_744_000
    /// 2026-12-01 09:00 UTC: where the test clock starts.
    static let startTime: Double = 1_796_115_600
    static let day = Day(iso: "2026-12-01")!
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    /// Seconds between evaluations: far longer than any test, so that only requests evaluate.
    static let interval: Double = 3_600

    let directory: String
    let configurationPath: String
    let store: ExitReadyStore
    let settings: Settings
    let state: MonitorState
    let requests = EvaluationRequests()
    let health = EvaluatorHealth()
    let logger = Logger(label: "exitreadyd-test") { _ in SwiftLogNoOpLogHandler() }
    private let time = Mutex(DemoDaemon.startTime)

    var inventory: String { directory + "/inventory" }
    var clock: WallClock { WallClock { [self] in time.withLock { $0 } } }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("exitready-\(UUID().uuidString)").path
        let files = FileManager.default
        try files.createDirectory(atPath: directory, withIntermediateDirectories: false)
        let demo = Self.packageRoot.appendingPathComponent("examples/demo")
        try files.copyItem(atPath: demo.appendingPathComponent("inventory").path, toPath: directory + "/inventory")
        try files.copyItem(atPath: demo.appendingPathComponent("dataroom").path, toPath: directory + "/dataroom")
        // Fixed modes and times, so that the scores do not depend on the checkout.
        let root = URL(fileURLWithPath: directory + "/dataroom")
        for case let url as URL in files.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])! {
            let isFile = try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile ?? false
            try files.setAttributes(
                [
                    .posixPermissions: isFile ? 0o640 : 0o750,
                    .modificationDate: Date(timeIntervalSince1970: Self.fileTime),
                ], ofItemAtPath: url.path)
        }
        configurationPath = directory + "/exitreadyd.conf"
        try Self.configurationText(directory: directory).write(toFile: configurationPath, atomically: true, encoding: .utf8)
        let configuration = try ConfigurationLoader.load(path: configurationPath, mustExist: true)
        store = try ExitReadyStore(path: configuration.database)
        settings = Settings(path: configurationPath, pathMustExist: true, configuration: configuration)
        state = MonitorState(startedAt: Self.startTime - 60)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    static func configurationText(directory: String) -> String {
        let checklist = packageRoot.appendingPathComponent("etc/exitready/dataroom.yaml").path
        return """
            [Inventory]
            Directory=\(directory)/inventory
            Checklist=\(checklist)
            [Dataroom]
            Root=\(directory)/dataroom
            [Daemon]
            Database=\(directory)/exitready.db
            Socket=\(directory)/monitor.socket
            Interval=\(Int(interval))s

            """
    }

    /// Moves the test clock on.
    func advance(by seconds: Double) {
        time.withLock { $0 += seconds }
    }

    /// One evaluation cycle on the configuration in force (or `configuration`), dated 2026-12-01.
    func cycle(_ configuration: DaemonConfiguration? = nil) -> EvaluationCycle {
        EvaluationCycle(
            configuration: configuration ?? settings.current, store: store, logger: logger, today: Self.day,
            health: health, clock: clock)
    }

    func backend() throws -> DaemonBackend {
        DaemonBackend(
            state: state, store: store, requests: requests, version: "test", databaseID: try store.databaseID(),
            settings: settings, adminGroup: nil, ownUID: getuid())
    }

    /// The evaluator service; `onFirstEvaluation` receives its status line.
    func evaluator(onFirstEvaluation: @escaping @Sendable (String) -> Void = { _ in }) throws -> Evaluator {
        let delivery = AlertDelivery(store: store, logger: logger, toJournal: false, databaseID: try store.databaseID())
        return Evaluator(
            settings: settings, store: store, state: state, requests: requests, health: health,
            delivery: delivery, logger: logger, date: .fixed(Self.day), clock: clock,
            onFirstEvaluation: onFirstEvaluation)
    }

    /// Makes `webcare-social` invalid (an unknown criticality); returns the line changed.
    @discardableResult
    func breakInventory() throws -> Int {
        let path = inventory + "/contracts/webcare-social.yaml"
        var lines = try String(contentsOfFile: path, encoding: .utf8).components(separatedBy: "\n")
        let index = try #require(lines.firstIndex { $0.hasPrefix("criticality:") })
        lines[index] = "criticality: essential"
        try lines.joined(separator: "\n").write(toFile: path, atomically: true, encoding: .utf8)
        return index + 1
    }

    /// Puts the demo's `webcare-social` back.
    func fixInventory() throws {
        let path = inventory + "/contracts/webcare-social.yaml"
        let original = Self.packageRoot.appendingPathComponent("examples/demo/inventory/contracts/webcare-social.yaml").path
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: original, toPath: path)
    }

    /// Runs the evaluator while `body` runs, then cancels it and waits until it has returned.
    func withEvaluator<T>(
        onFirstEvaluation: @escaping @Sendable (String) -> Void = { _ in },
        _ body: () async throws -> T
    ) async throws -> T {
        let evaluator = try self.evaluator(onFirstEvaluation: onFirstEvaluation)
        let task = Task { try await evaluator.run() }
        do {
            let result = try await body()
            task.cancel()
            _ = await task.result
            return result
        } catch {
            task.cancel()
            _ = await task.result
            throw error
        }
    }
}
