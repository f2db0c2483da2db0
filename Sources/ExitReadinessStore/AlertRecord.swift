import ExitReadiness
import GRDB

/// An alert as stored and sent to the journal.
public struct AlertRecord: Sendable, Equatable {
    /// Nil until stored.
    public var id: Int64?
    /// Seconds since the epoch.
    public var at: Double
    public var kind: AlertKind
    public var priority: AlertPriority
    public var scope: AlertScope
    public var contract: String?
    public var score: Double?
    public var previousScore: Double?
    public var band: Band?
    public var previousBand: Band?
    /// Codes of the top findings.
    public var findings: [String]
    /// For action-overdue: the row's `CODE/SUBJECT`, or the code alone for staff findings.
    public var action: String?
    /// For forecast-drop: the day the band will fall.
    public var forecastDate: Day?
    public var message: String

    public init(
        id: Int64? = nil, at: Double, kind: AlertKind, priority: AlertPriority, scope: AlertScope, contract: String? = nil,
        score: Double? = nil, previousScore: Double? = nil, band: Band? = nil, previousBand: Band? = nil,
        findings: [String] = [], action: String? = nil, forecastDate: Day? = nil, message: String
    ) {
        self.id = id
        self.at = at
        self.kind = kind
        self.priority = priority
        self.scope = scope
        self.contract = contract
        self.score = score
        self.previousScore = previousScore
        self.band = band
        self.previousBand = previousBand
        self.findings = findings
        self.action = action
        self.forecastDate = forecastDate
        self.message = message
    }
}

extension AlertRecord: FetchableRecord {
    /// The columns of the `alerts` table.
    enum Columns {
        static let id = Column("id"), at = Column("at")
        static let kind = Column("kind"), priority = Column("priority"), scope = Column("scope")
        static let contract = Column("contract"), score = Column("score"), previousScore = Column("previous_score")
        static let band = Column("band"), previousBand = Column("previous_band")
        static let findings = Column("findings"), action = Column("action"), message = Column("message")
        static let forecastDate = Column("forecast_date")
    }

    public init(row: Row) throws {
        let findings: String = try row.decode(forColumn: Columns.findings)
        let forecastDate: String? = try row.decode(forColumn: Columns.forecastDate)
        self.init(
            id: try row.decode(forColumn: Columns.id), at: try row.decode(forColumn: Columns.at),
            kind: try row.decode(forColumn: Columns.kind), priority: try row.decode(forColumn: Columns.priority),
            scope: try row.decode(forColumn: Columns.scope), contract: try row.decode(forColumn: Columns.contract),
            score: try row.decode(forColumn: Columns.score), previousScore: try row.decode(forColumn: Columns.previousScore),
            band: try row.decode(forColumn: Columns.band), previousBand: try row.decode(forColumn: Columns.previousBand),
            findings: findings.split(separator: " ").map(String.init), action: try row.decode(forColumn: Columns.action),
            forecastDate: forecastDate.flatMap { Day(iso: $0) }, message: try row.decode(forColumn: Columns.message))
    }
}
