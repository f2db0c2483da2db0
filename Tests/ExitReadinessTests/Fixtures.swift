@testable import ExitReadiness

/// Builders for scoring tests: a contract that earns every contract point, and helpers to take
/// points away one at a time.
enum Fixtures {
    static let today = Day(iso: "2026-12-01")!

    static func day(_ text: String) -> Day { Day(iso: text)! }

    /// Earns all 120 contract points when its folder holds `exit/plan.md` and `finance/plan.xlsx`.
    static func perfectContract(id: String = "acme", criticality: Criticality = .critical) -> Contract {
        Contract(
            id: id, supplier: "Acme Contact B.V.", service: "Inbound voice", criticality: criticality,
            start: day("2023-01-01"), end: day("2028-12-31"), noticeDays: 180,
            exitPlan: ExitPlan(
                document: "exit/plan.md", reviewed: day("2026-06-01"), tested: day("2026-01-01"),
                triggers: Set(ExitTrigger.allCases)),
            terms: Terms(
                terminationAssistanceMonths: 6, assistanceRatesAgreed: true, informationLeadDays: 30,
                keyStaffRetention: true, dataReturnAndDeletion: true, licenseTransfer: true,
                cooperationDuty: true),
            ip: Dictionary(uniqueKeysWithValues: IPClass.allCases.map { ($0, IPOwner.client) }),
            alternatives: ["insource"],
            financialPlan: FinancialPlan(document: "finance/plan.xlsx", doubleRunCostEUR: 250_000),
            communicationPlan: true, lastAudit: day("2026-02-01"),
            kpi: [KPIPeriod(period: "2026-10", met: 20, missed: 0)])
    }

    static func file(_ path: String, size: Int64 = 100, modified: Day = today, mode: UInt32 = 0o640) -> DataroomFile {
        DataroomFile(path: Array(path.utf8), size: size, modified: Int64(modified.ordinal) * 86_400 + 43_200, mode: mode)
    }

    static func folder(_ paths: [String]) -> ContractFolder {
        ContractFolder(files: paths.map { file($0) })
    }

    static let goodFolder = folder(["exit/plan.md", "finance/plan.xlsx", "process/a.md"])

    /// Days in UTC, so file dates are exact in tests.
    static let utcDay: @Sendable (Int64) -> Day = { Day(ordinal: Int($0 >= 0 ? $0 / 86_400 : ($0 - 86_399) / 86_400)) }

    static func scorer(
        checklist: Checklist = Checklist(requirements: []), today: Day = today,
        policy: ScoringPolicy = ScoringPolicy()
    ) -> ContractScorer {
        ContractScorer(policy: policy, checklist: checklist, today: today, localDay: utcDay)
    }

    /// A key person with a successor, done transfer, staying.
    static func keyPerson(_ person: String, contract: String = "acme", successor: String? = "b") -> StaffMember {
        StaffMember(
            contract: contract, person: person, side: .supplier, isKey: true, successor: successor,
            knowledgeTransfer: .done, joined: day("2020-01-01"))
    }

    static func member(_ person: String, contract: String = "acme", joined: String = "2020-01-01", left: String? = nil)
        -> StaffMember
    {
        StaffMember(
            contract: contract, person: person, side: .supplier, isKey: false, joined: day(joined),
            left: left.map(day))
    }

    static let goodStaff = [keyPerson("a"), member("b")]

    static func process(
        _ id: String, kind: ProcessRecord.Kind = .formal, document: String? = "process/a.md",
        necessary: ProcessRecord.Answer = .yes, standardizable: ProcessRecord.Answer = .yes,
        transferable: ProcessRecord.Answer = .yes, reviewed: String? = "2026-06-01"
    ) -> ProcessRecord {
        ProcessRecord(
            contract: "acme", process: id, name: "Process \(id)", kind: kind, document: document,
            necessary: necessary, standardizable: standardizable, transferable: transferable,
            reviewed: reviewed.map(day))
    }

    static let goodProcesses = [process("p1")]

    /// Scores with the good staff, processes and folder unless overridden.
    static func score(
        _ contract: Contract, staff: [StaffMember] = goodStaff, processes: [ProcessRecord] = goodProcesses,
        folder: ContractFolder? = goodFolder, scorer: ContractScorer = scorer()
    ) -> ContractScore {
        scorer.score(contract, staff: staff, processes: processes, folder: folder)
    }
}

extension ContractScore {
    func finding(_ code: FindingCode, subject: String? = nil) -> Finding? {
        findings.first { $0.code == code && $0.subject == subject }
    }

    func findings(_ code: FindingCode) -> [Finding] {
        findings.filter { $0.code == code }
    }
}
