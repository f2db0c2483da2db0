import ExitReadiness

/// Rules shared by the contract files and the registers.
enum InventoryRules {
    /// Day counts (notice, lead times, ages): up to a century.
    static let days = 0...36_500
    /// Month counts (renewal, termination assistance): up to a century.
    static let months = 0...1_200
    /// KPI counts per period.
    static let counts = 0...1_000_000_000
    /// File sizes.
    static let bytes = 0...(1 << 50)

    /// Why a document path is not allowed, or nil: it must stay inside the contract's folder.
    static func documentPathProblem(_ path: String, key: String) -> String? {
        if path.hasPrefix("/") {
            return "\(key): \(quoted(path)) is absolute; expected a path inside the contract's dataroom folder"
        }
        if Self.hasDotDotSegment(path) {
            return "\(key): \(quoted(path)) leaves the contract's dataroom folder; \"..\" is not allowed"
        }
        return nil
    }

    /// The warning for a date that records something done (a review, a test, an audit) but lies
    /// after the evaluation date, or nil. Such a date is almost always a typo; it is scored as
    /// done today.
    static func futureDateWarning(_ day: Day, key: String, today: Day) -> String? {
        guard day > today else { return nil }
        return "\(key): \(day.iso) is after the evaluation date \(today.iso); a date in the future is probably a "
            + "typo (it is scored as if it were today)"
    }

    /// True when a segment of the path is exactly `..`.
    private static func hasDotDotSegment(_ path: String) -> Bool {
        var segmentLength = 0
        var dots = 0
        for byte in path.utf8 {
            if byte == UInt8(ascii: "/") {
                if segmentLength == 2 && dots == 2 { return true }
                segmentLength = 0
                dots = 0
            } else {
                segmentLength += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        return segmentLength == 2 && dots == 2
    }

    /// The message for a register row whose contract is unknown. The id (which may be anything
    /// typed into the cell, a person id too) appears once and only quoted: the daemon leaves
    /// quoted values of the staff register out of the journal.
    static func unknownContract(_ id: String, known: Set<String>) -> String {
        var message = "contract \(quoted(id)) is not in the inventory (no file of that name in contracts/)"
        if let near = suggestion(for: id, among: known.sorted()) { message += "; did you mean \(near)?" }
        return message
    }
}
