/// What a scan found different from the cache.
public enum FileChange: Sendable, Equatable {
    case added(CachedFile)
    /// Size, modification time or inode differ: the content must be hashed again.
    case changed(CachedFile)
    /// Only the permissions differ.
    case modeChanged(key: [UInt8], mode: UInt32)
    case removed(key: [UInt8])
}

extension FileChange {
    var isAdded: Bool {
        if case .added = self { return true }
        return false
    }
}
