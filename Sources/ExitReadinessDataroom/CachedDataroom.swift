import ExitReadiness
import ExitReadinessStore
import Synchronization

/// The dataroom as the scan cache last saw it: what the daemon and `check --database` score.
public final class CachedDataroom: DataroomView, Sendable {
    private let store: ExitReadyStore
    private let folders: Set<String>
    private let collected = Mutex<[ScanProblem]>([])

    public init(store: ExitReadyStore) throws {
        self.store = store
        self.folders = try store.cachedFolders()
    }

    /// Contract folders whose cache entries could not be read.
    public var problems: [ScanProblem] { collected.withLock { $0 } }

    public func folder(for contractID: String) -> ContractFolder? {
        guard folders.contains(contractID) else { return nil }
        do {
            return ContractFolder(files: try store.files(of: contractID).map(\.dataroomFile))
        } catch {
            collected.withLock { $0.append(ScanProblem(path: contractID, message: "cannot read the scan cache: \(error)")) }
            return nil
        }
    }
}

extension CachedFile {
    /// The path with '/' separators, as the checklist and inventory name it.
    public var path: [UInt8] { key.map { $0 == 0 ? UInt8(ascii: "/") : $0 } }

    var dataroomFile: DataroomFile {
        ScannedFile(path: path, size: size, modifiedNanoseconds: modifiedNanoseconds, inode: inode, mode: mode).dataroomFile
    }
}
