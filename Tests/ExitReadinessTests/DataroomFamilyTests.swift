import Testing

@testable import ExitReadiness

@Suite("Dataroom family D00–D02, D90")
struct DataroomFamilyTests {
    let contract = Fixtures.perfectContract()

    func checklist(_ requirements: Requirement...) -> Checklist { Checklist(requirements: requirements) }

    func score(_ folder: ContractFolder?, _ checklist: Checklist, contract: Contract? = nil) -> ContractScore {
        Fixtures.score(contract ?? self.contract, folder: folder, scorer: Fixtures.scorer(checklist: checklist))
    }

    @Test func missingFolderZeroesTheFamilyWithOnlyD00() {
        let result = score(nil, checklist(Requirement(id: "a", title: "A", patterns: [Glob("a/**")])))
        #expect(result.families.dataroom == 0)
        #expect(result.findings(.d00).count == 1)
        #expect(result.findings(.d01).isEmpty)
        #expect(result.finding(.d00)?.severity == .critical)
        #expect(abs(result.finding(.d00)!.impact - 25) < 1e-12)
    }

    @Test func noApplicableRequirementGivesFullMarks() {
        var requirement = Requirement(id: "a", title: "A", patterns: [Glob("a/**")])
        requirement.appliesTo = [.standard]
        #expect(score(Fixtures.goodFolder, checklist(requirement)).families.dataroom == 100)
    }

    @Test func freshStaleAndMissingDocumentsWeighByRequirement() {
        let folder = ContractFolder(files: [
            Fixtures.file("exit/plan.md"), Fixtures.file("finance/plan.xlsx"), Fixtures.file("process/a.md"),
            Fixtures.file("licenses/2025.csv", modified: Fixtures.today.adding(days: -400)),
            Fixtures.file("wfm/history/2026.csv", modified: Fixtures.today.adding(days: -90)),
        ])
        let result = score(
            folder,
            checklist(
                Requirement(id: "licenses", title: "Licences", patterns: [Glob("licenses/**")], maxAgeDays: 365, weight: 2),
                Requirement(id: "wfm", title: "WFM", patterns: [Glob("wfm/history/*")], maxAgeDays: 90, weight: 1),
                Requirement(id: "audit", title: "Audit", patterns: [Glob("audit/**")], weight: 1.5)
            ))
        // licenses stale (0.5 × 2), wfm fresh at exactly 90 days (1 × 1), audit missing (0 × 1.5).
        #expect(abs(result.families.dataroom - 100 * 2 / 4.5) < 1e-12)
        #expect(result.finding(.d02, subject: "licenses")?.severity == .info)
        #expect(abs(result.finding(.d02, subject: "licenses")!.impact - 25 * 1 / 4.5) < 1e-12)
        #expect(result.finding(.d01, subject: "audit")?.severity == .warning)
        #expect(result.finding(.d01, subject: "wfm") == nil && result.finding(.d02, subject: "wfm") == nil)
    }

    @Test func newestFileDecidesFreshnessAndSmallFilesDoNotCount() {
        let requirement = Requirement(id: "kb", title: "KB", patterns: [Glob("kb/*")], maxAgeDays: 30, minBytes: 1000)
        let folder = ContractFolder(files: [
            Fixtures.file("kb/old.zip", size: 5000, modified: Fixtures.today.adding(days: -100)),
            Fixtures.file("kb/new-but-small.zip", size: 999, modified: Fixtures.today),
        ])
        #expect(score(folder, checklist(requirement)).finding(.d02, subject: "kb") != nil)
        let fresh = ContractFolder(
            files: folder.files + [Fixtures.file("kb/new.zip", size: 1000, modified: Fixtures.today.adding(days: -30))])
        #expect(score(fresh, checklist(requirement)).families.dataroom == 100)
        let onlySmall = ContractFolder(files: [Fixtures.file("kb/new-but-small.zip", size: 999)])
        #expect(score(onlySmall, checklist(requirement)).finding(.d01, subject: "kb") != nil)
    }

    @Test func zeroMinBytesCountsEmptyFiles() {
        let requirement = Requirement(id: "marker", title: "M", patterns: [Glob("marker")], minBytes: 0)
        let folder = ContractFolder(files: [Fixtures.file("marker", size: 0)])
        #expect(score(folder, checklist(requirement)).families.dataroom == 100)
    }

    @Test func futureFilesAreFresh() {
        let requirement = Requirement(id: "r", title: "R", patterns: [Glob("r")], maxAgeDays: 1)
        let folder = ContractFolder(files: [Fixtures.file("r", modified: Fixtures.today.adding(days: 500))])
        #expect(score(folder, checklist(requirement)).families.dataroom == 100)
    }

    @Test func worldReadableFilesAreSecurityFindingsWithoutPoints() {
        let folder = ContractFolder(files: Fixtures.goodFolder.files + [Fixtures.file("personnel/roster.csv", mode: 0o644)])
        let result = score(folder, checklist())
        let d90 = result.findings(.d90)
        #expect(d90.count == 1)
        #expect(d90.first?.subject == "personnel/roster.csv")
        #expect(d90.first?.severity == .security)
        #expect(d90.first?.impact == 0)
        #expect(result.score == 100)
    }

    @Test func requirementsApplyByCriticality() {
        let requirement = Requirement(id: "chatbots", title: "Bots", patterns: [Glob("bots/**")], appliesTo: [.critical])
        #expect(score(Fixtures.goodFolder, checklist(requirement)).families.dataroom == 0)
        let standard = Fixtures.perfectContract(criticality: .standard)
        #expect(score(Fixtures.goodFolder, checklist(requirement), contract: standard).families.dataroom == 100)
    }
}

@Suite("Checklist globs")
struct GlobTests {
    func matches(_ pattern: String, _ path: String) -> Bool { Glob(pattern).matches(Array(path.utf8)) }

    @Test(arguments: [
        ("a/**/b", "a/b", true), ("a/**/b", "a/x/y/b", true), ("a/**/b", "a/b/c", false), ("x/**", "x/y", true),
        ("x/**", "x/y/z", true), ("x/**", "xy/z", false), ("**", "a/b/c", true), ("**/*.pdf", "a.pdf", true),
        ("**/*.pdf", "a/b.pdf", true), ("*.pdf", "a/b.pdf", false), ("*", ".hidden", true), ("*.md", ".md", true),
        ("a?c", "abc", true), ("a?c", "a/c", false), ("a?c", "ac", false), ("a?c", "aéc", true),
        ("a**b", "axxb", true), ("a**b", "a/b", false), ("Contract/*", "contract/a", false),
        ("[ab]", "[ab]", true), ("[ab]", "a", false), ("a\\b", "a\\b", true), ("exit/plan.md", "exit/plan.md", true),
        ("exit/plan.md", "exit/planXmd", false), ("*/*", "a/b", true), ("*/*", "a", false), ("a/**/**/b", "a/b", true),
        ("*x*y*", "axbyc", true), ("*x*y*", "ayxc", false), ("licenses/**", "licenses", true),
    ])
    func globRules(_ pattern: String, _ path: String, _ expected: Bool) {
        #expect(matches(pattern, path) == expected, "\(pattern) vs \(path)")
    }

    @Test func questionMarkTakesOneByteOfMalformedUTF8() {
        #expect(Glob("a?c").matches([97, 0xFF, 99]))
    }
}
