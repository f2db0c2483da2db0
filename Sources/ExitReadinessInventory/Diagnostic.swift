import ExitReadiness

/// One problem in an input file, located so that an editor can jump to it.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// An error makes the input unusable; a warning points at a likely mistake in input that is
    /// still used as written.
    public enum Severity: String, Sendable {
        case error, warning
    }

    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based, in Unicode scalars.
    public var column: Int
    public var message: String
    public var severity: Severity

    /// Control characters in the file name or message are escaped (`\u{1B}`), so that values
    /// copied from a hostile file cannot drive a terminal or truncate a journal field.
    public init(file: String, line: Int, column: Int, message: String, severity: Severity = .error) {
        self.file = TerminalSafe.escape(file)
        self.line = line
        self.column = column
        self.message = TerminalSafe.escape(message)
        self.severity = severity
    }

    /// `FILE:LINE:COLUMN: message` for an error, `FILE:LINE:COLUMN: warning: message` for a
    /// warning: the forms compilers use.
    public var description: String {
        "\(file):\(line):\(column): \(severity == .warning ? "warning: " : "")\(message)"
    }
}

extension [Diagnostic] {
    /// In file order, then line and column.
    public func sortedByPlace() -> [Diagnostic] {
        sorted { lhs, rhs in (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column) }
    }
}

/// Quotes a value from a file for a message: `"value"`, shortened when long, with backslashes,
/// quotes and control characters escaped (`\\`, `\"`, `\n`, `\u{1B}`), so that where the quoted
/// value ends can be told (the daemon leaves quoted staff values out of the journal).
func quoted(_ value: String) -> String {
    let shown = value.count > 60 ? String(value.prefix(57)) + "..." : value
    return "\"" + TerminalSafe.escape(shown.escapingBackslashesAndQuotes()) + "\""
}

extension String {
    fileprivate func escapingBackslashesAndQuotes() -> String {
        guard contains(where: { $0 == "\"" || $0 == "\\" }) else { return self }
        var escaped = ""
        for character in self {
            if character == "\"" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }
}

/// "a, b or c".
func alternatives(_ values: [String]) -> String {
    guard values.count > 1 else { return values.first ?? "" }
    return values.dropLast().joined(separator: ", ") + " or " + values.last!
}

/// The allowed value closest to a misspelt one, if it is close enough to be a likely typo;
/// failing that, the one `Suggestion` finds ignoring case and counting swapped letters as one
/// edit (`LEI` → `lei`, `hihg` → `high`).
func suggestion(for value: String, among candidates: [String]) -> String? {
    let scored = candidates.map { ($0, editDistance(value, $0)) }.min { $0.1 < $1.1 }
    guard let (best, distance) = scored, distance <= max(1, best.count / 3) else {
        return Suggestion.closest(to: value, among: candidates)
    }
    return best
}

private func editDistance(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs.unicodeScalars)
    let b = Array(rhs.unicodeScalars)
    guard !a.isEmpty else { return b.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in stride(from: 1, through: b.count, by: 1) {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
