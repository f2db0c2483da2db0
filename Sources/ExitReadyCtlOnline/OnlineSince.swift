import ArgumentParser
import ExitReadiness

/// The argument of `--since`: a date (`2026-09-01`) or a number of days back from today (`90d`).
package struct OnlineSince: ExpressibleByArgument {
    package let day: Day

    package init?(argument: String) {
        if let day = Day(iso: argument) {
            self.day = day
        } else if argument.hasSuffix("d"), let days = Int(argument.dropLast()), days >= 0, days <= 36_500 {
            day = LocalCalendar.today().adding(days: -days)
        } else {
            return nil
        }
    }

    package static var defaultCompletionKind: CompletionKind { .list(["7d", "30d", "90d", "365d"]) }
}
