/// Trimming of the whitespace people leave around values in configuration files, date files
/// and table rows: spaces, tabs, carriage returns and line feeds (never other Unicode spaces,
/// which are content).
extension StringProtocol {
    /// The text without whitespace at either end.
    public func trimmingWhitespace() -> String {
        String(drop(while: \.isTrimmedWhitespace).reversed().drop(while: \.isTrimmedWhitespace).reversed())
    }

    /// The text without whitespace at its end.
    public func trimmingTrailingWhitespace() -> String {
        String(reversed().drop(while: \.isTrimmedWhitespace).reversed())
    }
}

extension Character {
    fileprivate var isTrimmedWhitespace: Bool {
        self == " " || self == "\t" || self == "\r" || self == "\n" || self == "\r\n"
    }
}
