import Testing
import ExitReadinessReport

@Suite("Tables that fit the terminal")
struct TextTableTests {
    private func table() -> TextTable {
        var table = TextTable([.init("ID"), .init("SUPPLIER", shrinks: true), .init("SCORE", .right), .init("MESSAGE", shrinks: true)])
        table.add(["klantlijn-inbound", "日本コールセンター株式会社 (Tokyo)", "95.2", String(repeating: "lost points ", count: 40)])
        table.add(["rheinruf-de", "Rheinruf GmbH", "22.7", "short"])
        return table
    }

    @Test func withoutAWidthNothingIsCut() {
        let lines = table().render().split(separator: "\n")
        #expect(lines.contains { $0.contains(String(repeating: "lost points ", count: 39)) })
        #expect(!lines.contains { $0.contains("…") })
    }

    @Test(arguments: [120, 80, 60, 40])
    func everyLineFitsTheWidth(_ width: Int) {
        let lines = table().render(style: TerminalStyle(colors: false, width: width)).split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= width }, "\(lines)")
        #expect(lines.contains { $0.contains("…") })
    }

    @Test func freeTextShrinksFirstAndColumnsStayAligned() {
        let lines = table().render(style: TerminalStyle(colors: false, width: 80)).split(separator: "\n").map(String.init)
        // Ids and scores are whole; the supplier and message are cut.
        #expect(lines[1].hasPrefix("klantlijn-inbound  "))
        #expect(lines[1].contains("  95.2  "))
        #expect(lines[2].contains("  22.7  "))
        // The score column ends at the same column on every row, wide characters counted twice.
        let ends = lines.dropFirst().map { DisplayWidth.of(String($0[...$0.firstIndex(of: ".")!])) }
        #expect(Set(ends).count == 1, "\(lines)")
    }
}
