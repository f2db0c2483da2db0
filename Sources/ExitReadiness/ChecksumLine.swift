/// One line of `sha256sum`'s output, as GNU coreutils prints it, for digests that auditors
/// recompute with coreutils (the inventory's and the dataroom's in the provenance).
public enum ChecksumLine {
    /// `HASH  NAME` and a newline; when the name holds a backslash, a newline or a carriage
    /// return, `\HASH  NAME` with `\\`, `\n` and `\r` standing for them (coreutils 9).
    public static func bytes(digest: String, name: [UInt8]) -> [UInt8] {
        var escaped: [UInt8] = []
        var needsEscape = false
        for byte in name {
            switch byte {
            case UInt8(ascii: "\\"): escaped += Array("\\\\".utf8)
            case UInt8(ascii: "\n"): escaped += Array("\\n".utf8)
            case UInt8(ascii: "\r"): escaped += Array("\\r".utf8)
            default:
                escaped.append(byte)
                continue
            }
            needsEscape = true
        }
        return (needsEscape ? [UInt8(ascii: "\\")] : []) + Array(digest.utf8) + [32, 32] + escaped + [10]
    }
}
