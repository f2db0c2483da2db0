#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Calendar dates in the process's local time zone (`TZ`, else /etc/localtime).
public enum LocalCalendar {
    /// The local date of a moment given in seconds since the epoch.
    @Sendable public static func day(ofEpochSeconds seconds: Int64) -> Day {
        var time = time_t(seconds)
        var parts = tm()
        guard localtime_r(&time, &parts) != nil else {
            return Day(ordinal: Int(seconds.floorDivided(by: 86_400)))
        }
        return Day(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? Day(ordinal: Int(seconds.floorDivided(by: 86_400)))
    }

    /// The first moment of a local date, in seconds since the epoch (the local midnight; the
    /// first moment after it when a daylight saving change skips midnight).
    public static func start(of day: Day) -> Int64 {
        let (year, month, dayOfMonth) = day.components
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(dayOfMonth)
        parts.tm_isdst = -1
        let seconds = mktime(&parts)
        return seconds == -1 ? Int64(day.ordinal) * 86_400 : Int64(seconds)
    }

    /// Today's local date.
    public static func today() -> Day {
        day(ofEpochSeconds: Int64(time(nil)))
    }

    /// Makes the C library read the time zone again: with TZ unset, glibc's tzset() checks
    /// whether /etc/localtime changed, so that a long-running process follows a change of zone.
    /// (localtime_r alone keeps the zone it read first.)
    public static func refreshZone() {
        tzset()
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return self % divisor < 0 ? quotient - 1 : quotient
    }
}
