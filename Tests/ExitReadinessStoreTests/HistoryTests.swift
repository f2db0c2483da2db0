import GRDB
import Testing

@testable import ExitReadinessStore

@Suite("The stored history: one point per day, or every evaluation")
struct HistoryTests {
    /// A fresh database in memory, with evaluations on 2026-03-01 (three), 03-02 (two,
    /// the later one stored first) and 03-04 (four). `alpha` is in every evaluation, `beta` only
    /// on 03-01; alpha scores 50-52, 61 then 60, 70-73; the portfolio ten points more.
    struct Fixture {
        let store: ExitReadyStore
        /// 2026-03-01 08:00 UTC.
        static let start = 1_772_352_000.0

        init() throws {
            store = try ExitReadyStoreTests.inMemory()
            for (minute, score) in [(0, 50.0), (15, 51), (30, 52)] {
                try record(day: "2026-03-01", at: Self.start + Double(minute * 60), alpha: score, beta: true)
            }
            try record(day: "2026-03-02", at: Self.start + 86_400 + 3_600, alpha: 61, beta: false)
            try record(day: "2026-03-02", at: Self.start + 86_400, alpha: 60, beta: false)
            for (minute, score) in [(0, 70.0), (15, 71), (30, 72), (45, 73)] {
                try record(day: "2026-03-04", at: Self.start + 3 * 86_400 + Double(minute * 60), alpha: score, beta: false)
            }
        }

        private func record(day: String, at time: Double, alpha: Double, beta: Bool) throws {
            let contracts = [("alpha", alpha)] + (beta ? [("beta", 40.0)] : [])
            let evaluation = EvaluationRecord(
                evaluatedAt: time, day: day, inventoryRevision: nil, dataroom: .ok, portfolioScore: alpha + 10,
                portfolioBand: .atRisk, weakest: "alpha", activeContracts: contracts.count,
                contracts: contracts.map { id, score in
                    ContractRecord(
                        id: id, status: .active, criticality: .critical, score: score, band: .atRisk,
                        families: [score, score, score, score], termEnd: "2027-12-31", noticeDeadline: "2027-06-30",
                        findings: "[]")
                })
            _ = try store.recordEvaluation(evaluation, alerts: [], state: AlertState())
        }
    }

    private func scores(_ page: HistoryPage) -> [Double?] { page.points.map(\.score) }
    private func days(_ page: HistoryPage) -> [String] { page.points.map(\.day) }

    @Test func dailyPointsAreEachDaysLastEvaluationNewestFirst() throws {
        let fixture = try Fixture()
        let alpha = try fixture.store.history(contract: "alpha", since: nil, limit: 100, every: false)
        #expect(days(alpha) == ["2026-03-04", "2026-03-02", "2026-03-01"])
        #expect(scores(alpha) == [73, 61, 52])
        #expect(
            alpha.points.map(\.evaluatedAt) == [
                Fixture.start + 3 * 86_400 + 2_700, Fixture.start + 90_000,
                Fixture.start + 1_800,
            ])
        #expect(!alpha.truncated)
        let portfolio = try fixture.store.history(contract: nil, since: nil, limit: 100, every: false)
        #expect(days(portfolio) == ["2026-03-04", "2026-03-02", "2026-03-01"])
        #expect(scores(portfolio) == [83, 71, 62])
        let beta = try fixture.store.history(contract: "beta", since: nil, limit: 100, every: false)
        #expect(days(beta) == ["2026-03-01"])
    }

    @Test func theLimitCountsDaysAndSaysWhenItCut() throws {
        let fixture = try Fixture()
        for contract in ["alpha", nil] {
            let cut = try fixture.store.history(contract: contract, since: nil, limit: 2, every: false)
            #expect(days(cut) == ["2026-03-04", "2026-03-02"])
            #expect(cut.truncated)
            #expect(try !fixture.store.history(contract: contract, since: nil, limit: 3, every: false).truncated)
            let since = try fixture.store.history(contract: contract, since: "2026-03-02", limit: 2, every: false)
            #expect(days(since) == ["2026-03-04", "2026-03-02"])
            #expect(!since.truncated)
        }
    }

    @Test func everyShowsEachEvaluationAndTheLimitCountsThem() throws {
        let fixture = try Fixture()
        let all = try fixture.store.history(contract: "alpha", since: nil, limit: 100, every: true)
        #expect(all.points.count == 9)
        #expect(!all.truncated)
        let newest = try fixture.store.history(contract: nil, since: nil, limit: 4, every: true)
        #expect(scores(newest) == [83, 82, 81, 80])
        #expect(newest.truncated)
        #expect(try !fixture.store.history(contract: "alpha", since: "2026-03-04", limit: 4, every: true).truncated)
        #expect(try fixture.store.history(contract: "beta", since: nil, limit: 100, every: true).points.count == 3)
    }

    /// The daily queries read through indexes: a contract's rows only, the newest days first,
    /// never a scan of the whole table.
    @Test func dailyQueriesUseIndexes() throws {
        let fixture = try Fixture()
        let plan = { (ofContract: Bool) throws -> [String] in
            try fixture.store.writer.read { db in
                try Row.fetchAll(
                    db, sql: "EXPLAIN QUERY PLAN " + ExitReadyStore.historyQuery(ofContract: ofContract, every: false),
                    arguments: ofContract ? ["alpha", "", 10] : ["", 10]
                ).map { $0["detail"] as String }
            }
        }
        let contract = try plan(true)
        #expect(contract.contains { $0.contains("USING INDEX contract_scores_by_contract (contract=?)") }, "\(contract)")
        #expect(!contract.contains { $0.hasPrefix("SCAN") }, "\(contract)")
        let portfolio = try plan(false)
        #expect(portfolio.contains { $0.contains("USING INDEX evaluations_by_day") }, "\(portfolio)")
        #expect(!portfolio.contains { $0.hasPrefix("SCAN") || $0.contains("TEMP B-TREE") }, "\(portfolio)")
    }
}
