import ExitReadiness
import Foundation
import Testing

@testable import ExitReadinessDaemon

/// The query server's answers from the daemon's state and store, with the demo evaluated in
/// this process.
@Suite("Daemon backend")
struct DaemonBackendTests {
    @Test func theStatusShowsTheStateOfTheLastEvaluation() async throws {
        let demo = try DemoDaemon()
        let backend = try demo.backend()
        let firstStatus = Received<String>()
        let status = try await demo.withEvaluator(onFirstEvaluation: { firstStatus.set($0) }) {
            _ = try await firstStatus.wait()
            return await backend.status()
        }
        #expect(firstStatus.current == "Portfolio 63.3 at-risk; 6 contracts; next evaluation 2026-12-01T10:00:00Z")
        #expect(status["version"]?.stringValue == "test")
        #expect(status["started_at"]?.stringValue == "2026-12-01T08:59:00Z")
        #expect(status["last_evaluation"]?.stringValue == "2026-12-01T09:00:00Z")
        #expect(status["next_evaluation"]?.stringValue == "2026-12-01T10:00:00Z")
        #expect(status["inventory_revision"]?.stringValue?.isEmpty == false)
        #expect(status["inventory_errors"]?.arrayValue?.isEmpty == true)
        #expect(status["dataroom"]?.stringValue == "ok")
        #expect(status["portfolio"]?["score"]?.doubleValue == 63.3)
        #expect(status["portfolio"]?["band"]?.stringValue == "at-risk")
        #expect(status["configuration_error"] == .null)
        #expect(status["bands"]?["ready"]?.doubleValue == 80)
        #expect(status["bands"]?["at_risk"]?.doubleValue == 60)
    }

    @Test func beforeAnyEvaluationScoresAndContractsAreNotEvaluatedYet() async throws {
        let demo = try DemoDaemon()
        let backend = try demo.backend()
        await #expect(throws: MonitorError.notEvaluatedYet) { try await backend.scores(top: 10) }
        await #expect(throws: MonitorError.notEvaluatedYet) { try await backend.contract(id: "webcare-social") }
        await #expect(throws: MonitorError.notEvaluatedYet) { try await backend.register() }
        let status = await backend.status()
        #expect(status["last_evaluation"] == .null)
        #expect(status["portfolio"] == .null)
        #expect(status["dataroom"]?.stringValue == "unknown")
    }

    @Test func afterAnEvaluationScoresAndContractsAnswerFromIt() async throws {
        let demo = try DemoDaemon()
        let backend = try demo.backend()
        var memory = EvaluationCycle.Memory()
        await demo.state.publish(try #require(demo.cycle().run(memory: &memory).snapshot))
        let scores = try await backend.scores(top: 10)
        #expect(scores["portfolio"]?["score"]?.doubleValue == 63.3)
        #expect(scores["contracts"]?.arrayValue?.count == 6)
        #expect(scores["contracts"]?.arrayValue?.allSatisfy { $0["findings"] == nil } == true, "a summary")
        #expect(scores["top_findings"]?.arrayValue?.count == 10)
        #expect(try await backend.scores(top: 2)["top_findings"]?.arrayValue?.count == 2)
        let contract = try await backend.contract(id: "webcare-social")
        #expect(contract["evaluated"]?.stringValue == "2026-12-01")
        #expect(contract["contract"]?["id"]?.stringValue == "webcare-social")
        await #expect(throws: MonitorError.contractNotFound("nobody")) { try await backend.contract(id: "nobody") }
    }

    @Test func theRegisterIsExportedFromTheLastEvaluation() async throws {
        let demo = try DemoDaemon()
        let backend = try demo.backend()
        var memory = EvaluationCycle.Memory()
        await demo.state.publish(try #require(demo.cycle().run(memory: &memory).snapshot))
        let register = try await backend.register()
        #expect(register["evaluated"]?.stringValue == "2026-12-01")
        #expect(register["missing"] == .array([.string("webcare-social")]))
        let lines = (register["csv"]?.stringValue ?? "").components(separatedBy: "\r\n")
        #expect(lines.first == "c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120")
        #expect(lines.count == 6, "header, four active contracts with a block, the empty end: \(lines)")
        #expect(lines[1].hasPrefix("BR-2025-007,724500BLRONDE00NL080,eba_qCO:qx2000,"))
    }

    @Test func withAnInventoryNeverValidQueriesSayNoValidInventory() async throws {
        let demo = try DemoDaemon()
        let line = try demo.breakInventory()
        let backend = try demo.backend()
        let firstStatus = Received<String>()
        try await demo.withEvaluator(onFirstEvaluation: { firstStatus.set($0) }) {
            let statusLine = try await firstStatus.wait()
            #expect(statusLine == "No valid inventory: 1 error(s), nothing is scored; next evaluation 2026-12-01T10:00:00Z")
            let error = await #expect(throws: MonitorError.self) { try await backend.scores(top: 10) }
            guard case .noValidInventory(let errors, let count) = error else {
                Issue.record("expected NoValidInventory, got \(String(describing: error))")
                return
            }
            #expect(count == 1)
            #expect(errors.map(\.file) == ["\(demo.inventory)/contracts/webcare-social.yaml"])
            #expect(errors.map(\.line) == [line])
            await #expect(throws: MonitorError.noValidInventory(errors: errors, count: 1)) { try await backend.evaluate() }
        }
    }

    @Test func aReloadWithAnInvalidConfigurationKeepsThePreviousOne() async throws {
        let demo = try DemoDaemon()
        let backend = try demo.backend()
        let firstStatus = Received<String>()
        try await demo.withEvaluator(onFirstEvaluation: { firstStatus.set($0) }) {
            _ = try await firstStatus.wait()
            let text = DemoDaemon.configurationText(directory: demo.directory)
                .replacingOccurrences(of: "Interval=\(Int(DemoDaemon.interval))s", with: "Interval=soon")
            try text.write(toFile: demo.configurationPath, atomically: true, encoding: .utf8)
            let intervalLine = text.components(separatedBy: "\n").firstIndex(of: "Interval=soon")! + 1

            let error = await #expect(throws: MonitorError.self) { try await backend.reload() }
            guard case .configurationInvalid(let problem) = error else {
                Issue.record("expected ConfigurationInvalid, got \(String(describing: error))")
                return
            }
            #expect(problem.file == demo.configurationPath)
            #expect(problem.line == intervalLine)
            #expect(demo.settings.current.interval == DemoDaemon.interval)
            let status = await backend.status()
            #expect(status["configuration_error"]?["line"] == .integer(intervalLine))
            #expect(status["portfolio"]?["score"]?.doubleValue == 63.3, "the reload still evaluated")
        }
    }

    @Test func alertIDsAreTheDatabaseIDAndTheAlertNumber() async throws {
        let demo = try DemoDaemon()
        let backend = try demo.backend()
        var memory = EvaluationCycle.Memory()
        var stored = demo.cycle().run(memory: &memory).alerts
        try demo.breakInventory()
        stored += demo.cycle().run(memory: &memory).alerts
        try demo.fixInventory()
        stored += demo.cycle().run(memory: &memory).alerts
        #expect(stored.filter { $0.kind.rawValue.hasPrefix("inventory-") }.count == 2)

        let reply = try await backend.alerts(since: nil, limit: nil)
        let ids = try #require(reply["alerts"]?.arrayValue).compactMap { $0["id"]?.stringValue }
        let databaseID = try demo.store.databaseID()
        #expect(!databaseID.isEmpty)
        #expect(Set(ids) == Set((1...stored.count).map { "\(databaseID)-\($0)" }))
        #expect(ids.count == stored.count)
    }
}
