/// How many terminal columns text takes, like wcwidth(3) but per character as people see it
/// (a grapheme cluster), and without the C library's locale.
///
/// A character takes the widest of its Unicode scalars:
/// - 2 for East Asian wide and fullwidth scalars (CJK, Hangul syllables, fullwidth forms) and
///   emoji shown as pictures (`Emoji_Presentation`, or any scalar followed by VS16 U+FE0F);
/// - 0 for combining marks (`Mn`, `Me`), format characters (`Cf`: joiners, marks of direction)
///   and control characters, which tables escape before they get here;
/// - 1 for everything else.
///
/// So `é` written as e and a combining acute takes 1, `日` takes 2, and a family emoji joined
/// with U+200D takes 2, as terminals draw it.
public enum DisplayWidth {
    /// The width of `text`; a colour code (`ESC [ … m`, which `TerminalStyle` writes and escaped
    /// external text never holds) takes none.
    public static func of(_ text: String) -> Int {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text.utf8.count }
        var width = 0
        var inColourCode = false
        for character in text {
            if character == "\u{1B}" {
                inColourCode = true
            } else if inColourCode {
                inColourCode = character != "m"
            } else {
                width += of(character)
            }
        }
        return width
    }

    public static func of(_ character: Character) -> Int {
        var width = 0
        for scalar in character.unicodeScalars {
            if scalar.value == 0xFE0F { return 2 }
            width = max(width, of(scalar))
        }
        return width
    }

    static func of(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control: return 0
        default: break
        }
        if scalar.properties.isEmojiPresentation || isWide(scalar.value) { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth ranges (Unicode 15, UAX #11), as Markus Kuhn's wcwidth.
    private static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF,
            0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF,
            0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
            0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            true
        default:
            false
        }
    }

    /// `text` cut to at most `width` columns, ending in `…` when anything was cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        guard width > 0 else { return "" }
        var kept = ""
        var used = 0
        for character in text {
            let next = of(character)
            if used + next > width - 1 { break }
            kept.append(character)
            used += next
        }
        return kept + "…"
    }
}
