import Foundation
import GRDB
import Testing

@testable import ExitReadinessStore

@Suite("History beyond the retention: the last evaluation of each day, and every change of findings")
struct DailyHistoryTests {
    /// 2026-03-01 08:00 UTC.
    static let start = 1_772_352_000.0

    /// Records an evaluation of `alpha` (and `beta` when given) with these findings.
    static func record(
        _ store: ExitReadyStore, day: Int, minute: Int, score: Double, findings: String, beta: String? = nil
    ) throws {
        let contracts = [("alpha", score, findings)] + (beta.map { [("beta", 40.0, $0)] } ?? [])
        let evaluation = EvaluationRecord(
            evaluatedAt: start + Double(day * 86_400 + minute * 60), day: "2026-03-\(day < 9 ? "0" : "")\(day + 1)",
            inventoryRevision: nil, dataroom: .ok, portfolioScore: score + 10, portfolioBand: .atRisk, weakest: "alpha",
            activeContracts: contracts.count,
            contracts: contracts.map { id, score, findings in
                ContractRecord(
                    id: id, status: .active, criticality: .critical, score: score, band: .atRisk,
                    families: [score, score + 1, score + 2, score + 3], termEnd: "2027-12-31", noticeDeadline: "2027-06-30",
                    findings: findings)
            })
        _ = try store.recordEvaluation(evaluation, alerts: [], state: AlertState())
    }

    static let c02 = #"[{"code":"C02","subject":null,"impact":1.5}]"#
    static let none = "[]"

    @Test func pruningKeepsEachDaysLastEvaluationAndEveryChangeOfFindings() throws {
        let store = try ExitReadyStoreTests.inMemory()
        // Day 0: three evaluations, C02 appears in the second and goes in the third; day 1: two.
        try Self.record(store, day: 0, minute: 0, score: 50, findings: Self.none)
        try Self.record(store, day: 0, minute: 15, score: 51, findings: Self.c02)
        try Self.record(store, day: 0, minute: 30, score: 52, findings: Self.none)
        try Self.record(store, day: 1, minute: 0, score: 60, findings: Self.none)
        try Self.record(store, day: 1, minute: 15, score: 61, findings: Self.c02)
        try store.prune(before: Self.start + 10 * 86_400)
        let every = try store.history(contract: "alpha", since: nil, limit: 100, every: true)
        #expect(every.points.map(\.score) == [61, 52])
        #expect(every.points.map(\.day) == ["2026-03-02", "2026-03-01"])
        // The changes of day 0 outlive its pruned evaluations: none → C02 → none → C02.
        let changes = try store.read { db in
            try Row.fetchAll(
                db,
                sql:
                    "SELECT c.day, s.findings FROM finding_changes c JOIN finding_sets s ON s.id = c.finding_set_id ORDER BY c.id"
            )
        }
        #expect(changes.map { $0[1] as String } == [Self.none, Self.c02, Self.none, Self.c02])
        #expect(changes.map { $0[0] as String } == ["2026-03-01", "2026-03-01", "2026-03-01", "2026-03-02"])
        // Pruning again keeps what it kept.
        try store.prune(before: Self.start + 20 * 86_400)
        #expect(try store.history(contract: nil, since: nil, limit: 100, every: true).points.count == 2)
    }

    @Test func evaluationsInsideTheRetentionStayEveryOne() throws {
        let store = try ExitReadyStoreTests.inMemory()
        for minute in [0, 15, 30] { try Self.record(store, day: 0, minute: minute, score: 50, findings: Self.none) }
        try store.prune(before: Self.start)
        #expect(try store.history(contract: "alpha", since: nil, limit: 100, every: true).points.count == 3)
    }

    @Test func baselinesAreTheStandAtTheEndOfADay() throws {
        let store = try ExitReadyStoreTests.inMemory()
        try Self.record(store, day: 0, minute: 0, score: 50, findings: Self.none, beta: Self.c02)
        try Self.record(store, day: 0, minute: 30, score: 52, findings: Self.c02)
        try Self.record(store, day: 2, minute: 0, score: 70, findings: Self.none)
        let first = try store.baselines(atEndOf: "2026-03-02", contract: nil)
        #expect(first["alpha"] == ContractBaseline(score: 52, band: .atRisk, findings: Self.c02))
        // beta was not in the day's last evaluation: no score, but its findings of then.
        #expect(first["beta"] == ContractBaseline(findings: Self.c02))
        #expect(try store.baselines(atEndOf: "2026-02-28", contract: nil).isEmpty)
        let later = try store.baselines(atEndOf: "2026-03-31", contract: "alpha")
        #expect(later == ["alpha": ContractBaseline(score: 70, band: .atRisk, findings: Self.none)])
    }

