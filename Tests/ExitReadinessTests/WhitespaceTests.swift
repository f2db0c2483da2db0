import ExitReadiness
import Testing

@Suite("Whitespace trimming")
struct WhitespaceTests {
    @Test(arguments: [
        ("  Interval = 5min \t", "Interval = 5min", "  Interval = 5min"),
        ("2026-12-01\r\n", "2026-12-01", "2026-12-01"),
        (" \t\r\n ", "", ""),
        ("", "", ""),
        ("\u{00A0}kept\u{00A0}", "\u{00A0}kept\u{00A0}", "\u{00A0}kept\u{00A0}"),
        ("a  b  ", "a  b", "a  b"),
    ])
    func bothEndsOrTheEnd(_ text: String, _ trimmed: String, _ trailing: String) {
        #expect(text.trimmingWhitespace() == trimmed)
        #expect(text.trimmingTrailingWhitespace() == trailing)
        #expect(text[...].trimmingWhitespace() == trimmed)
    }
}
