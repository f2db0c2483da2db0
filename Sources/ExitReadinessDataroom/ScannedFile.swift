import ExitReadiness

/// A regular file found under a contract's dataroom folder, with what a rescan compares.
public struct ScannedFile: Sendable, Equatable {
    /// Path relative to the contract folder, as bytes.
    public var path: [UInt8]
    public var size: Int64
    /// Modification time in nanoseconds since the epoch.
    public var modifiedNanoseconds: Int64
    public var inode: UInt64
    /// st_mode (type and permission bits).
    public var mode: UInt32

    public init(path: [UInt8], size: Int64, modifiedNanoseconds: Int64, inode: UInt64, mode: UInt32) {
        self.path = path
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
        self.mode = mode
    }

    /// Whole seconds of the modification time, rounded down (also before 1970).
    public var modifiedSeconds: Int64 {
        let seconds = modifiedNanoseconds / 1_000_000_000
        return modifiedNanoseconds % 1_000_000_000 < 0 ? seconds - 1 : seconds
    }

    /// What the scoring engine needs of the file.
    public var dataroomFile: DataroomFile {
        DataroomFile(
            path: path, size: size, modified: modifiedSeconds,
            mode: mode & 0o7777)
    }
}
