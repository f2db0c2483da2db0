/// The lines of an input file as a text editor shows them, for checking that diagnostics point
/// inside the file: LF, CRLF and a lone CR end a line (the rule of `TextFile.position` and the
/// CSV reader); a leading UTF-8 byte order mark takes no column; columns count Unicode scalars
/// (bytes that are not UTF-8 continuation bytes, so malformed input still gets a width).
public struct TextLines: Sendable {
    /// Width in scalars of each line, without its line end.
    public let widths: [Int]
    /// The text holds U+0085 (NEL), U+2028 or U+2029, which YAML 1.1 (libyaml) counts as line
    /// breaks and editors, `TextFile.position` and the CSV reader do not.
    public let hasUnicodeLineBreaks: Bool

    public init(_ bytes: UnsafeBufferPointer<UInt8>) {
        var widths: [Int] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var width = 0
        var unicodeBreaks = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 { unicodeBreaks = true }
            if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] & 0xFE == 0xA8 {
                unicodeBreaks = true
            }
            if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") { index += 1 }
                widths.append(width)
                width = 0
            } else if byte & 0xC0 != 0x80 {
                width += 1
            }
            index += 1
        }
        widths.append(width)
        self.widths = widths
        hasUnicodeLineBreaks = unicodeBreaks
    }

    public init(_ bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { TextLines($0) }
    }

    /// Lines in the file; a final line end starts an empty last line (where end-of-file errors point).
    public var count: Int { widths.count }

    /// True when 1-based `line` and `column` are inside the text or just after a line's end.
    public func contains(line: Int, column: Int) -> Bool {
        line >= 1 && column >= 1 && line <= widths.count && column <= widths[line - 1] + 1
    }
}
