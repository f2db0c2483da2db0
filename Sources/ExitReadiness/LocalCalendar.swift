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

    /// Today's local date.
    public static func today() -> Day {
        day(ofEpochSeconds: Int64(time(nil)))
    }

    /// Makes the C library read the time zone again, so that a long-running process follows a
    /// change of /etc/localtime. glibc reads the zone once and only reads it again when TZ
    /// changes; when TZ is unset (or set by this function), it alternates between two
    /// spellings of the same file, "/etc/localtime" and ":/etc/localtime", which forces a
    /// fresh read. An explicit TZ of the environment is left alone. (glibc never frees a value
    /// set for an existing variable, so threads reading TZ meanwhile read one or the other.)
    public static func refreshZone() {
        let current = getenv("TZ").map { String(cString: $0) }
        switch current {
        case nil, "/etc/localtime"?: setenv("TZ", ":/etc/localtime", 1)
        case ":/etc/localtime"?: setenv("TZ", "/etc/localtime", 1)
        default: break
        }
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
