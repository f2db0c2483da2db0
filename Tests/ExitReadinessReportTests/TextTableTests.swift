import ExitReadinessReport
import Testing

@Suite("Tables that fit the terminal")
struct TextTableTests {
    private func table() -> TextTable {
        var table = TextTable([
            .init("ID"), .init("SUPPLIER", shrinks: true), .init("SCORE", .right), .init("MESSAGE", shrinks: true),
        ])
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

    /// Ids, scores and bands stay whole: ranked columns are left out before any of them is cut.
    @Test func rankedColumnsAreLeftOutBeforeIdsAreCut() {
        var table = TextTable([
            .init("CONTRACT"), .init("SUPPLIER", shrinks: true, dropRank: 2),
            .init("CRITICALITY", dropRank: 1), .init("SCORE", .right), .init("BAND"),
        ])
        table.add(["nachtwacht-overflow", "Nachtwacht Overflow Services B.V.", "important", "83.7", "not-ready"])
        let narrow = table.render(style: TerminalStyle(colors: false, width: 52)).split(separator: "\n").map(String.init)
        #expect(
            narrow == ["CONTRACT             SUPPLIER       SCORE  BAND", "nachtwacht-overflow  Nachtwacht O…   83.7  not-ready"])
        // Leaving criticality out frees more room than needed: the supplier gets it back.
        let roomy = table.render(style: TerminalStyle(colors: false, width: 60)).split(separator: "\n").map(String.init)
        #expect(roomy[1] == "nachtwacht-overflow  Nachtwacht Overflow …   83.7  not-ready")
        let narrower = table.render(style: TerminalStyle(colors: false, width: 40)).split(separator: "\n").map(String.init)
        #expect(narrower == ["CONTRACT             SCORE  BAND", "nachtwacht-overflow   83.7  not-ready"])
        let wide = table.render(style: TerminalStyle(colors: false, width: 120)).split(separator: "\n").map(String.init)
        #expect(wide[1].contains("important") && wide[1].contains("Nachtwacht Overflow Services B.V."))
    }
}
