/// A calendar date without time or zone, counted in days since 1970-01-01 (proleptic Gregorian).
///
/// Every date of the inventory (`start`, `end`, reviews, audits, leave dates) and the evaluation
/// date itself is a `Day`; differences between days are exact integers, which is what the scoring
/// formulas need.
public struct Day: Hashable, Comparable, Sendable {
    /// Days since 1970-01-01; negative before.
    public let ordinal: Int

    public init(ordinal: Int) {
        self.ordinal = ordinal
    }

    /// The day with the given year, month (1–12) and day of month, or nil when it does not exist.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            day >= 1, day <= Day.daysIn(year: year, month: month)
        else { return nil }
        self.ordinal = Day.ordinal(year: year, month: month, day: day)
    }

    /// Parses exactly `YYYY-MM-DD` (four-digit year, two-digit month and day).
    public init?(iso text: some StringProtocol) {
        var text = String(text)
        guard let day = text.withUTF8({ Day(isoUTF8: $0) }) else { return nil }
        self = day
    }

    /// Parses exactly `YYYY-MM-DD` from UTF-8 bytes.
    public init?(isoUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = Day.digits(bytes[0..<4]), let month = Day.digits(bytes[5..<7]),
            let day = Day.digits(bytes[8..<10])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    /// The number of days from `other` to `self` (positive when `self` is later).
    public func days(since other: Day) -> Int { ordinal - other.ordinal }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Adds calendar months; a day of month that does not exist in the target month is clamped to
    /// that month's last day (Jan 31 + 1 month = Feb 28, or Feb 29 in a leap year).
    public func adding(months: Int) -> Day {
        let (year, month, day) = components
        let monthIndex = year * 12 + (month - 1) + months
        let newYear = monthIndex / 12
        let newMonth = monthIndex % 12 + 1
        let newDay = min(day, Day.daysIn(year: newYear, month: newMonth))
        return Day(ordinal: Day.ordinal(year: newYear, month: newMonth, day: newDay))
    }

    /// Year, month (1–12) and day of month.
    public var components: (year: Int, month: Int, day: Int) {
        // Civil-from-days conversion over 400-year eras (Hinnant's algorithm).
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let (year, month, day) = components
        return Day.pad(year, 4) + "-" + Day.pad(month, 2) + "-" + Day.pad(day, 2)
    }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    private static func ordinal(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func digits(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> Int? {
        var value = 0
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}

extension Day: CustomStringConvertible {
    public var description: String { iso }
}
