import Foundation
import GRDB

/// A file as the scan cache last saw it.
public struct CachedFile: Sendable, Equatable {
    /// Path relative to the contract folder, with '/' as a 0 byte (walk order = key order).
    public var key: [UInt8]
    public var size: Int64
    public var modifiedNanoseconds: Int64
    public var inode: UInt64
    /// st_mode.
    public var mode: UInt32
    /// Nil until the file has been hashed (or after it changed).
    public var sha256: [UInt8]?

    public init(key: [UInt8], size: Int64, modifiedNanoseconds: Int64, inode: UInt64, mode: UInt32, sha256: [UInt8]? = nil) {
        self.key = key
        self.size = size
        self.modifiedNanoseconds = modifiedNanoseconds
        self.inode = inode
        self.mode = mode
        self.sha256 = sha256
    }
}

extension CachedFile: FetchableRecord {
    /// The columns of the `scan_files` table.
    enum Columns {
        static let key = Column("key"), size = Column("size"), modifiedNanoseconds = Column("mtime_ns")
        static let inode = Column("inode"), mode = Column("mode"), sha256 = Column("sha256")
    }

    public init(row: Row) throws {
        self.init(
            key: [UInt8](try row.decode(Data.self, forColumn: Columns.key)), size: try row.decode(forColumn: Columns.size),
            modifiedNanoseconds: try row.decode(forColumn: Columns.modifiedNanoseconds),
            inode: UInt64(bitPattern: try row.decode(Int64.self, forColumn: Columns.inode)),
            mode: UInt32(truncatingIfNeeded: try row.decode(Int64.self, forColumn: Columns.mode)),
            sha256: try row.decode(Data?.self, forColumn: Columns.sha256).map { [UInt8]($0) })
    }
}
