/// Handover manifests in the format `sha256sum -c` verifies, so that the receiving party can
/// check what was handed over with standard tools.
public enum Manifest {
    /// One line per file, sorted by path bytes: the hex digest, two spaces, the path. A path
    /// with a backslash, newline or carriage return is escaped as coreutils does: the line
    /// starts with a backslash and those characters become `\\`, `\n` and `\r`.
    public static func render(_ entries: [(path: [UInt8], sha256: [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        for entry in entries.sorted(by: { $0.path.lexicographicallyPrecedes($1.path) }) {
            output += line(path: entry.path, sha256: entry.sha256)
        }
        return output
    }

    static func line(path: [UInt8], sha256: [UInt8]) -> [UInt8] {
        let special: Set<UInt8> = [UInt8(ascii: "\\"), UInt8(ascii: "\n"), UInt8(ascii: "\r")]
        let escaped = path.contains { special.contains($0) }
        var line: [UInt8] = escaped ? [UInt8(ascii: "\\")] : []
        let digits = Array("0123456789abcdef".utf8)
        for byte in sha256 {
            line.append(digits[Int(byte >> 4)])
            line.append(digits[Int(byte & 0x0F)])
        }
        line += [UInt8(ascii: " "), UInt8(ascii: " ")]
        for byte in path {
            switch byte {
            case UInt8(ascii: "\\") where escaped: line += Array("\\\\".utf8)
            case UInt8(ascii: "\n"): line += Array("\\n".utf8)
            case UInt8(ascii: "\r") where escaped: line += Array("\\r".utf8)
            default: line.append(byte)
            }
        }
        line.append(UInt8(ascii: "\n"))
        return line
    }
}
