/// Text from outside the program (dataroom file names, inventory values, messages built from
/// them, replies of the daemon) made harmless for a terminal before it is printed for people.
///
/// Every control character is shown as visible text, in the form the inventory diagnostics use:
/// `\n`, `\r` and `\t` for newline, carriage return and tab, `\u{XX}` (hexadecimal, upper case)
/// for every other C0 control (U+0000–U+001F), DEL (U+007F) and the C1 controls
/// (U+0080–U+009F). So an ESC is printed as `\u{1B}` and a CSI as `\u{9B}`: a file name cannot
/// move the cursor, retitle the window, clear the screen or forge a line of its own. Everything
/// else is kept as it is; the escaped text holds no control character, so escaping it again
/// changes nothing.
///
/// Apply it to each piece of external text, not to a whole report: the report's own line breaks
/// and colour codes are not external text.
public enum TerminalSafe {
    /// `text` with its control characters escaped.
    public static func escape(_ text: String) -> String {
        // Fast path: no byte below 0x20, no DEL and no 0xC2 (the lead byte of U+0080–U+00BF).
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 }) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\r": escaped += "\\r"
            case "\t": escaped += "\\t"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                escaped += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}
