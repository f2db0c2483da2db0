/// The dataroom's scanned files in one digest: the SHA-256 of the `HASH  CONTRACT/PATH` lines
/// (as `sha256sum` prints them) in byte order of the path, as of a scan that hashed them.
public struct DataroomDigest: Sendable, Equatable {
    /// RFC 3339 in UTC: when the scan finished.
    public var scannedAt: String
    public var files: Int
    public var sha256: String

    public init(scannedAt: String, files: Int, sha256: String) {
        self.scannedAt = scannedAt
        self.files = files
        self.sha256 = sha256
    }

    public var json: JSONValue {
        .object([("scanned_at", .string(scannedAt)), ("files", .integer(files)), ("sha256", .string(sha256))])
    }
}
