import GRDB

/// An alert's syslog priority; the raw value is the name the database and `exitreadyctl alerts` show.
public enum AlertPriority: String, Sendable, CaseIterable, DatabaseValueConvertible {
    case emerg, alert, crit, err, warning, notice, info, debug
}
