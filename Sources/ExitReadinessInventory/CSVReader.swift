/// An RFC 4180 reader over the bytes of one file: quoted fields with embedded commas, doubled
/// quotes and line breaks, CRLF or LF line ends, an optional UTF-8 byte order mark.
///
/// Hand-written because the registers are large (hundreds of thousands of rows) and every
/// error must name its line and column; fields are handed out as byte ranges and only turned
/// into strings when a value is used.
struct CSVReader {
    /// A field's location in the buffer. `contentStart..<contentEnd` excludes surrounding quotes.
    struct Field {
        var contentStart: Int
        var contentEnd: Int
        /// Where the field starts (its opening quote, if quoted), for error columns.
        var start: Int
        /// Contains doubled quotes that must be undoubled.
        var hasEscapedQuotes: Bool
        var line: Int
        var lineStart: Int

        var isEmpty: Bool { contentStart == contentEnd }
    }

    let file: String
    private let bytes: UnsafeBufferPointer<UInt8>
    private var position: Int
    private var line = 1
    private var lineStart: Int

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
    private static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    /// The buffer must stay valid while the reader is used.
    init(bytes: UnsafeBufferPointer<UInt8>, file: String) {
        self.bytes = bytes
        self.file = file
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        position = bytes.count >= 3 && bytes.prefix(3).elementsEqual(bom) ? 3 : 0
        lineStart = position
    }

    /// Reads the next record into `fields` (cleared first); false at the end of the file.
    /// Blank lines are skipped.
    mutating func nextRecord(into fields: inout [Field]) throws(Diagnostic) -> Bool {
        while true {
            fields.removeAll(keepingCapacity: true)
            guard position < bytes.count else { return false }
            if bytes[position] == Self.lf || bytes[position] == Self.cr {
                consumeLineEnd()
                continue
            }
            while true {
                let field = try readField()
                fields.append(field)
                if position < bytes.count && bytes[position] == Self.comma {
                    position += 1
                    continue
                }
                if position < bytes.count { consumeLineEnd() }
                return true
            }
        }
    }

    /// The field's text; the file's bytes were checked to be UTF-8 when it was read.
    func string(_ field: Field) -> String {
        let content = UnsafeBufferPointer(rebasing: bytes[field.contentStart..<field.contentEnd])
        guard field.hasEscapedQuotes else { return String(decoding: content, as: UTF8.self) }
        var undoubled: [UInt8] = []
        undoubled.reserveCapacity(content.count)
        var index = 0
        while index < content.count {
            undoubled.append(content[index])
            index += content[index] == Self.quote ? 2 : 1
        }
        return String(decoding: undoubled, as: UTF8.self)
    }

    /// The field's bytes as written; only meaningful without escaped quotes.
    func rawBytes(_ field: Field) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[field.contentStart..<field.contentEnd])
    }

    /// True when the field is exactly the ASCII text (no quotes to undo).
    func field(_ field: Field, equals text: StaticString) -> Bool {
        let length = field.contentEnd - field.contentStart
        guard !field.hasEscapedQuotes, length == text.utf8CodeUnitCount else { return false }
        return text.withUTF8Buffer { expected in
            for offset in 0..<length where bytes[field.contentStart + offset] != expected[offset] { return false }
            return true
        }
    }

    func diagnostic(at field: Field, _ message: String) -> Diagnostic {
        Diagnostic(
            file: file, line: field.line, column: column(of: field.start, lineStart: field.lineStart),
            message: message)
    }

    /// 1-based column in Unicode scalars.
    private func column(of offset: Int, lineStart: Int) -> Int {
        var column = 1
        for index in lineStart..<offset where bytes[index] & 0xC0 != 0x80 { column += 1 }
        return column
    }

    private mutating func readField() throws(Diagnostic) -> Field {
        let start = position
        let fieldLine = line
        let fieldLineStart = lineStart
        guard position < bytes.count, bytes[position] == Self.quote else {
            while position < bytes.count {
                let byte = bytes[position]
                if byte == Self.comma || byte == Self.lf || byte == Self.cr { break }
                if byte == Self.quote {
                    throw Diagnostic(
                        file: file, line: line, column: column(of: position, lineStart: lineStart),
                        message: "a quote inside an unquoted field; quote the whole field and double "
                            + "the quotes inside it (\"\"), as RFC 4180 requires")
                }
                position += 1
            }
            return Field(
                contentStart: start, contentEnd: position, start: start, hasEscapedQuotes: false,
                line: fieldLine, lineStart: fieldLineStart)
        }
        position += 1
        var escaped = false
        while position < bytes.count {
            let byte = bytes[position]
            if byte == Self.quote {
                if position + 1 < bytes.count && bytes[position + 1] == Self.quote {
                    escaped = true
                    position += 2
                    continue
                }
                let contentEnd = position
                position += 1
                if position < bytes.count {
                    let next = bytes[position]
                    guard next == Self.comma || next == Self.lf || next == Self.cr else {
                        throw Diagnostic(
                            file: file, line: line, column: column(of: position, lineStart: lineStart),
                            message: "unexpected text after a closing quote; expected a comma or the end "
                                + "of the line")
                    }
                }
                return Field(
                    contentStart: start + 1, contentEnd: contentEnd, start: start, hasEscapedQuotes: escaped,
                    line: fieldLine, lineStart: fieldLineStart)
            }
            if byte == Self.lf || (byte == Self.cr && (position + 1 == bytes.count || bytes[position + 1] != Self.lf)) {
                line += 1
                lineStart = position + 1
            }
            position += 1
        }
        throw Diagnostic(
            file: file, line: fieldLine, column: column(of: start, lineStart: fieldLineStart),
            message: "the quoted field that starts here is never closed")
    }

    /// Consumes LF, CRLF or a lone CR.
    private mutating func consumeLineEnd() {
        if bytes[position] == Self.cr && position + 1 < bytes.count && bytes[position + 1] == Self.lf { position += 1 }
        position += 1
        line += 1
        lineStart = position
    }
}
