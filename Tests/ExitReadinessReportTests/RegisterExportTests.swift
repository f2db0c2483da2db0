import ExitReadinessReport
import Testing

@testable import ExitReadiness

@Suite("Register of information export (B_07.01)")
struct RegisterExportTests {
    static let entry = RegisterEntry(
        reference: "CA-2023-0042", providerCode: "724500VKKSH9QOLTFR81", providerCodeType: .lei, ictServiceType: .s02,
        substitutability: .highlyComplex, substitutabilityReason: .migration, reintegration: .difficult,
        discontinuationImpact: .high)

    static func contract(
        _ id: String = "acme", status: ContractStatus = .active, register: RegisterEntry? = entry,
        findings: [FindingCode] = [], lastAudit: Day? = Day(iso: "2026-02-01"), alternatives: [String]? = ["insource"]
    ) -> ContractScore {
        let day = Day(iso: "2027-06-30")!
        return ContractScore(
            id: id, supplier: "Acme", service: "Voice", criticality: .critical, status: status, score: 50,
            uncappedScore: 50, band: .notReady,
            families: FamilyScores(contract: 50, dataroom: 50, processes: 50, staff: 50), termEnd: day,
            noticeDeadline: day, exitHorizon: day,
            findings: findings.map { Finding(code: $0, severity: .warning, impact: 1, detail: .text("x")) },
            register: register, lastAudit: lastAudit, alternatives: alternatives)
    }

    /// The value of one column of the contract's row.
    static func cell(_ column: String, _ contract: ContractScore) -> String? {
        RegisterExport.row(contract)?[RegisterExport.header.firstIndex(of: column)!]
    }

    static func with(_ change: (inout RegisterEntry) -> Void) -> ContractScore {
        var entry = Self.entry
        change(&entry)
        return contract(register: entry)
    }

    @Test func copiedColumns() {
        #expect(Self.cell("c0010", Self.contract()) == "CA-2023-0042")
        #expect(Self.cell("c0020", Self.contract()) == "724500VKKSH9QOLTFR81")
        #expect(Self.cell("c0040", Self.with { $0.ictServiceType = .s19 }) == "eba_TA:S19")
        #expect(Self.cell("c0040", Self.contract()) == "eba_TA:S02")
    }

    @Test(arguments: [
        (RegisterEntry.ProviderCodeType.lei, "eba_qCO:qx2000"), (.national, "eba_qCO:qx2001"), (.euid, "eba_qCO:qx2002"),
        (.crn, "eba_qCO:qx2003"), (.vat, "eba_qCO:qx2004"),
    ])
    func providerCodeType(_ type: RegisterEntry.ProviderCodeType, _ code: String) {
        #expect(Self.cell("c0030", Self.with { $0.providerCodeType = type }) == code)
    }

    @Test(arguments: [
        (RegisterEntry.Substitutability.notSubstitutable, "eba_ZZ:x959"), (.highlyComplex, "eba_ZZ:x960"),
        (.medium, "eba_ZZ:x961"), (.easy, "eba_ZZ:x962"),
    ])
    func substitutability(_ value: RegisterEntry.Substitutability, _ code: String) {
        #expect(Self.cell("c0050", Self.with { $0.substitutability = value }) == code)
    }

    @Test(arguments: [
        (RegisterEntry.SubstitutabilityReason?.some(.lackOfAlternatives), "eba_ZZ:x963"), (.migration, "eba_ZZ:x964"),
        (.both, "eba_ZZ:x965"), (nil, ""),
    ])
    func substitutabilityReason(_ value: RegisterEntry.SubstitutabilityReason?, _ code: String) {
        #expect(Self.cell("c0060", Self.with { $0.substitutabilityReason = value }) == code)
    }

    @Test func lastAuditOrTheEndOfTime() {
        #expect(Self.cell("c0070", Self.contract()) == "2026-02-01")
        #expect(Self.cell("c0070", Self.contract(lastAudit: nil)) == "9999-12-31")
    }

    @Test func exitPlanIsMeasuredByC01() {
        #expect(Self.cell("c0080", Self.contract(findings: [.c02, .c13])) == "eba_BT:x28")
        #expect(Self.cell("c0080", Self.contract(findings: [.c01])) == "eba_BT:x29")
    }

    @Test(arguments: [
        (RegisterEntry.Reintegration.easy, "eba_ZZ:x798"), (.difficult, "eba_ZZ:x966"), (.highlyComplex, "eba_ZZ:x967"),
        (.notApplicable, "eba_ZZ:x0"),
    ])
    func reintegration(_ value: RegisterEntry.Reintegration, _ code: String) {
        #expect(Self.cell("c0090", Self.with { $0.reintegration = value }) == code)
    }

    @Test(arguments: [
        (RegisterEntry.DiscontinuationImpact.low, "eba_ZZ:x791"), (.medium, "eba_ZZ:x792"), (.high, "eba_ZZ:x793"),
        (.notAssessed, "eba_ZZ:x799"),
    ])
    func discontinuationImpact(_ value: RegisterEntry.DiscontinuationImpact, _ code: String) {
        #expect(Self.cell("c0100", Self.with { $0.discontinuationImpact = value }) == code)
    }

    @Test func alternativesListedEmptyOrAbsent() {
        let listed = Self.contract(alternatives: ["insource", "Beta Contact"])
        #expect(Self.cell("c0110", listed) == "eba_BT:x28")
        #expect(Self.cell("c0120", listed) == "insource; Beta Contact")
        #expect(Self.cell("c0110", Self.contract(alternatives: [])) == "eba_BT:x29")
        #expect(Self.cell("c0120", Self.contract(alternatives: [])) == "")
        #expect(Self.cell("c0110", Self.contract(alternatives: nil)) == "eba_BT:x21")
        #expect(Self.cell("c0120", Self.contract(alternatives: nil)) == "")
    }

    @Test func activeContractsWithABlockInIDOrderWithCRLFAndRFC4180Quoting() {
        var quoted = Self.entry
        quoted.reference = "CA-1, \"amended\"\nline 2"
        let evaluation = Evaluation(
            evaluated: Day(iso: "2026-12-05")!,
            portfolio: PortfolioScore(score: nil, band: nil, weakest: nil, activeContracts: 0),
            contracts: [
                Self.contract("zulu"), Self.contract("alpha", register: quoted), Self.contract("gone", status: .ended),
                Self.contract("bare", register: nil), Self.contract("beta", register: nil),
            ])
        let export = RegisterExport(evaluation)
        #expect(export.missing == ["bare", "beta"])
        let lines = export.csv.split(separator: "\r\n", omittingEmptySubsequences: false)
        #expect(lines.first == "c0010,c0020,c0030,c0040,c0050,c0060,c0070,c0080,c0090,c0100,c0110,c0120")
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("\"CA-1, \"\"amended\"\"\nline 2\",724500VKKSH9QOLTFR81,"))
        #expect(lines[2].hasPrefix("CA-2023-0042,"))
        #expect(lines[3] == "")
        #expect(!export.csv.utf8.starts(with: [0xEF, 0xBB, 0xBF]))
    }
}
