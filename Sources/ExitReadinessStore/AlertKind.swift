import GRDB

/// The kinds of alert exitreadyd raises; the raw value is what the database and the journal
/// (EXITREADY_KIND) hold.
public enum AlertKind: String, Sendable, CaseIterable, Codable, DatabaseValueConvertible {
    /// The band of a contract or of the portfolio fell (into at-risk: warning; not-ready: crit).
    case bandDropped = "band-dropped"
    /// The score fell by at least DropThreshold= below its peak since the last alert, band unchanged.
    case scoreDropped = "score-dropped"
    /// The band rose.
    case bandRecovered = "band-recovered"
    /// The notice deadline entered the notice window (warning) or the critical window (crit)
    /// while the contract is not ready.
    case noticeDeadline = "notice-deadline"
    /// The inventory has errors; the last valid inventory keeps being scored.
    case inventoryInvalid = "inventory-invalid"
    /// The inventory is valid again.
    case inventoryRecovered = "inventory-recovered"
    /// The dataroom root cannot be read; dataroom scores are carried over from the last scan.
    case dataroomUnreachable = "dataroom-unreachable"
    /// The dataroom root can be read again.
    case dataroomRecovered = "dataroom-recovered"
    /// An open action of the action register passed its due date while its finding persists
    /// (A01): once per row and due date.
    case actionOverdue = "action-overdue"
    /// A contract's forecast shows its band falling within ForecastWindow= days: once per
    /// contract, date and band.
    case forecastDrop = "forecast-drop"
}
