import ExitReadinessInventory
import Foundation
import Testing

/// Positions in YAML diagnostics are the lines and columns an editor shows, whatever characters
/// the file holds before the error.
@Suite("YAML diagnostics point where an editor shows the problem")
struct YAMLPositionTests {
    static let contract = """
        id: acme
        supplier: "Acme Contact B.V."
        service: Inbound voice and chat NL
        criticality: critical
        start: 2023-01-01
        end: 2027-06-30
        notice_days: -5

        """

    static func diagnostics(_ text: String, file: String = "contracts/acme.yaml") -> [String] {
        InventoryFileParser.contract(Array(text.utf8), file: file).1.map(\.description)
    }

    static func checklistDiagnostics(_ text: String) throws -> [String] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dataroom-\(UUID().uuidString).yaml").path
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = Result { () throws(InventoryErrors) in try ChecklistReader().read(path: path) }
        guard case .failure(let errors) = result else { return [] }
        return errors.diagnostics.map { $0.description.replacingOccurrences(of: path, with: "dataroom.yaml") }
    }

    // libyaml (YAML 1.1) also ends a line at NEL, LS and PS; editors do not. Errors after one
    // used to be reported a line further down.
    @Test(arguments: ["\u{85}", "\u{2028}", "\u{2029}"])
    func unicodeLineBreaksDoNotShiftLines(_ separator: String) {
        #expect(
            Self.diagnostics(Self.contract) == [
                "contracts/acme.yaml:7:14: notice_days: -5 is too small; "
                    + "expected a whole number from 0 to 36500"
            ])
        let text = Self.contract.replacingOccurrences(of: "Acme Contact", with: "Acme\(separator)Contact")
        #expect(Self.diagnostics(text) == Self.diagnostics(Self.contract))
    }

    @Test func aUnicodeLineBreakInsideALineCountsAsAColumn() {
        // libyaml refuses a flow key that spans lines, and to it this one does; the error is at
        // the ':' after the key, column 20 of line 7 when LS counts as one character.
        let text = Self.contract.replacingOccurrences(of: "notice_days: -5", with: "notice_days: {\"a\u{2028}b\": 1}")
        #expect(
            Self.diagnostics(text) == [
                "contracts/acme.yaml:7:20: YAML syntax error: did not find expected ',' or '}' "
                    + "(while parsing a flow mapping)"
            ])
    }

    @Test func checklistsToo() throws {
        let text = "requirements:\n  - id: a\u{2029}\n    title: T\n    patterns: [x]\n    weight: 0\n"
        #expect(
            try Self.checklistDiagnostics(text)
                == ["dataroom.yaml:5:13: weight: 0 is too small; expected a decimal number greater than 0"])
    }

    // A construct still open at the end of the file is blamed where it starts. libyaml's marks
    // count characters; the end of the file was compared with the byte count, so after any
    // multi-byte character (or a byte order mark) the error landed at the end of the file, on a
    // line the file does not have when it lacks a final newline.
    @Test(
        arguments: [
            ("id: a\nsupplier: e\nfoo", "3:1: YAML syntax error: the simple key that starts here is never closed"),
            ("id: a\nsupplier: é\nfoo", "3:1: YAML syntax error: the simple key that starts here is never closed"),
            (
                "id: a\nsupplier: \"Acme 🌙 B.V.\nservice: x\n",
                "2:11: YAML syntax error: the quoted scalar that starts here is never closed"
            ),
            (
                "\u{FEFF}id: a\nalternatives: [insource, x\n",
                "2:15: YAML syntax error: the flow sequence that starts here is never closed"
            ),
            (
                "id: a\r\nsupplier: é\r\nalternatives: [insource, x\r\n",
                "3:15: YAML syntax error: the flow sequence that starts here is never closed"
            ),
            // Still open when the next key comes: libyaml gives up there, on a later line.
            (
                "id: a\nalternatives: [Zürich, [insource\nkpi: x\n",
                "2:24: YAML syntax error: the flow sequence that starts here is never closed"
            ),
            (
                "id: a\r\nip: {data: client\r\nkpi: x\r\n",
                "2:5: YAML syntax error: the flow mapping that starts here is never closed"
            ),
            // Closed by the next quote of the file instead, two lines down.
            (
                "id: ü\nsupplier: 'Acme\nservice: x\nkpi: it's\n",
                "2:11: YAML syntax error: the quoted scalar that starts here is never closed (it ends at the next quote, on line 4"
            ),
        ] as [(String, String)])
    func unclosedConstructsAreBlamedWhereTheyStart(_ text: String, _ expected: String) {
        let diagnostics = Self.diagnostics(text, file: "contracts/a.yaml")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("contracts/a.yaml:" + expected) == true, "\(diagnostics)")
    }

    @Test func unclosedQuoteInAChecklistAfterNonASCII() throws {
        let diagnostics = try Self.checklistDiagnostics("requirements:\n  - id: café\n    title: \"unclosed")
        #expect(diagnostics.count == 1)
        #expect(
            diagnostics.first?.hasPrefix(
                "dataroom.yaml:3:12: YAML syntax error: the quoted scalar that starts here "
                    + "is never closed (found unexpected end of stream at line 3)") == true, "\(diagnostics)")
    }

    @Test func aQuotedScalarOverSeveralLinesIsNotBlamedForALaterError() {
        let diagnostics = Self.diagnostics("id: a\nsupplier: \"Acme\n  B.V.\"\nservice: [x]]\n", file: "contracts/a.yaml")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("contracts/a.yaml:4:") == true, "\(diagnostics)")
    }

    @Test func otherSyntaxErrorsAfterNonASCIIStayInsideTheFile() {
        // Without a final newline libyaml puts the end of the file on the next line.
        let diagnostics = Self.diagnostics("id: a\nsupplier: é\nservice: [x]]", file: "contracts/a.yaml")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.hasPrefix("contracts/a.yaml:3:") == true, "\(diagnostics)")
    }
}
