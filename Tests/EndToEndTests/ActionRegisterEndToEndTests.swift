import Foundation
import Testing

/// The demo's action register as `exitreadyctl` shows it, and its errors as `validate` reports them.
@Suite("exitreadyctl and the action register")
struct ActionRegisterEndToEndTests {
    static let environment = ["TZ": "Europe/Amsterdam"]

    @Test func explainShowsOwnerDueDateStateAndAcceptance() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let base = demo.checkArguments + ["--now", "2026-12-01", "--contract"]
        let dialoog = try Binaries.run("exitreadyctl", base + ["dialoog-email"], environment: Self.environment).stdout
        #expect(dialoog.contains("  Action: open · due 2026-11-20 · owner Vendor manager\n  Note: Review with the provider"))
        #expect(dialoog.contains("A01 [C02] warning\n  The action on C02 (owner Vendor manager) was due 2026-11-20, 11 days ago"))
        #expect(dialoog.contains("A03 [D01/transition-plan] warning"))
        let nachtwacht = try Binaries.run("exitreadyctl", base + ["nachtwacht-overflow"], environment: Self.environment).stdout
        #expect(nachtwacht.contains("  Action: accepted until 2027-06-30 (still costs its points) · owner Service owner"))
        let belronde = try Binaries.run("exitreadyctl", base + ["belronde-outbound"], environment: Self.environment).stdout
        #expect(belronde.contains("  Action: acceptance lapsed after 2026-11-30 · owner Compliance officer"))
        #expect(belronde.contains("A02 [C16] warning"))
    }

    @Test func acceptedFindingsLeaveTheTopFindings() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let summary = try Binaries.run(
            "exitreadyctl", demo.checkArguments + ["--now", "2026-12-01"], environment: Self.environment
        ).stdout
        let top = try #require(summary.components(separatedBy: "Top findings").last)
        #expect(!top.contains("nachtwacht-overflow"), "its S03 is accepted: \(top)")
        #expect(top.contains("(action: open · due 2027-01-15 · owner Sourcing manager)"), "\(top)")
    }

    /// An accepted finding leaves the plan, so the effort to ready is planned without it:
    /// belronde-outbound cannot pass its cap of 40 while its missing exit plan is accepted.
    @Test func anAcceptedFindingLeavesTheEffortToReady() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let arguments = demo.checkArguments + ["--now", "2026-12-01", "--contract", "belronde-outbound", "--json"]
        let before = try Binaries.run("exitreadyctl", arguments, environment: Self.environment)
        let path = demo.inventory + "/actions.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(
            of: "belronde-outbound,C01,,Sourcing manager,2027-01-15,open,,",
            with: "belronde-outbound,C01,,CFO,,accepted,2027-06-30,"
        ).write(toFile: path, atomically: true, encoding: .utf8)
        let after = try Binaries.run("exitreadyctl", arguments, environment: Self.environment)
        let parse = { (text: String) in try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any] }
        #expect(try parse(before.stdout)["effort_to_ready"] as? Double == 10)
        #expect(try parse(after.stdout)["effort_to_ready"] is NSNull, "\(after.stdout.prefix(600))")
    }

    @Test func validateReportsAWrongRowWithFileLineAndColumn() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let path = demo.inventory + "/actions.csv"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "dialoog-emial,T01,,,,accepted,,\n").write(toFile: path, atomically: true, encoding: .utf8)
        let result = try Binaries.run(
            "exitreadyctl", ["validate", "--inventory", demo.inventory, "--checklist", DemoCopy.checklist])
        #expect(result.status != 0)
        let output = result.stdout + result.stderr
        #expect(output.contains("\(path):9:1: contract \"dialoog-emial\" is not in the inventory"), "\(output)")
        #expect(output.contains("did you mean dialoog-email?"))
        #expect(output.contains("\(path):9:15: code: T01 costs no points"), "\(output)")
        #expect(output.contains("\(path):9:31: until is empty; state accepted needs"), "\(output)")
    }
}
