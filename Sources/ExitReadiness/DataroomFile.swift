/// A regular file in a contract's dataroom folder.
public struct DataroomFile: Sendable, Equatable {
    /// Path relative to the contract folder, as bytes (file names need not be UTF-8).
    public var path: [UInt8]
    public var size: Int64
    /// Modification time, seconds since the epoch.
    public var modified: Int64
    /// Permission bits (st_mode & 0o7777).
    public var mode: UInt32

    public init(path: [UInt8], size: Int64, modified: Int64, mode: UInt32) {
        self.path = path
        self.size = size
        self.modified = modified
        self.mode = mode
    }

    /// Readable by everyone (o+r).
    public var isWorldReadable: Bool { mode & 0o004 != 0 }

    /// The path for people and JSON; bytes that are not UTF-8 become U+FFFD.
    public var displayPath: String { String(decoding: path, as: UTF8.self) }
}
