/// Why a byte sequence is not the JSON text `JSONParser` accepts, and where it went wrong.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong.
    public enum Reason: Sendable, Equatable {
        /// No value at all: nothing but whitespace (or nothing).
        case empty
        /// The text ends inside a value.
        case unexpectedEnd
        /// A byte that cannot start or continue a value here.
        case unexpectedByte(UInt8)
        /// Something that starts like `true`, `false` or `null` but is not.
        case invalidLiteral
        /// A number that does not follow the JSON grammar (`01`, `1.`, `-`, `.5`, `1e`).
        case invalidNumber
        /// A number too large for a double.
        case numberOutOfRange
        /// A backslash followed by something other than `" \ / b f n r t uXXXX`.
        case invalidEscape
        /// A `\uD800`–`\uDFFF` escape that is not half of a high-low surrogate pair.
        case unpairedSurrogate
        /// Bytes that are not well-formed UTF-8.
        case invalidUTF8
        /// A raw control character (below U+0020) inside a string; it must be escaped.
        case controlCharacterInString
        /// Arrays and objects nested deeper than the limit.
        case tooDeep(limit: Int)
        /// More than whitespace after the value.
        case trailingBytes
    }

    public let reason: Reason
    /// The offset of the offending byte from the start of the text.
    public let offset: Int

    public init(_ reason: Reason, at offset: Int) {
        self.reason = reason
        self.offset = offset
    }

    public var description: String {
        "invalid JSON at byte \(offset): " + explanation
    }

    private var explanation: String {
        switch reason {
        case .empty: "no value"
        case .unexpectedEnd: "the text ends inside a value"
        case .unexpectedByte(let byte):
            (0x20..<0x7F).contains(byte)
                ? "unexpected '\(Character(Unicode.Scalar(byte)))'"
                : "unexpected byte 0x" + String(byte, radix: 16, uppercase: true)
        case .invalidLiteral: "expected true, false or null"
        case .invalidNumber: "malformed number"
        case .numberOutOfRange: "number out of range"
        case .invalidEscape: "invalid escape sequence"
        case .unpairedSurrogate: "unpaired UTF-16 surrogate in a \\u escape"
        case .invalidUTF8: "invalid UTF-8"
        case .controlCharacterInString: "unescaped control character in a string"
        case .tooDeep(let limit): "arrays and objects nested deeper than \(limit) levels"
        case .trailingBytes: "unexpected bytes after the value"
        }
    }
}
