import GRDB

/// What an alert is about: one contract or the whole portfolio.
public enum AlertScope: String, Sendable, CaseIterable, DatabaseValueConvertible {
    case contract, portfolio
}
