#if canImport(Glibc)
import Glibc
#endif

/// How many columns standard output has, for output that must fit on a line.
enum TerminalWidth {
    /// `COLUMNS` when it is a positive number; else the width of the terminal on standard
    /// output; else (not a terminal) 80.
    static func forStandardOutput() -> Int {
        if let text = getenv("COLUMNS").map({ String(cString: $0) }), let columns = Int(text), columns > 0 {
            return columns
        }
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        return 80
    }
}
