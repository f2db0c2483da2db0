import ExitReadiness
import ExitReadinessStore

/// The dataroom as the scan cache last saw it: what the daemon and `check --database` score.
///
/// It scores like `DirectoryDataroom` walking the same tree: a folder the last scan could not
/// walk has no folder. A cache that cannot be read is an error, never a missing folder.
public final class CachedDataroom: DataroomView, Sendable {
    /// The scan cache cannot be read.
    public typealias Failure = ExitReadyStore.Error

    private let store: ExitReadyStore
    /// The folders the last scan listed and walked.
    private let folders: Set<String>

    public init(store: ExitReadyStore) throws(Failure) {
        self.store = store
        self.folders = try store.readableFolders()
    }

    /// The contract's folder, or nil when the last scan did not find or could not walk it;
    /// throws when the cache cannot be read.
    public func folder(for contractID: String) throws(Failure) -> ContractFolder? {
        guard folders.contains(contractID) else { return nil }
        return ContractFolder(files: try store.files(of: contractID).map(\.dataroomFile))
    }
}

extension CachedFile {
    /// The path with '/' separators, as the checklist and inventory name it.
    public var path: [UInt8] { key.map { $0 == 0 ? UInt8(ascii: "/") : $0 } }

    var dataroomFile: DataroomFile {
        ScannedFile(path: path, size: size, modifiedNanoseconds: modifiedNanoseconds, inode: inode, mode: mode).dataroomFile
    }
}
