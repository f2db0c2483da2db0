import ExitReadiness
import Testing

/// Scores and impacts print with a fixed number of decimals, rounded as exitready-inventory(5) (SCORING, Rounding) rounds them.
@Suite("Decimal text")
struct DecimalTextTests {
    @Test(arguments: [
        (71.25, 1, "71.3"), (71.35, 1, "71.4"), (-71.25, 1, "-71.3"), (0.05, 1, "0.1"), (-0.04, 1, "0.0"),
        (-0.05, 1, "-0.1"), (100, 1, "100.0"), (0, 1, "0.0"), (1.005, 2, "1.01"), (2.5, 0, "3"), (-2.5, 0, "-3"),
        (12.3456, 3, "12.346"), (0.1 + 0.2, 2, "0.30"), (7, 2, "7.00"),
    ])
    func fixed(_ value: Double, _ decimals: Int, _ expected: String) {
        #expect(DecimalText.fixed(value, decimals) == expected)
    }

    @Test func scoresHaveOneDecimal() {
        #expect(DecimalText.score(64.25) == "64.3")
        #expect(DecimalText.score(5) == "5.0")
    }
}
