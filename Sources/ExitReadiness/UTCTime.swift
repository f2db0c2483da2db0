#if canImport(Glibc)
    import Glibc
#endif

/// Times as exitready reports them to people and tools: RFC 3339 in UTC, to the second.
public enum UTCTime {
    /// `2026-12-01T06:15:00Z` for `seconds` since the epoch.
    public static func rfc3339(_ seconds: Double) -> String {
        var time = time_t(seconds.rounded(.down))
        var parts = tm()
        gmtime_r(&time, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))T"
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }
}
