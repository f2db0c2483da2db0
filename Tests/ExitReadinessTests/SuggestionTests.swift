import ExitReadiness
import Testing

@Suite("Did-you-mean suggestions")
struct SuggestionTests {
    @Test(arguments: [
        ("", "", 0), ("abc", "", 3), ("", "abc", 3), ("scores", "scores", 0),
        ("scroes", "scores", 1),  // one swap of neighbours
        ("dialoog-mail", "dialoog-email", 1),  // one insertion
        ("kitten", "sitting", 3), ("ca", "abc", 3), ("日本", "本日", 1),
    ])
    func editDistance(_ a: String, _ b: String, _ distance: Int) {
        #expect(Suggestion.editDistance(a, b) == distance)
        #expect(Suggestion.editDistance(b, a) == distance)
    }

    @Test func suggestsTheClosestWithinTwoEdits() {
        let commands = ["check", "validate", "status", "scores", "explain", "history", "alerts", "watch"]
        #expect(Suggestion.closest(to: "scroes", among: commands) == "scores")
        #expect(Suggestion.closest(to: "explian", among: commands) == "explain")
        #expect(Suggestion.closest(to: "Status", among: commands) == "status")
        #expect(Suggestion.closest(to: "hstry", among: commands) == "history")
        #expect(Suggestion.closest(to: "dialoog-mail", among: ["dialoog-email", "rheinruf-de"]) == "dialoog-email")
    }

    @Test func suggestsNothingFarOrExact() {
        #expect(Suggestion.closest(to: "frobnicate", among: ["check", "scores"]) == nil)
        #expect(Suggestion.closest(to: "scores", among: ["scores"]) == nil)
        // Two edits are more than half of a three-letter word.
        #expect(Suggestion.closest(to: "abc", among: ["xyc"]) == nil)
        #expect(Suggestion.closest(to: "x", among: ["y"]) == nil)
    }

    @Test func tiesGoToTheFirstInSortOrder() {
        #expect(Suggestion.closest(to: "bat", among: ["cat", "bar", "hat"]) == "bar")
    }
}
