// Written by hand: the parser must keep object key order (JSONValue is ordered), tell integers
// from fractions, bound nesting and say where the text went wrong, as a pure function over bytes
// that a fuzzer can call directly. Foundation's JSONSerialization does none of the first three
// and would tie the client to dynamic Foundation at start-up.
import ExitReadiness

/// Parses JSON text (RFC 8259) into a `JSONValue`.
///
/// Objects keep their key order (a repeated key is kept twice; `JSONValue`'s subscript returns
/// the first). Numbers without fraction or exponent that fit in `Int` become `.integer`, all
/// others `.number`. Strings must be well-formed UTF-8; `\uXXXX` escapes must pair surrogates.
/// Whitespace may surround the value; nothing else may follow it.
public enum JSONParser {
    /// The nesting limit used unless the caller gives one: deep enough for every document of
    /// exitready, shallow enough that a hostile message cannot exhaust the stack.
    public static let defaultMaximumDepth = 64

    /// Parses the whole of `bytes` as one JSON value.
    public static func parse(_ bytes: UnsafeRawBufferPointer, maximumDepth: Int = defaultMaximumDepth)
        throws(JSONParseError) -> JSONValue
    {
        var reader = Reader(bytes: bytes, maximumDepth: maximumDepth)
        reader.skipWhitespace()
        guard reader.index < bytes.count else { throw JSONParseError(.empty, at: reader.index) }
        let value = try reader.value(depth: 0)
        reader.skipWhitespace()
        guard reader.index == bytes.count else { throw JSONParseError(.trailingBytes, at: reader.index) }
        return value
    }

    /// Parses the whole of `bytes` as one JSON value.
    public static func parse(_ bytes: [UInt8], maximumDepth: Int = defaultMaximumDepth) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) -> JSONValue in try parse(buffer, maximumDepth: maximumDepth) }
        }
        return try result.get()
    }

    /// Parses UTF-8 text.
    public static func parse(_ text: String, maximumDepth: Int = defaultMaximumDepth) throws(JSONParseError) -> JSONValue {
        try parse(Array(text.utf8), maximumDepth: maximumDepth)
    }
}

