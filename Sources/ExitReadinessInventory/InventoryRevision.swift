import Crypto
import ExitReadiness

/// What an evaluation reads from disk, fingerprinted in one pass over the files: the inventory's
/// and the checklist's SHA-256 (the provenance of an evaluation) and a short revision of both.
/// Equal revisions mean equal input, so the daemon can say which version it scores and skip
/// parsing what did not change.
public struct InventoryRevision: Sendable, Equatable {
    /// Twelve hex digits.
    public var revision: String
    /// As `InventoryDigest`.
    public var inventorySHA256: String
    /// The checklist file's SHA-256; empty when it cannot be read.
    public var checklistSHA256: String

    public static func compute(directory: String, checklist: String) -> InventoryRevision {
        let inventory = InventoryDigest.compute(directory: directory)
        let checklistSHA256 = InventoryDigest.fileSHA256(Array(checklist.utf8)) ?? ""
        // Files that cannot be read and entries that are not files are errors of the inventory:
        // their names count too.
        var hasher = SHA256()
        for part in [inventory.sha256, checklistSHA256] + inventory.unreadable + ["/"] + inventory.others {
            hasher.update(data: Array(part.utf8) + [0])
        }
        return InventoryRevision(
            revision: Hex.encode(hasher.finalize().prefix(6)), inventorySHA256: inventory.sha256,
            checklistSHA256: checklistSHA256)
    }
}
