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
        var low = 0
        var high = files.count
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
