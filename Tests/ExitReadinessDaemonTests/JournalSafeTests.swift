import ExitReadinessInventory
import Foundation
import Testing

@testable import ExitReadinessDaemon

/// Inventory problems go to the journal through `EvaluationCycle.journalSafe`, which leaves out
/// every quoted value of the staff register: no person id may survive it, also when a register
/// row names something else than a contract in its contract cell (columns swapped).
@Suite("Inventory problems reach the journal without person ids")
struct JournalSafeTests {
    /// Ids, each with a part that must not reach the journal.
    @Test(arguments: [
        ("pers-4711", "4711"), ("jan.de.vries", "vries"), ("p\"47\"", "47"), ("p47\\", "47"),
        ("p\u{1B}[2J47", "47"),
    ])
    func anUnknownContractInTheStaffRegisterIsLeftOut(_ id: String, _ part: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("journal-safe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("contracts"), withIntermediateDirectories: true)
        try """
        id: acme
        supplier: Acme Contact B.V.
        service: Inbound voice and chat NL
        criticality: critical
        start: 2023-01-01
        end: 2027-06-30
        notice_days: 180

        """.write(to: folder.appendingPathComponent("contracts/acme.yaml"), atomically: false, encoding: .utf8)
        let cell = "\"" + id.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        try "contract,person,side,key,joined\n\(cell),acme,supplier,yes,2024-01-01\n"
            .write(to: folder.appendingPathComponent("staff.csv"), atomically: false, encoding: .utf8)

        let errors = try #require(throws: InventoryErrors.self) { try InventoryReader().read(directory: folder.path) }
        #expect(errors.diagnostics.count == 1)
        let diagnostic = try #require(errors.diagnostics.first)
        #expect(diagnostic.file.hasSuffix("/staff.csv") && diagnostic.line == 2 && diagnostic.column == 1)
        #expect(diagnostic.description.contains(part), "the diagnostic itself names the value: \(diagnostic)")
        let logged = EvaluationCycle.journalSafe(diagnostic)
        let message = logged.dropFirst("\(diagnostic.file):2:1: ".count)
        #expect(logged.hasPrefix(diagnostic.file) && !message.contains(part), "\(logged)")
        #expect(logged.contains("is not in the inventory"), "\(logged)")
    }

    @Test func otherFilesAreLoggedAsTheyAre() {
        let diagnostic = Diagnostic(
            file: "/etc/exitready/inventory/processes.csv", line: 3, column: 1,
            message: "contract \"betta\" is not in the inventory; did you mean beta?")
        #expect(EvaluationCycle.journalSafe(diagnostic) == diagnostic.description)
    }

    /// Subjects of the action register are person ids for staff findings.
    @Test(arguments: ["/etc/exitready/inventory/actions.csv", "/etc/exitready/inventory/actions/team.csv"])
    func quotedValuesOfTheActionRegisterAreLeftOut(_ file: String) {
        let diagnostic = Diagnostic(
            file: file, line: 4, column: 14,
            message: "the action on \"S01/pers-4711\" appears twice for contract acme (first at \(file):2)")
        let logged = EvaluationCycle.journalSafe(diagnostic)
        #expect(!logged.contains("4711") && logged.contains("appears twice"), "\(logged)")
    }
}
