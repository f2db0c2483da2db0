#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whether and how to colour output (only on a terminal, never when `NO_COLOR` is set), and
/// how wide the output may be.
public struct TerminalStyle: Sendable {
    public let colors: Bool
    /// Terminal columns a line may take; nil: no limit.
    public let width: Int?

    public init(colors: Bool, width: Int? = nil) {
        self.colors = colors
        self.width = width
    }

    /// Colours when standard output is a terminal and `NO_COLOR` is unset or empty (no-color.org);
    /// the width of `COLUMNS`, else of the terminal on standard output, else no limit.
    public static func forStandardOutput() -> TerminalStyle {
        let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
        let terminal = isatty(STDOUT_FILENO) == 1
        return TerminalStyle(colors: terminal && noColor.isEmpty, width: columns() ?? (terminal ? terminalWidth() : nil))
    }

    /// `COLUMNS` when it is a positive whole number.
    private static func columns() -> Int? {
        guard let value = getenv("COLUMNS"), let columns = Int(String(cString: value)), columns > 0 else { return nil }
        return columns
    }

    /// The width of the terminal on standard output (TIOCGWINSZ); nil when it reports none.
    private static func terminalWidth() -> Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    public static let plain = TerminalStyle(colors: false)

    public enum Color: String, Sendable {
        case red = "31"
        case green = "32"
        case yellow = "33"
        case magenta = "35"
        case bold = "1"
        case dim = "2"
    }

    public func paint(_ text: String, _ color: Color?) -> String {
        guard colors, let color, !text.isEmpty else { return text }
        return "\u{1B}[\(color.rawValue)m\(text)\u{1B}[0m"
    }

    /// The colour of a band name.
    public func band(_ band: String) -> String {
        switch band {
        case "ready": paint(band, .green)
        case "at-risk": paint(band, .yellow)
        case "not-ready": paint(band, .red)
        default: band
        }
    }

    /// The colour of a severity name.
    public func severity(_ severity: String) -> String {
        switch severity {
        case "critical": paint(severity, .red)
        case "security": paint(severity, .magenta)
        case "warning": paint(severity, .yellow)
        default: paint(severity, .dim)
        }
    }
}
