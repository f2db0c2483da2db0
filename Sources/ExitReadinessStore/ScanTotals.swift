/// The totals of one scan.
public struct ScanTotals: Sendable, Equatable, Codable {
    public var files = 0
    public var bytes: Int64 = 0
    public var added = 0
    public var changed = 0
    public var removed = 0
    public var modeChanges = 0
    public var hashedFiles = 0
    public var hashedBytes: Int64 = 0
    public var problems = 0

    public init() {}
}
