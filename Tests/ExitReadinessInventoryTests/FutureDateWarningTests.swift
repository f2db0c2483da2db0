import ExitReadiness
import ExitReadinessInventory
import Foundation
import Testing

/// A date of something done (a review, a test, an audit) that lies after the evaluation date is
/// almost always a typo: it is a warning, located like an error, and the inventory is still used.
@Suite("Dates of things done that lie in the future are warnings")
struct FutureDateWarningTests {
    /// A one-contract inventory in a temporary folder, removed when the test ends.
    final class Inventory {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inventory-\(UUID().uuidString)").path

        init(contract: String, staff: String, processes: String) throws {
            try FileManager.default.createDirectory(atPath: directory + "/contracts", withIntermediateDirectories: true)
            try contract.write(toFile: directory + "/contracts/acme.yaml", atomically: false, encoding: .utf8)
            try staff.write(toFile: directory + "/staff.csv", atomically: false, encoding: .utf8)
            try processes.write(toFile: directory + "/processes.csv", atomically: false, encoding: .utf8)
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }

        /// `file:line:column: ...` with the file relative to the inventory.
        func relative(_ diagnostics: [Diagnostic]) -> [String] {
            diagnostics.map { $0.description.replacingOccurrences(of: directory + "/", with: "") }
        }
    }

    static let today = Day(iso: "2026-12-01")!

    /// Every date of a thing done is today or later; a planned joiner (`joined` in the future)
    /// is legitimate.
    static func contract(
        reviewed: String = "2026-12-02", tested: String = "2027-01-15",
        lastAudit: String = "2062-02-01", extra: String = ""
    ) -> String {
        """
        id: acme
        supplier: Zürich Contact AG
        service: Inbound voice
        criticality: critical
        start: 2023-01-01
        end: 2027-06-30
        notice_days: 180
        exit_plan:
          document: exit/exit-plan.md
          reviewed: \(reviewed)
          tested: \(tested)
        last_audit: \(lastAudit)
        \(extra)
        """
    }

    static let staff = "contract,person,side,key,joined,left\nacme,p1,supplier,yes,2027-03-01,\n"
    static let processes =
        "contract,process,name,kind,reviewed\nacme,pr1,Credits,formal,2026-12-01\nacme,pr2,Réfunds,formal,2027-11-21\n"

    @Test func futureDatesAreWarningsAndTheInventoryIsStillRead() throws {
        let inventory = try Inventory(contract: Self.contract(), staff: Self.staff, processes: Self.processes)
        let result = try InventoryReader(today: Self.today).readWithWarnings(directory: inventory.directory)
        #expect(
            inventory.relative(result.warnings) == [
                "contracts/acme.yaml:10:13: warning: exit_plan.reviewed: 2026-12-02 is after the evaluation date 2026-12-01; "
                    + "a date in the future is probably a typo (it is scored as if it were today)",
                "contracts/acme.yaml:11:11: warning: exit_plan.tested: 2027-01-15 is after the evaluation date 2026-12-01; "
                    + "a date in the future is probably a typo (it is scored as if it were today)",
                "contracts/acme.yaml:12:13: warning: last_audit: 2062-02-01 is after the evaluation date 2026-12-01; "
                    + "a date in the future is probably a typo (it is scored as if it were today)",
                "processes.csv:3:25: warning: reviewed: 2027-11-21 is after the evaluation date 2026-12-01; "
                    + "a date in the future is probably a typo (it is scored as if it were today)",
            ])
        #expect(result.warnings.allSatisfy { $0.severity == .warning })
        // Read as written.
        let contract = try #require(result.inventory.contracts.first)
        #expect(contract.exitPlan?.reviewed == Day(iso: "2026-12-02"))
        #expect(contract.lastAudit == Day(iso: "2062-02-01"))
        #expect(result.inventory.processes["acme"]?.map(\.reviewed) == [Day(iso: "2026-12-01"), Day(iso: "2027-11-21")])
        #expect(result.inventory.staff["acme"]?.first?.joined == Day(iso: "2027-03-01"))
    }

    @Test func withoutAnEvaluationDateNothingIsChecked() throws {
        let inventory = try Inventory(contract: Self.contract(), staff: Self.staff, processes: Self.processes)
        #expect(try InventoryReader().readWithWarnings(directory: inventory.directory).warnings.isEmpty)
    }

    @Test func datesUpToTheEvaluationDateAreQuiet() throws {
        let inventory = try Inventory(
            contract: Self.contract(reviewed: "2026-12-01", tested: "2025-01-01", lastAudit: "~"),
            staff: Self.staff, processes: Self.processes.replacingOccurrences(of: "2027-11-21", with: ""))
        #expect(try InventoryReader(today: Self.today).readWithWarnings(directory: inventory.directory).warnings.isEmpty)
    }

    @Test func warningsComeWithTheErrors() throws {
        let inventory = try Inventory(contract: Self.contract(extra: "notice: 3"), staff: Self.staff, processes: Self.processes)
        let errors = try #require(throws: InventoryErrors.self) {
            try InventoryReader(today: Self.today).readWithWarnings(directory: inventory.directory)
        }
        #expect(inventory.relative(errors.diagnostics).count == 1)
        #expect(inventory.relative(errors.diagnostics).first?.hasPrefix("contracts/acme.yaml:13:1: unknown key") == true)
        #expect(errors.diagnostics.allSatisfy { $0.severity == .error })
        #expect(
            errors.warnings.map { "\($0.line):\($0.column) \($0.severity)" }
                == ["10:13 warning", "11:11 warning", "12:13 warning", "3:25 warning"])
    }
}
