/// Lowercase hexadecimal, two digits per byte: how digests are shown and stored.
public enum Hex {
    /// `bytes` as lowercase hexadecimal.
    ///
    /// Inlinable, so that callers get it specialised for their sequence: the inventory's digest
    /// encodes one per file, and the generic version cost more than hashing the files.
    @inlinable
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(2 * bytes.underestimatedCount)
        for byte in bytes {
            text.append(digit(byte >> 4))
            text.append(digit(byte & 15))
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The digit of a value 0–15.
    @usableFromInline
    static func digit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }
}