extension JSONParser {
    /// A cursor over the text; every method leaves `index` after what it consumed.
    fileprivate struct Reader {
        let bytes: UnsafeRawBufferPointer
        let maximumDepth: Int
        var index = 0

        init(bytes: UnsafeRawBufferPointer, maximumDepth: Int) {
            self.bytes = bytes
            self.maximumDepth = maximumDepth
        }

        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x09, 0x0A, 0x0D: index += 1
                default: return
                }
            }
        }

        /// The byte at `index`, or `unexpectedEnd`.
        func current() throws(JSONParseError) -> UInt8 {
            guard index < bytes.count else { throw JSONParseError(.unexpectedEnd, at: index) }
            return bytes[index]
        }

        mutating func value(depth: Int) throws(JSONParseError) -> JSONValue {
            switch try current() {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"):
                try literal("true")
                return .bool(true)
            case UInt8(ascii: "f"):
                try literal("false")
                return .bool(false)
            case UInt8(ascii: "n"):
                try literal("null")
                return .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
            case let byte: throw JSONParseError(.unexpectedByte(byte), at: index)
            }
        }

        mutating func literal(_ word: StaticString) throws(JSONParseError) {
            let start = index
            let expected = UnsafeRawBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
            let available = min(expected.count, bytes.count - index)
            for offset in 0..<available where bytes[index + offset] != expected[offset] {
                throw JSONParseError(.invalidLiteral, at: start)
            }
            guard available == expected.count else { throw JSONParseError(.unexpectedEnd, at: bytes.count) }
            index += expected.count
        }

        mutating func enter(_ depth: Int) throws(JSONParseError) {
            guard depth <= maximumDepth else { throw JSONParseError(.tooDeep(limit: maximumDepth), at: index) }
            index += 1
            skipWhitespace()
        }

        mutating func array(depth: Int) throws(JSONParseError) -> JSONValue {
            try enter(depth)
            var elements: [JSONValue] = []
            if try current() == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            while true {
                elements.append(try value(depth: depth))
                skipWhitespace()
                switch try current() {
                case UInt8(ascii: ","):
                    index += 1
                    skipWhitespace()
                case UInt8(ascii: "]"):
                    index += 1
                    return .array(elements)
                case let byte: throw JSONParseError(.unexpectedByte(byte), at: index)
                }
            }
        }

        mutating func object(depth: Int) throws(JSONParseError) -> JSONValue {
            try enter(depth)
            var members: [(String, JSONValue)] = []
            if try current() == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            while true {
                let byte = try current()
                guard byte == UInt8(ascii: "\"") else { throw JSONParseError(.unexpectedByte(byte), at: index) }
                let key = try string()
                skipWhitespace()
                let colon = try current()
                guard colon == UInt8(ascii: ":") else { throw JSONParseError(.unexpectedByte(colon), at: index) }
                index += 1
                skipWhitespace()
                members.append((key, try value(depth: depth)))
                skipWhitespace()
                switch try current() {
                case UInt8(ascii: ","):
                    index += 1
                    skipWhitespace()
                case UInt8(ascii: "}"):
                    index += 1
                    return .object(members)
                case let byte: throw JSONParseError(.unexpectedByte(byte), at: index)
                }
            }
        }

        // MARK: Strings

        /// A string starting at the opening quote.
        mutating func string() throws(JSONParseError) -> String {
            index += 1
            let start = index
            // Fast path: no escapes, so the text is the bytes themselves once validated.
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw JSONParseError(.controlCharacterInString, at: index) }
                if byte < 0x80 {
                    index += 1
                } else {
                    index += try utf8SequenceLength(at: index)
                }
            }
            var decoded = Array(UnsafeRawBufferPointer(rebasing: bytes[start..<min(index, bytes.count)]))
            while true {
                let byte = try current()
                switch byte {
                case UInt8(ascii: "\""):
                    index += 1
                    return String(decoding: decoded, as: UTF8.self)
                case UInt8(ascii: "\\"):
                    try escape(into: &decoded)
                case 0..<0x20:
                    throw JSONParseError(.controlCharacterInString, at: index)
                case 0..<0x80:
                    decoded.append(byte)
                    index += 1
                default:
                    let length = try utf8SequenceLength(at: index)
                    decoded.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[index..<index + length]))
                    index += length
                }
            }
        }

        /// The escape at `index` (a backslash), appended as UTF-8.
        mutating func escape(into decoded: inout [UInt8]) throws(JSONParseError) {
            let start = index
            index += 1
            let byte = try current()
            index += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): decoded.append(byte)
            case UInt8(ascii: "b"): decoded.append(0x08)
            case UInt8(ascii: "f"): decoded.append(0x0C)
            case UInt8(ascii: "n"): decoded.append(0x0A)
            case UInt8(ascii: "r"): decoded.append(0x0D)
            case UInt8(ascii: "t"): decoded.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = UInt32(try hexQuad())
                if (0xDC00...0xDFFF).contains(scalar) { throw JSONParseError(.unpairedSurrogate, at: start) }
                if (0xD800...0xDBFF).contains(scalar) {
                    guard bytes.count - index >= 2, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                    else {
                        throw JSONParseError(.unpairedSurrogate, at: start)
                    }
                    index += 2
                    let low = UInt32(try hexQuad())
                    guard (0xDC00...0xDFFF).contains(low) else { throw JSONParseError(.unpairedSurrogate, at: start) }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                // Every value left is a valid scalar: surrogates were handled above.
                decoded.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
            default:
                throw JSONParseError(.invalidEscape, at: start)
            }
        }

        /// Four hexadecimal digits.
        mutating func hexQuad() throws(JSONParseError) -> UInt16 {
            guard bytes.count - index >= 4 else { throw JSONParseError(.unexpectedEnd, at: bytes.count) }
            var value: UInt16 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw JSONParseError(.invalidEscape, at: index)
                }
                value = value << 4 | UInt16(digit)
                index += 1
            }
            return value
        }

        /// The length of the well-formed UTF-8 sequence of two to four bytes at `position`
        /// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
        func utf8SequenceLength(at position: Int) throws(JSONParseError) -> Int {
            let lead = bytes[position]
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0:
                length = 3
                secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                secondRange = 0x80...0x9F
            case 0xF0:
                length = 4
                secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                secondRange = 0x80...0x8F
            default: throw JSONParseError(.invalidUTF8, at: position)
            }
            guard bytes.count - position >= length else { throw JSONParseError(.invalidUTF8, at: position) }
            guard secondRange.contains(bytes[position + 1]) else { throw JSONParseError(.invalidUTF8, at: position) }
            for offset in 2..<length where bytes[position + offset] & 0xC0 != 0x80 {
                throw JSONParseError(.invalidUTF8, at: position)
            }
            return length
        }

        // MARK: Numbers

        mutating func number() throws(JSONParseError) -> JSONValue {
            let start = index
            let negative = bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            // Integer part: 0, or a non-zero digit followed by digits.
            let integerStart = index
            guard index < bytes.count, isDigit(bytes[index]) else { throw JSONParseError(.invalidNumber, at: start) }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw JSONParseError(.invalidNumber, at: start) }
            } else {
                skipDigits()
            }
            let integerEnd = index
            var isInteger = true
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                isInteger = false
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw JSONParseError(.invalidNumber, at: start) }
                skipDigits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                isInteger = false
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { throw JSONParseError(.invalidNumber, at: start) }
                skipDigits()
            }
            if isInteger, let integer = integerValue(integerStart..<integerEnd, negative: negative) {
                return .integer(integer)
            }
            let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
            guard let double = Double(text), double.isFinite else { throw JSONParseError(.numberOutOfRange, at: start) }
            return .number(double)
        }

        func isDigit(_ byte: UInt8) -> Bool {
            byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        }

        mutating func skipDigits() {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }

        /// The digits as an `Int`, or nil when they do not fit.
        func integerValue(_ digits: Range<Int>, negative: Bool) -> Int? {
            var value = 0
            for position in digits {
                let digit = Int(bytes[position] - UInt8(ascii: "0"))
                let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
                // Accumulate negatively so that Int.min fits.
                let (next, overflow2) = times10.subtractingReportingOverflow(digit)
                if overflow1 || overflow2 { return nil }
                value = next
            }
            if negative { return value }
            return value == Int.min ? nil : -value
        }
    }
}