    @Test func theDailyCSVHasAPortfolioRowAndOneRowPerContractPerDay() throws {
        let store = try ExitReadyStoreTests.inMemory()
        try Self.record(store, day: 0, minute: 0, score: 50, findings: Self.none, beta: Self.none)
        try Self.record(store, day: 0, minute: 30, score: 52.5, findings: Self.none, beta: Self.none)
        try Self.record(store, day: 1, minute: 0, score: 100, findings: Self.none)
        func csv(since: String?, contract: String?) throws -> String {
            var bytes: [UInt8] = []
            try store.writeDailyHistoryCSV(since: since, contract: contract) { bytes += $0 }
            return String(decoding: bytes, as: UTF8.self)
        }
        #expect(
            try csv(since: nil, contract: nil) == """
                day,scope,contract,status,criticality,score,band,contract_score,dataroom_score,processes_score,staff_score
                2026-03-01,portfolio,,,,62.5,at-risk,,,,
                2026-03-01,contract,alpha,active,critical,52.5,at-risk,52.5,53.5,54.5,55.5
                2026-03-01,contract,beta,active,critical,40.0,at-risk,40.0,41.0,42.0,43.0
                2026-03-02,portfolio,,,,110.0,at-risk,,,,
                2026-03-02,contract,alpha,active,critical,100.0,at-risk,100.0,101.0,102.0,103.0

                """)
        #expect(
            try csv(since: "2026-03-02", contract: "alpha") == ExitReadyStore.historyCSVHeader
                + "2026-03-02,contract,alpha,active,critical,100.0,at-risk,100.0,101.0,102.0,103.0\n")
    }

    /// A database made by exitready 0.1.0 (before the changes of findings were kept) keeps every
    /// evaluation it held, and its changes of findings are derived from them.
    @Test func aDatabaseOfTheLastReleaseKeepsItsHistory() throws {
        let fixtures = try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil))
        let fixture = fixtures.appendingPathComponent("release-0.1.0.db")
        let database = try ExitReadyStoreTests.TemporaryDatabase()
        try FileManager.default.copyItem(atPath: fixture.path, toPath: database.path)
        let before = try DatabaseQueue(path: database.path).read { db in
            (
                try Row.fetchAll(db, sql: "SELECT * FROM evaluations ORDER BY id"),
                try Row.fetchAll(db, sql: "SELECT * FROM contract_scores ORDER BY evaluation_id, contract"),
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT s.contract, s.finding_set_id FROM contract_scores s ORDER BY s.contract, s.evaluation_id
                        """)
            )
        }
        let store = try ExitReadyStore(path: database.path)
        #expect(try store.appliedMigrations().suffix(2) == ["v8-finding-changes", "v9-forecast-alerts"])
        let after = try store.read { db in
            (
                try Row.fetchAll(db, sql: "SELECT * FROM evaluations ORDER BY id"),
                try Row.fetchAll(db, sql: "SELECT * FROM contract_scores ORDER BY evaluation_id, contract"),
                try Row.fetchAll(db, sql: "SELECT contract, finding_set_id FROM finding_changes ORDER BY contract, id")
            )
        }
        #expect(!before.0.isEmpty && after.0 == before.0)
        #expect(after.1 == before.1)
        // The changes are the evaluations whose set differs from the contract's previous one.
        var expected: [[String]] = []
        var previous: [String: Int64] = [:]
        for row in before.2 {
            let contract: String = row[0]
            let set: Int64 = row[1]
            if previous[contract] != set { expected.append([contract, String(set)]) }
            previous[contract] = set
        }
        #expect(after.2.map { [$0[0] as String, String($0[1] as Int64)] } == expected)
        #expect(expected.count > Set(expected.map { $0[0] }).count, "the fixture's findings change over its days")
        #expect(try store.integrityCheck() == "ok")
    }
}
