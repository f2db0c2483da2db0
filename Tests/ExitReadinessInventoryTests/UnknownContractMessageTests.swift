import ExitReadinessInventory
import Foundation
import Testing

/// A register row whose contract cell holds something else, a person id for example (columns
/// swapped), must name that value only inside quotes: the daemon logs diagnostics of the staff
/// register with every quoted value left out, so that no person id reaches the journal.
@Suite("An unknown contract in a register is named only inside quotes")
struct UnknownContractMessageTests {
    /// Ids, each with a part of it that must not be left outside the quotes.
    @Test(arguments: [("pers-4711", "4711"), ("jan.de.vries", "vries"), ("p\"47\"", "47"), ("p47\\", "47"),
                      ("p\u{1B}[2J47", "47")])
    func unknownContractIsQuotedOnly(_ id: String, _ part: String) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("unknown-contract-\(UUID().uuidString)")
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
        let diagnostic = try #require(errors.diagnostics.only)
        #expect(diagnostic.file.hasSuffix("/staff.csv") && diagnostic.line == 2 && diagnostic.column == 1)
        #expect(diagnostic.message.hasPrefix("contract \""), "\(diagnostic.message)")
        #expect(diagnostic.message.contains("is not in the inventory"), "\(diagnostic.message)")
        let unquoted = Self.outsideQuotes(diagnostic.message)
        #expect(!unquoted.contains(part), "the id is outside quotes: \(diagnostic.message)")
    }

    /// The message with every quoted value removed, quotes escaped as `\"` staying inside: what
    /// the daemon keeps of a staff register diagnostic for the journal.
    private static func outsideQuotes(_ message: String) -> String {
        var kept = "", inQuotes = false, previous: Character = " "
        for character in message {
            if character == "\"" && previous != "\\" {
                inQuotes.toggle()
            } else if !inQuotes {
                kept.append(character)
            }
            previous = character
        }
        return kept
    }
}

extension Array {
    /// The single element, or nil when there are none or several.
    fileprivate var only: Element? { count == 1 ? first : nil }
}
