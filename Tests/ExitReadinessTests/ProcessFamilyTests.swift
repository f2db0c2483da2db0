import Testing

@testable import ExitReadiness

@Suite("Processes family P00–P05")
struct ProcessFamilyTests {
    let contract = Fixtures.perfectContract()

    func score(_ processes: [ProcessRecord]) -> ContractScore {
        Fixtures.score(contract, processes: processes)
    }

    @Test func noProcessesZeroTheFamily() {
        let result = score([])
        #expect(result.families.processes == 0)
        #expect(result.finding(.p00)?.severity == .critical)
        #expect(abs(result.finding(.p00)!.impact - 25) < 1e-12)
    }

    @Test func qualityParts() {
        // Informal (weight 2): no document, 1 of 3 answered, review 400 days ago, transferability unknown.
        let informal = Fixtures.process(
            "shadow", kind: .informal, document: nil, necessary: .yes, standardizable: .unknown,
            transferable: .unknown, reviewed: Fixtures.today.adding(days: -400).iso)
        let formal = Fixtures.process("formal")
        let result = score([formal, informal])
        let informalQuality = 0.30 * (1.0 / 3) + 0.15 * 0.5
        #expect(abs(result.families.processes - 100 * (1 + 2 * informalQuality) / 3) < 1e-12)
        let share = 25.0 / 3
        #expect(abs(result.finding(.p01, subject: "shadow")!.impact - share * 2 * 0.40) < 1e-12)
        #expect(result.finding(.p01, subject: "shadow")?.severity == .warning)
        #expect(abs(result.finding(.p02, subject: "shadow")!.impact - share * 2 * 0.30 * (2.0 / 3)) < 1e-12)
        #expect(result.finding(.p02, subject: "shadow")?.severity == .info)
        #expect(abs(result.finding(.p03, subject: "shadow")!.impact - share * 2 * 0.15 * 0.5) < 1e-12)
        #expect(result.finding(.p03, subject: "shadow")?.severity == .info)
        #expect(abs(result.finding(.p05, subject: "shadow")!.impact - share * 2 * 0.15) < 1e-12)
        #expect(result.finding(.p04, subject: "shadow") == nil)
        #expect(result.findings.filter { $0.subject == "formal" }.isEmpty)
    }

    @Test func necessaryButNotTransferableIsCritical() {
        let result = score([Fixtures.process("p", necessary: .yes, transferable: .no)])
        #expect(result.finding(.p04, subject: "p")?.severity == .critical)
        #expect(result.finding(.p05, subject: "p") == nil)
        #expect(abs(result.families.processes - 85) < 1e-12)
    }

    @Test func unnecessaryProcessesNeedNoTransfer() {
        let result = score([Fixtures.process("p", necessary: .no, transferable: .no)])
        #expect(result.families.processes == 100)
        #expect(result.findings.filter { $0.family == .processes }.isEmpty)
    }

    @Test func unassessedProcessIsAWarning() {
        let result = score([Fixtures.process("p", necessary: .unknown, standardizable: .unknown, transferable: .unknown)])
        #expect(result.finding(.p02, subject: "p")?.severity == .warning)
        #expect(result.finding(.p05, subject: "p") != nil)
    }

    @Test func documentMustExistInTheFolder() {
        let result = score([Fixtures.process("p", document: "process/missing.md")])
        #expect(result.finding(.p01, subject: "p") != nil)
        #expect(score([Fixtures.process("p", document: "./process//a.md")]).finding(.p01, subject: "p") == nil)
    }
}

@Suite("Staff family S00–S04")
struct StaffFamilyTests {
    let contract = Fixtures.perfectContract()

    func score(_ staff: [StaffMember], contract: Contract? = nil) -> ContractScore {
        Fixtures.score(contract ?? self.contract, staff: staff)
    }

    @Test func noActiveKeyPersonZeroesTheFamily() {
        var former = Fixtures.keyPerson("a")
        former.left = Fixtures.today
        let result = score([former, Fixtures.member("b")])
        #expect(result.families.staff == 0)
        #expect(result.finding(.s00)?.severity == .critical)
        #expect(abs(result.finding(.s00)!.impact - 20) < 1e-12)
    }

    @Test func keyPersonLeavingTomorrowIsStillActive() {
        var leaving = Fixtures.keyPerson("a")
        leaving.left = Fixtures.today.adding(days: 1)
        #expect(score([leaving, Fixtures.member("b")]).finding(.s00) == nil)
    }

