import ExitReadinessReport
import Testing

@Suite("Terminal display width")
struct DisplayWidthTests {
    @Test(arguments: [
        ("", 0), ("klantlijn-inbound", 17), ("Überweisung", 11),
        ("e\u{301}", 1),  // e and a combining acute accent
        ("日本語", 6), ("ｱ", 1), ("Ａ", 2),  // halfwidth katakana, fullwidth A
        ("한국", 4), ("😀", 2), ("👩‍👩‍👧", 2),  // a family joined with U+200D
        ("❤️", 2), ("🇳🇱", 2),  // VS16 picture, a flag
        ("a\u{200B}b", 2),  // zero-width space
        ("\u{1B}[31mred\u{1B}[0m", 3),  // colour codes take no columns
    ])
    func width(_ text: String, _ columns: Int) {
        #expect(DisplayWidth.of(text) == columns)
    }

    @Test func truncatesByColumnsWithAnEllipsis() {
        #expect(DisplayWidth.truncate("Klantlijn Contactcenter B.V.", to: 10) == "Klantlijn…")
        #expect(DisplayWidth.truncate("short", to: 10) == "short")
        #expect(DisplayWidth.truncate("日本語テキスト", to: 6) == "日本…")  // 4 + 1, a wide one does not fit in the last
        #expect(DisplayWidth.truncate("e\u{301}e\u{301}e\u{301}", to: 2) == "e\u{301}…")
        #expect(DisplayWidth.truncate("abc", to: 0) == "")
    }

    @Test func wrapsAtSpacesByColumns() {
        let lines = WordWrap.lines("Ask the supplier for the signed exit plan", width: 20, first: "  → ", rest: "    ")
        #expect(lines == ["  → Ask the supplier", "    for the signed", "    exit plan"])
        #expect(lines.allSatisfy { DisplayWidth.of($0) <= 20 })
        #expect(WordWrap.lines("a b", width: nil, first: "> ", rest: "") == ["> a b"])
        #expect(WordWrap.lines(String(repeating: "x", count: 30), width: 10, first: "", rest: "") == ["xxxxxxxxx…"])
    }
}
