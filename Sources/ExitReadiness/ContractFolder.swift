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

/// The regular files of one contract's dataroom folder (symlinks are never listed).
public struct ContractFolder: Sendable, Equatable {
    /// Sorted by path bytes.
    public let files: [DataroomFile]

    public init(files: [DataroomFile]) {
        self.files = files.sorted { $0.path.lexicographicallyPrecedes($1.path) }
    }

    /// The file at a document path from the inventory (`./` and repeated `/` are ignored, as the
    /// system ignores them; a path that ends in `/` names a directory, never a file).
    public func file(at documentPath: String) -> DataroomFile? {
        guard !documentPath.hasSuffix("/") else { return nil }
        let wanted = Array(ContractFolder.normalized(documentPath).utf8)
        var low = 0, high = files.count
        while low < high {
            let mid = (low + high) / 2
            if files[mid].path.lexicographicallyPrecedes(wanted) { low = mid + 1 } else { high = mid }
        }
        return low < files.count && files[low].path == wanted ? files[low] : nil
    }

    /// True when the document path names a regular file of at least one byte.
    public func documentExists(_ documentPath: String?) -> Bool {
        guard let documentPath, let file = file(at: documentPath) else { return false }
        return file.size >= 1
    }

    static func normalized(_ path: String) -> String {
        path.split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }
}

/// Where the evaluator finds each contract's folder.
public protocol DataroomView {
    /// What looking a folder up can fail with (not a missing folder: that is nil); `Never`
    /// for views that cannot fail.
    associatedtype Failure: Error = Never

    /// The contract's folder, or nil when it has none.
    func folder(for contractID: String) throws(Failure) -> ContractFolder?
}
