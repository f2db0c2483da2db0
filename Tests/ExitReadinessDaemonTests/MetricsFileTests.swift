import Foundation
import Logging
import Synchronization
import Testing

@testable import ExitReadinessDaemon

/// `MetricsFile=`: written after each evaluation, replaced atomically, failures logged once.
@Suite("Metrics file")
struct MetricsFileTests {
    @Test func afterEachEvaluationTheFileHoldsTheMetricsWithMode0644() async throws {
        let demo = try DemoDaemon()
        let path = demo.directory + "/textfile/exitready.prom"
        try FileManager.default.createDirectory(atPath: demo.directory + "/textfile", withIntermediateDirectories: false)
        try ("MetricsFile=" + path + "\n").appendLine(toFile: demo.configurationPath)
        #expect(demo.settings.reload(logger: demo.logger) == nil)
        let first = Received<String>()
        try await demo.withEvaluator(onFirstEvaluation: { first.set($0) }) {
            _ = try await first.wait()
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("\nexitready_portfolio_score 63.3\n"))
            #expect(text.contains("\nexitready_evaluations_total 1\n"))
            #expect(text.contains("exitready_contract_band{contract=\"webcare-social\",band="))
            #expect(text.contains("\nexitready_inventory_valid 1\n") && text.contains("\nexitready_dataroom_reachable 1\n"))
            #expect(text.contains("\nexitready_dataroom_files ") && !text.contains("\nexitready_dataroom_files 0\n"))
            #expect(Self.parses(text))
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o644)
            _ = try await demo.backend().evaluate()
            #expect(try String(contentsOfFile: path, encoding: .utf8).contains("\nexitready_evaluations_total 2\n"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: demo.directory + "/textfile") == ["exitready.prom"])
        }
    }

    @Test func getMetricsAnswersTheSameFamilies() async throws {
        let demo = try DemoDaemon()
        var memory = EvaluationCycle.Memory()
        await demo.state.publish(try #require(demo.cycle().run(memory: &memory).snapshot))
        let text = try #require(await demo.backend().metrics()["text"]?.stringValue)
        #expect(text.contains("\nexitready_portfolio_score 63.3\n"))
        #expect(text.contains("exitready_alerts_total{kind=\"action-overdue\"} "))
        #expect(Self.parses(text))
    }

    /// A reader holding the old file keeps it whole, the target changes only by the rename, and
    /// no temporary file is left: a crash at any point leaves the old or the new file.
    @Test func theFileIsReplacedByARenameNeverWrittenInPlace() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/exitready.prom"
        let old = String(repeating: "exitready_old 1\n", count: 1000)
        try MetricsFileWriter.replace(path, with: Array(old.utf8))
        let reader = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? reader.close() }
        let oldInode = try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int
        try MetricsFileWriter.replace(path, with: Array("exitready_new 2\n".utf8))
        #expect(String(decoding: try reader.readToEnd() ?? Data(), as: UTF8.self) == old, "the old file was not touched")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "exitready_new 2\n")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? Int != oldInode)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["exitready.prom"])
    }

    @Test func aFailureIsLoggedOnceThenTheRecovery() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("metrics-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let log = RecordingLogHandler()
        let writer = MetricsFileWriter(logger: Logger(label: "test") { _ in log })
        let lines = log.lines
        let path = directory + "/exitready.prom"
        for _ in 0..<3 { writer.write("exitready_x 1\n", to: path) }
        #expect(lines.withLock { $0.count } == 1)
        #expect(lines.withLock { $0.first?.contains("cannot create a temporary file beside \(path): No such file") } == true)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        writer.write("exitready_x 1\n", to: path)
        writer.write("exitready_x 1\n", to: path)
        #expect(lines.withLock { $0.count } == 2)
        #expect(lines.withLock { $0.last?.contains("is written again") } == true)
    }

    /// Every line is a comment or `name{labels} value` with a number.
    static func parses(_ text: String) -> Bool {
        let sample = /[a-z_]+(\{([a-z_]+="([^"\\]|\\.)*",?)*\})? -?[0-9.e+-]+/
        return text.hasSuffix("\n")
            && text.split(separator: "\n").allSatisfy {
                $0.hasPrefix("# HELP ") || $0.hasPrefix("# TYPE ") || $0.wholeMatch(of: sample) != nil
            }
    }
}

/// Keeps each logged message.
private struct RecordingLogHandler: LogHandler {
    final class Lines: Sendable {
        let value = Mutex<[String]>([])
        func withLock<T: Sendable>(_ body: (inout [String]) -> T) -> T { value.withLock { body(&$0) } }
    }
    let lines = Lines()
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.withLock { $0.append(event.message.description) }
    }
}

extension String {
    fileprivate func appendLine(toFile path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(utf8))
    }
}