    @Test func successorMustBeAnotherActivePerson() {
        let own = Fixtures.keyPerson("own", successor: "own")
        let gone = Fixtures.keyPerson("gone", successor: "left")
        let none = Fixtures.keyPerson("none", successor: nil)
        let good = Fixtures.keyPerson("good", successor: "b")
        let staff = [own, gone, none, good, Fixtures.member("b"), Fixtures.member("left", left: "2026-11-01")]
        let result = score(staff)
        #expect(result.findings(.s01).map(\.subject) == ["gone", "none", "own"])
        #expect(result.findings(.s01).allSatisfy { $0.severity == .warning && abs($0.impact - 20 * 40.0 / 4 / 100) < 1e-12 })
    }

    @Test func knowledgeTransferCreditsPerPerson() {
        var planned = Fixtures.keyPerson("planned")
        planned.knowledgeTransfer = .planned
        var none = Fixtures.keyPerson("none")
        none.knowledgeTransfer = .none
        var progress = Fixtures.keyPerson("progress")
        progress.knowledgeTransfer = .inProgress
        let result = score([planned, none, progress, Fixtures.keyPerson("done"), Fixtures.member("b")])
        #expect(result.finding(.s02, subject: "planned")?.severity == .info)
        #expect(result.finding(.s02, subject: "none")?.severity == .warning)
        #expect(abs(result.finding(.s02, subject: "progress")!.impact - 20 * 20 * 0.5 / 4 / 100) < 1e-12)
        #expect(result.finding(.s02, subject: "done") == nil)
        #expect(abs(result.families.staff - (80 + 20 * (0.25 + 0 + 0.5 + 1) / 4)) < 1e-12)
    }

    /// Team of ten active 180 days ago; `leavers` of them left inside the window.
    func turnoverTeam(leavers: Int) -> [StaffMember] {
        var staff = [Fixtures.keyPerson("a")]
        for index in 0..<9 {
            let left = index < leavers ? Fixtures.today.adding(days: -10).iso : nil
            staff.append(Fixtures.member("m\(index)", left: left))
        }
        staff.append(Fixtures.member("b", joined: "2026-11-01"))  // joined inside the window: not in the base
        return staff.map { member in
            var member = member
            if member.person == "a" { member.successor = "m8" }
            return member
        }
    }

    @Test(arguments: [(1, 1.0), (4, 0.0), (2, 2.0 / 3), (3, 1.0 / 3)])
    func turnoverIsLinearBetween10And40Percent(_ leavers: Int, _ fraction: Double) {
        let result = score(turnoverTeam(leavers: leavers))
        #expect(abs(result.families.staff - (80 + 20 * fraction)) < 1e-9)
        if fraction < 1 { #expect(result.finding(.s03)?.subject == nil) }
    }

    @Test func leaversOnTheWindowStartDoNotCount() {
        var staff = turnoverTeam(leavers: 0)
        staff[1].left = Fixtures.today.adding(days: -180)  // left on today−180: not active then, not a leaver
        staff[2].left = Fixtures.today.adding(days: -179)
        let result = score(staff)
        // 1 leaver over a base of 9 (the one who left on today−180 is not active then) = 0.111
        let rate = 1.0 / 9
        #expect(abs(result.families.staff - (80 + 20 * (0.40 - rate) / 0.30)) < 1e-9)
    }

    @Test func plannedLeaveOnOrBeforeTheExitHorizonLoses() {
        var contract = self.contract
        contract.terms.terminationAssistanceMonths = 6
        contract.end = Fixtures.day("2027-01-31")
        contract.noticeDays = 30
        // horizon = 2027-01-31 + 6 months = 2027-07-31
        var onHorizon = Fixtures.keyPerson("on")
        onHorizon.plannedLeave = Fixtures.day("2027-07-31")
        var after = Fixtures.keyPerson("after")
        after.plannedLeave = Fixtures.day("2027-08-01")
        let result = score([onHorizon, after, Fixtures.member("b")], contract: contract)
        #expect(result.exitHorizon.iso == "2027-07-31")
        #expect(result.findings(.s04).map(\.subject) == ["on"])
        #expect(result.finding(.s04, subject: "on")?.severity == .warning)
    }
}
