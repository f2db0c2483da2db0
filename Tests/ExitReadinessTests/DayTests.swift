import Testing

@testable import ExitReadiness

@Suite("Calendar dates")
struct DayTests {
    @Test func parsesAndFormatsISODates() {
        #expect(Day(iso: "1970-01-01")?.ordinal == 0)
        #expect(Day(iso: "2026-12-01")?.iso == "2026-12-01")
        #expect(Day(iso: "1969-12-31")?.ordinal == -1)
        #expect(Day(iso: "2000-02-29")?.iso == "2000-02-29")
    }

    @Test(arguments: [
        "2026-02-29", "2100-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-5", "26-01-05",
        "2026/01/05", "2026-01-05T00:00", "", "tomorrow", "2026-01-0a", "0000-01-01",
    ])
    func rejectsInvalidDates(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func roundTripsOverFourCenturies() {
        var day = Day(iso: "1900-01-01")!
        var previous = day.components
        for _ in 0..<(400 * 366) {
            day = day.adding(days: 1)
            let current = day.components
            #expect(Day(year: current.year, month: current.month, day: current.day) == day)
            #expect(current.day == 1 || current.day == previous.day + 1)
            previous = current
        }
    }

    @Test(arguments: [
        ("2026-01-31", 1, "2026-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2026-01-31", 2, "2026-03-31"),
        ("2024-02-29", 12, "2025-02-28"), ("2024-02-29", 48, "2028-02-29"), ("2026-11-30", 3, "2027-02-28"),
        ("2026-12-15", 1, "2027-01-15"), ("2026-12-31", 14, "2028-02-29"), ("2026-05-31", -1, "2026-04-30"),
        ("2026-03-31", 0, "2026-03-31"),
    ])
    func addsMonthsClampingToTheMonthEnd(_ start: String, _ months: Int, _ expected: String) {
        #expect(Day(iso: start)!.adding(months: months).iso == expected)
    }

    @Test func leapYears() {
        #expect(Day.isLeap(2024) && Day.isLeap(2000) && !Day.isLeap(2100) && !Day.isLeap(2026))
        #expect(Day(iso: "2025-03-01")!.days(since: Day(iso: "2024-02-28")!) == 367)
    }
}

@Suite("Rounding")
struct RoundingTests {
    @Test(arguments: [
        (0.05, 1, 0.1), (0.15, 1, 0.2), (0.25, 1, 0.3), (2.675, 2, 2.68), (1.005, 2, 1.01), (-0.05, 1, -0.1),
        (64.25, 1, 64.3), (64.24999, 1, 64.2), (79.95, 1, 80.0), (59.95, 1, 60.0), (100.0, 1, 100.0), (0.0, 2, 0.0),
        (1.0 / 3.0, 2, 0.33), (2.0 / 3.0, 1, 0.7), (12.345, 2, 12.35),
    ])
    func roundsHalfAwayFromZeroAbsorbingBinaryError(_ value: Double, _ decimals: Int, _ expected: Double) {
        #expect(roundHalfAwayFromZero(value, decimals: decimals) == expected)
    }

    @Test func bandsUseRoundedScores() {
        let policy = ScoringPolicy()
        #expect(policy.band(forRoundedScore: roundHalfAwayFromZero(79.95, decimals: 1)) == .ready)
        #expect(policy.band(forRoundedScore: roundHalfAwayFromZero(79.94, decimals: 1)) == .atRisk)
        #expect(policy.band(forRoundedScore: 60.0) == .atRisk)
        #expect(policy.band(forRoundedScore: 59.9) == .notReady)
    }
}
