import Testing

@testable import ExitReadiness

@Suite("Contract family C01–C17")
struct ContractFamilyTests {
    let full = Fixtures.perfectContract()

    @Test func perfectContractEarnsEverything() {
        let score = Fixtures.score(full)
        #expect(score.families.contract == 100)
        #expect(score.findings.filter { $0.family == .contract }.isEmpty)
        #expect(score.score == 100)
        #expect(score.band == .ready)
    }

    /// Contract-family impact of losing `points` out of 120 with the default weight 30 of 100.
    func impact(_ points: Double, total: Double = 120) -> Double { 30 * points / total }

    @Test func missingExitPlanDocumentCapsTheScoreAt40() {
        let score = Fixtures.score(full, folder: Fixtures.folder(["finance/plan.xlsx", "process/a.md"]))
        let c01 = score.finding(.c01)
        #expect(score.score == 40)
        #expect(c01?.severity == .critical)
        // 20 points of 120 in the contract family, plus what the cap removed.
        let uncapped = 100 - impact(20)
        #expect(abs((c01?.impact ?? 0) - (impact(20) + uncapped - 40)) < 1e-9)
        #expect(abs(score.families.contract - 100.0 * 100 / 120) < 1e-9)
    }

    @Test func documentPathsResolveAsTheSystemResolvesThem() {
        let folder = ContractFolder(files: [Fixtures.file("exit/plan.pdf")])
        #expect(folder.documentExists("exit/plan.pdf"))
        #expect(folder.documentExists("./exit//plan.pdf"))
        #expect(!folder.documentExists("exit/plan.pdf/"), "a trailing slash names a directory")
        #expect(!folder.documentExists("exit"))
        #expect(!folder.documentExists(""))
    }

    @Test func emptyExitPlanDocumentDoesNotCount() {
        let folder = ContractFolder(files: [
            Fixtures.file("exit/plan.md", size: 0), Fixtures.file("finance/plan.xlsx"),
            Fixtures.file("process/a.md"),
        ])
        #expect(Fixtures.score(full, folder: folder).finding(.c01) != nil)
    }

    @Test func noExitPlanLosesC01ToC04() {
        var contract = full
        contract.exitPlan = nil
        let score = Fixtures.score(contract)
        #expect(Set(score.findings.filter { $0.family == .contract }.map(\.code)) == [.c01, .c02, .c03, .c04])
        #expect(abs(score.families.contract - 100.0 * 75 / 120) < 1e-9)
    }

    @Test(arguments: [(365, 1.0), (366, 0.5), (730, 0.5), (731, 0.0), (0, 1.0), (-10, 1.0)])
    func reviewRecencyBoundaries(_ age: Int, _ fraction: Double) {
        var contract = full
        contract.exitPlan?.reviewed = Fixtures.today.adding(days: -age)
        let score = Fixtures.score(contract)
        #expect(score.families.contract == 100 * (110 + 10 * fraction) / 120)
        if fraction < 1 {
            #expect(score.finding(.c02)?.severity == (fraction == 0 ? .warning : .info))
            #expect(abs(score.finding(.c02)!.impact - impact(10 * (1 - fraction))) < 1e-12)
        }
    }

    @Test(arguments: [(730, 1.0), (731, 0.5), (1460, 0.5), (1461, 0.0)])
    func testRecencyBoundaries(_ age: Int, _ fraction: Double) {
        var contract = full
        contract.exitPlan?.tested = Fixtures.today.adding(days: -age)
        #expect(Fixtures.score(contract).families.contract == 100 * (110 + 10 * fraction) / 120)
    }

    @Test func standardContractsWeighTheTestAtFivePoints() {
        var contract = Fixtures.perfectContract(criticality: .standard)
        contract.exitPlan?.tested = nil
        let score = Fixtures.score(contract)
        #expect(abs(score.families.contract - 100.0 * 110 / 115) < 1e-9)
        #expect(abs(score.finding(.c03)!.impact - 30 * 5 / 115) < 1e-12)
    }

    @Test(arguments: [0, 1, 2, 3])
    func triggersCountInQuarters(_ count: Int) {
        var contract = full
        contract.exitPlan?.triggers = Set(ExitTrigger.allCases.prefix(count))
        let score = Fixtures.score(contract)
        #expect(score.families.contract == 100 * (115 + 5 * Double(count) / 4) / 120)
        #expect(score.finding(.c04)?.severity == (count == 0 ? .warning : .info))
    }

