import Crypto
import ExitReadiness

#if canImport(Glibc)
    import Glibc
#endif

/// A short fingerprint of everything an evaluation reads from the inventory: the SHA-256 of
/// every file's name and bytes (contracts, registers, checklist). Equal revisions mean equal
/// input, so the daemon can say which version it scores and skip parsing what did not change.
public enum InventoryRevision {
    public static func compute(directory: String, checklist: String) -> String {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var files: [String] = []
        for folder in ["contracts", "staff", "processes", "actions"] {
            let path = base + "/" + folder
            let names = (try? DirectoryListing.names(in: path)) ?? []
            files += names.filter { !$0.hasPrefix(".") }.map { path + "/" + $0 }
        }
        files += [base + "/staff.csv", base + "/processes.csv", base + "/actions.csv", checklist]
        var hasher = SHA256()
        for path in files {
            hasher.update(data: Array(path.utf8) + [0])
            do {
                try TextFile.withContents(path) { bytes in hasher.update(bufferPointer: UnsafeRawBufferPointer(bytes)) }
            } catch {
                hasher.update(data: Array("\u{0}unreadable:\(error.message)".utf8))
            }
            hasher.update(data: [0])
        }
        return Hex.encode(hasher.finalize().prefix(6))
    }
}
