import ExitReadiness
import GRDB

/// What the alert policy remembers between evaluations (and restarts).
public struct AlertState: Sendable, Equatable {
    /// Per contract id, and "" for the portfolio.
    public var baselines: [String: Baseline] = [:]
    /// Conditions alerted while they last, by kind, with what was alerted.
    public var conditions: [AlertKind: String] = [:]
    /// Overdue actions alerted, one key per row and due date ("CONTRACT CODE DUE SUBJECT"), kept
    /// while they stay overdue.
    public var overdueActions: Set<String> = []

    public init(baselines: [String: Baseline] = [:], conditions: [AlertKind: String] = [:], overdueActions: Set<String> = []) {
        self.baselines = baselines
        self.conditions = conditions
        self.overdueActions = overdueActions
    }

    public struct Baseline: Sendable, Equatable {
        public var band: Band
        public var score: Double
        /// Highest score since the last alert.
        public var peak: Double
        /// 0 outside the notice window, 1 in it, 2 in the critical window (already alerted).
        public var noticeStage: Int
        /// The deadline the stage refers to: a new term resets the stage.
        public var noticeDeadline: String?
        /// The forecast drop last alerted, "DATE BAND": the same drop is not alerted again.
        public var forecastDrop: String?

        public init(
            band: Band, score: Double, peak: Double, noticeStage: Int = 0, noticeDeadline: String? = nil,
            forecastDrop: String? = nil
        ) {
            self.band = band
            self.score = score
            self.peak = peak
            self.noticeStage = noticeStage
            self.noticeDeadline = noticeDeadline
            self.forecastDrop = forecastDrop
        }
    }
}

extension AlertState.Baseline: FetchableRecord {
    /// The columns of the `alert_baselines` table.
    enum Columns {
        static let scopeKey = Column("scope_key"), band = Column("band"), score = Column("score"), peak = Column("peak")
        static let noticeStage = Column("notice_stage"), noticeDeadline = Column("notice_deadline")
        static let forecastDrop = Column("forecast_drop")
    }

    public init(row: Row) throws {
        self.init(
            band: try row.decode(forColumn: Columns.band), score: try row.decode(forColumn: Columns.score),
            peak: try row.decode(forColumn: Columns.peak), noticeStage: try row.decode(forColumn: Columns.noticeStage),
            noticeDeadline: try row.decode(forColumn: Columns.noticeDeadline),
            forecastDrop: try row.decode(forColumn: Columns.forecastDrop))
    }
}
