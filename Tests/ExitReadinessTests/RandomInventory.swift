@testable import ExitReadiness

/// Builds a random contract with staff, processes, folder and checklist from a seed, so that a
/// failing property names a seed that reproduces it.
struct RandomInventory {
    var contract: Contract
    var staff: [StaffMember]
    var processes: [ProcessRecord]
    var folder: ContractFolder?
    var checklist: Checklist

    /// SplitMix64: small, fast and the same on every platform.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let documentPaths = [
        "exit/plan.md", "finance/plan.xlsx", "process/a.md", "process/b.md", "kb/export.zip",
        "licenses/list.csv", "wfm/history/2026.csv",
    ]

    init(seed: Int) {
        var random = Generator(state: UInt64(bitPattern: Int64(seed)))
        let today = Fixtures.today
        func maybe(_ probability: Double = 0.5) -> Bool { Double.random(in: 0..<1, using: &random) < probability }
        func someDay(within days: Int = 1500) -> Day { today.adding(days: Int.random(in: -days...days / 3, using: &random)) }
        func pick<T>(_ values: [T]) -> T { values.randomElement(using: &random)! }

        let criticality = pick(Criticality.allCases)
        let start = today.adding(days: -Int.random(in: 100...3000, using: &random))
        var contract = Contract(
            id: "c", supplier: "S", service: "V", criticality: criticality, start: start,
            end: start.adding(days: Int.random(in: 30...4000, using: &random)),
            noticeDays: Int.random(in: 0...400, using: &random),
            renewalMonths: maybe(0.3) ? Int.random(in: 1...24, using: &random) : 0)
        if maybe(0.7) {
            contract.exitPlan = ExitPlan(
                document: pick(Self.documentPaths), reviewed: maybe() ? someDay() : nil,
                tested: maybe() ? someDay() : nil,
                triggers: Set(ExitTrigger.allCases.filter { _ in maybe() }))
        }
        contract.terms = Terms(
            terminationAssistanceMonths: maybe() ? Int.random(in: 0...12, using: &random) : nil,
            assistanceRatesAgreed: maybe(), informationLeadDays: maybe() ? 30 : nil,
            keyStaffRetention: maybe(), dataReturnAndDeletion: maybe(), licenseTransfer: maybe(),
            cooperationDuty: maybe())
        for ipClass in IPClass.allCases where maybe(0.7) { contract.ip[ipClass] = pick(IPOwner.allCases) }
        contract.alternatives = maybe() ? ["insource"] : []
        if maybe() {
            contract.financialPlan = FinancialPlan(
                document: maybe() ? pick(Self.documentPaths) : nil,
                doubleRunCostEUR: maybe() ? 1000 : nil)
        }
        contract.communicationPlan = maybe()
        contract.lastAudit = maybe() ? someDay() : nil
        contract.kpi = (0..<Int.random(in: 0...8, using: &random)).map { month in
            KPIPeriod(
                period: "2026-\(month + 1)", met: Int.random(in: 0...20, using: &random),
                missed: Int.random(in: 0...5, using: &random))
        }
        self.contract = contract

        let people = (0..<Int.random(in: 0...8, using: &random)).map { "p\($0)" }
        staff = people.map { person in
            StaffMember(
                contract: "c", person: person, side: pick(StaffMember.Side.allCases), isKey: maybe(),
                successor: maybe() ? pick(people) : nil,
                knowledgeTransfer: pick(StaffMember.KnowledgeTransfer.allCases), joined: someDay(),
                left: maybe(0.3) ? someDay(within: 400) : nil, plannedLeave: maybe(0.3) ? someDay() : nil)
        }
        processes = (0..<Int.random(in: 0...5, using: &random)).map { index in
            ProcessRecord(
                contract: "c", process: "proc\(index)", name: "P", kind: pick(ProcessRecord.Kind.allCases),
                document: maybe() ? pick(Self.documentPaths) : nil, necessary: pick(ProcessRecord.Answer.allCases),
                standardizable: pick(ProcessRecord.Answer.allCases),
                transferable: pick(ProcessRecord.Answer.allCases), reviewed: maybe() ? someDay() : nil)
        }
        if maybe(0.85) {
            folder = ContractFolder(
                files: Self.documentPaths.filter { _ in maybe() }.map { path in
                    Fixtures.file(
                        path, size: maybe(0.1) ? 0 : 100, modified: someDay(within: 800), mode: maybe(0.2) ? 0o644 : 0o600)
                })
        }
        checklist = Checklist(requirements: [
            Requirement(id: "kb", title: "KB", patterns: [Glob("kb/**")], maxAgeDays: 90, weight: 2),
            Requirement(id: "licenses", title: "L", patterns: [Glob("licenses/*.csv")], maxAgeDays: 365),
            Requirement(
                id: "wfm", title: "W", patterns: [Glob("wfm/**/*.csv")], minBytes: 50, weight: 1.5,
                appliesTo: [.critical, .important]),
            Requirement(id: "exit", title: "E", patterns: [Glob("exit/*")]),
        ])
    }

    func score(policy: ScoringPolicy = ScoringPolicy(), folder: ContractFolder?? = nil) -> ContractScore {
        Fixtures.scorer(checklist: checklist, policy: policy)
            .score(contract, staff: staff, processes: processes, folder: folder ?? self.folder)
    }
}
