extension JSONParser {
    /// Where the value of `key` lies in `bytes`, a JSON object already parsed without error (a
    /// reply read by `VarlinkConnection`): the first member of that name at the top level, or
    /// nil. Lets a client pass a large value on as it came, without encoding it again.
    public static func memberValueRange(_ key: String, in bytes: UnsafeRawBufferPointer) -> Range<Int>? {
        let wanted = Array(key.utf8)
        var index = 0
        skipWhitespace(bytes, &index)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { return nil }
        index += 1
        while true {
            skipWhitespace(bytes, &index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
            let nameStart = index + 1
            skipValue(bytes, &index)
            // Keys that need escapes are never the ones asked for.
            let isWanted =
                index - 1 - nameStart == wanted.count && wanted.indices.allSatisfy { bytes[nameStart + $0] == wanted[$0] }
            skipWhitespace(bytes, &index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            skipWhitespace(bytes, &index)
            let valueStart = index
            skipValue(bytes, &index)
            if isWanted { return valueStart..<index }
            skipWhitespace(bytes, &index)
            guard index < bytes.count, bytes[index] == UInt8(ascii: ",") else { return nil }
            index += 1
        }
    }

    private static func skipWhitespace(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    /// Moves `index` past one well-formed value: a string with its escapes, or a run of
    /// brackets closed at the same depth, or a number or literal.
    private static func skipValue(_ bytes: UnsafeRawBufferPointer, _ index: inout Int) {
        var depth = 0
        var inString = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if inString {
                if byte == UInt8(ascii: "\\") {
                    index += 1
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 { return }
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return }
                if depth < 0 {
                    index -= 1
                    return
                }
            case UInt8(ascii: ","), 0x20, 0x09, 0x0A, 0x0D:
                if depth == 0 {
                    index -= 1
                    return
                }
            default: break
            }
        }
    }
}
