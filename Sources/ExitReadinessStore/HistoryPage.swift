/// The points of a score's history that one request asked for, newest first.
public struct HistoryPage: Sendable, Equatable {
    public var points: [HistoryPoint]
    /// True when the limit left out older points that match.
    public var truncated: Bool
}
