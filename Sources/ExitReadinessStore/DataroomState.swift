import GRDB

/// Whether an evaluation could read the dataroom.
public enum DataroomState: String, Sendable, CaseIterable, DatabaseValueConvertible {
    /// Scanned: dataroom scores are current.
    case ok
    /// The root cannot be read: dataroom scores are carried over from the last scan.
    case unreachable
    /// The scan could not say (e.g. the database refused the scan cache).
    case unknown
}
