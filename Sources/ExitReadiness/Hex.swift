/// Lowercase hexadecimal, two digits per byte: how digests are shown and stored.
public enum Hex {
    private static let digits = Array("0123456789abcdef")

    /// `bytes` as lowercase hexadecimal.
    public static func encode(_ bytes: some Sequence<UInt8>) -> String {
        String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }
}
