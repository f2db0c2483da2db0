import ExitReadiness
import GRDB

/// A point of a score's history.
public struct HistoryPoint: Sendable, Equatable {
    public var evaluatedAt: Double
    public var day: String
    public var score: Double?
    public var band: Band?
}

extension HistoryPoint: FetchableRecord {
    /// The columns of a `historyQuery` row.
    enum Columns {
        static let evaluatedAt = Column("evaluated_at"), day = Column("day"), score = Column("score"), band = Column("band")
    }

    public init(row: Row) throws {
        self.init(
            evaluatedAt: try row.decode(forColumn: Columns.evaluatedAt), day: try row.decode(forColumn: Columns.day),
            score: try row.decode(forColumn: Columns.score), band: try row.decode(forColumn: Columns.band))
    }
}