    @Test(arguments: [(nil, 0.0), (0, 0.0), (3, 0.5), (6, 1.0), (12, 1.0)] as [(Int?, Double)])
    func terminationAssistanceUpToSixMonths(_ months: Int?, _ fraction: Double) {
        var contract = full
        contract.terms.terminationAssistanceMonths = months
        #expect(Fixtures.score(contract).families.contract == 100 * (110 + 10 * fraction) / 120)
    }

    @Test func eachClauseIsWorthFivePoints() {
        let clauses: [(FindingCode, (inout Contract) -> Void)] = [
            (.c06, { $0.terms.assistanceRatesAgreed = false }), (.c07, { $0.terms.informationLeadDays = nil }),
            (.c08, { $0.terms.keyStaffRetention = false }), (.c10, { $0.terms.dataReturnAndDeletion = false }),
            (.c11, { $0.terms.licenseTransfer = false }), (.c12, { $0.terms.cooperationDuty = false }),
            (.c13, { $0.alternatives = [] }), (.c15, { $0.communicationPlan = false }),
        ]
        for (code, change) in clauses {
            var contract = full
            change(&contract)
            let score = Fixtures.score(contract)
            #expect(abs(score.families.contract - 100.0 * 115 / 120) < 1e-9, "\(code)")
            #expect(score.finding(code)?.severity == .warning, "\(code)")
            #expect(abs((score.finding(code)?.impact ?? 0) - impact(5)) < 1e-12, "\(code)")
        }
    }

    @Test func ipOwnershipAveragesSevenClasses() {
        var contract = full
        contract.ip = [.trainingMaterial: .supplier, .knowledgeBase: .unclear, .chatbots: .shared, .wfmHistory: .client]
        // client 1, shared 1, supplier 0.5, unclear/absent 0: (1 + 1 + 0.5) / 7
        let fraction = 2.5 / 7
        #expect(abs(Fixtures.score(contract).families.contract - 100 * (110 + 10 * fraction) / 120) < 1e-12)
    }

    @Test(
        arguments: [("doc", true, true, 1.0), ("doc", true, false, 0.5), ("doc", false, true, 0.5), (nil, false, false, 0.0)]
            as [(String?, Bool, Bool, Double)])
    func financialPlanNeedsDocumentAndCost(_ plan: String?, _ hasDocument: Bool, _ hasCost: Bool, _ fraction: Double) {
        var contract = full
        contract.financialPlan = plan.map { _ in
            FinancialPlan(
                document: hasDocument ? "finance/plan.xlsx" : "finance/missing.xlsx", doubleRunCostEUR: hasCost ? 0 : nil)
        }
        #expect(Fixtures.score(contract).families.contract == 100 * (115 + 5 * fraction) / 120)
    }

    @Test(arguments: [(365, 1.0), (366, 0.5), (731, 0.0)])
    func auditRecency(_ age: Int, _ fraction: Double) {
        var contract = full
        contract.lastAudit = Fixtures.today.adding(days: -age)
        #expect(Fixtures.score(contract).families.contract == 100 * (115 + 5 * fraction) / 120)
    }

    @Test(
        arguments: [
            ([(95, 5)], 1.0), ([(75, 25)], 0.0), ([(85, 15)], 0.5), ([(19, 1)], 1.0), ([(0, 0)], 0.5), ([], 0.5),
            ([(74, 26)], 0.0), ([(94, 6)], 0.95),
        ] as [([(Int, Int)], Double)])
    func kpiHealthIsLinearBetween75And95Percent(_ periods: [(Int, Int)], _ fraction: Double) {
        var contract = full
        contract.kpi = periods.enumerated().map {
            KPIPeriod(period: "2026-0\($0.offset + 1)", met: $0.element.0, missed: $0.element.1)
        }
        #expect(abs(Fixtures.score(contract).families.contract - 100 * (115 + 5 * fraction) / 120) < 1e-9)
    }

    @Test func kpiHealthUsesOnlyTheLastSixPeriods() {
        var contract = full
        let bad = (1...3).map { KPIPeriod(period: "2026-0\($0)", met: 0, missed: 100) }
        let good = (4...9).map { KPIPeriod(period: "2026-0\($0)", met: 10, missed: 0) }
        contract.kpi = bad + good
        #expect(Fixtures.score(contract).finding(.c17) == nil)
    }
}
