import ExitReadiness

#if canImport(Glibc)
    import Glibc
#endif

/// Which day an evaluation counts as "today".
public enum EvaluationDate: Sendable, Equatable {
    /// The local date (the normal case).
    case localToday
    /// A fixed date, for tests.
    case fixed(Day)
    /// The date written in a file, read at each evaluation: tests that let days pass while the
    /// daemon runs.
    case file(String)

    /// Parses `--now-override`: `YYYY-MM-DD`, or `@FILE`.
    public init?(override text: String) {
        if text.hasPrefix("@") {
            self = .file(String(text.dropFirst()))
        } else if let day = Day(iso: text) {
            self = .fixed(day)
        } else {
            return nil
        }
    }

    /// Today; a file that cannot be read or parsed counts as the local date.
    func today() -> Day {
        LocalCalendar.refreshZone()
        switch self {
        case .localToday: return LocalCalendar.today()
        case .fixed(let day): return day
        case .file(let path):
            guard let handle = fopen(path, "r") else { return LocalCalendar.today() }
            defer { fclose(handle) }
            var buffer = [CChar](repeating: 0, count: 32)
            guard fgets(&buffer, Int32(buffer.count), handle) != nil,
                let day = Day(iso: String(cString: buffer).trimmingWhitespace())
            else {
                return LocalCalendar.today()
            }
            return day
        }
    }
}
