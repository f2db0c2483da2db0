/// Trimming of the whitespace people leave around values in configuration files, date files
/// and table rows: spaces, tabs, carriage returns and line feeds (never other Unicode spaces,
/// which are content).
///
/// Written with indices rather than `reversed()`: each generic collection type the runtime
/// meets for the first time costs a scan of the binary's protocol conformances, and
/// exitreadyctl trims every line of its tables (measured: 3 ms of a 9 ms `scores`).
extension StringProtocol {
    /// The text without whitespace at either end.
    public func trimmingWhitespace() -> String {
        var start = startIndex
        while start < endIndex, self[start].isTrimmedWhitespace { start = index(after: start) }
        return String(self[start..<endOfText(after: start)])
    }

    /// The text without whitespace at its end.
    public func trimmingTrailingWhitespace() -> String {
        String(self[startIndex..<endOfText(after: startIndex)])
    }

    /// The end of the text once trailing whitespace is left out, not before `start`.
    private func endOfText(after start: Index) -> Index {
        var end = endIndex
        while end > start, self[index(before: end)].isTrimmedWhitespace { end = index(before: end) }
        return end
    }
}

extension Character {
    fileprivate var isTrimmedWhitespace: Bool {
        self == " " || self == "\t" || self == "\r" || self == "\n" || self == "\r\n"
    }
}
