/// Time spans written the way systemd writes them (systemd.time(7)): `90s`, `15min`,
/// `1h 30min`, `120d`, `2w`; a bare number is seconds.
public enum SystemdDuration {
    private static let units: [(names: [String], seconds: Double)] = [
        (["us", "usec"], 1e-6), (["ms", "msec"], 1e-3), (["s", "sec", "second", "seconds"], 1),
        (["m", "min", "minute", "minutes"], 60), (["h", "hr", "hour", "hours"], 3600),
        (["d", "day", "days"], 86_400), (["w", "week", "weeks"], 604_800),
        (["M", "month", "months"], 2_629_800), (["y", "year", "years"], 31_557_600),
    ]

    /// Seconds, or nil when the text is not a duration or too long to be a finite number of
    /// seconds (a number of 309 digits is infinity as a Double).
    public static func seconds(_ text: String) -> Double? {
        var total = 0.0
        var rest = Substring(text).drop { $0 == " " }
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count).drop { $0 == " " }
            let name = rest.prefix { $0.isLetter }
            rest = rest.dropFirst(name.count).drop { $0 == " " }
            if name.isEmpty {
                // A bare number (seconds) must stand alone.
                guard rest.isEmpty, total == 0, !text.contains(" ") else { return nil }
                total += value
            } else {
                guard let unit = units.first(where: { $0.names.contains(String(name)) }) else { return nil }
                total += value * unit.seconds
            }
        }
        return total.isFinite ? total : nil
    }
}
