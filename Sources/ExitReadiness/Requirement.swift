/// One kind of document the dataroom must contain.
public struct Requirement: Sendable, Equatable {
    public var id: String
    public var title: String
    /// A file satisfies the requirement when any pattern matches its path.
    public var patterns: [Glob]
    /// 0 means never stale.
    public var maxAgeDays: Int
    public var minBytes: Int64
    public var weight: Double
    public var appliesTo: Set<Criticality>

    public init(
        id: String, title: String, patterns: [Glob], maxAgeDays: Int = 0, minBytes: Int64 = 1,
        weight: Double = 1, appliesTo: Set<Criticality> = Set(Criticality.allCases)
    ) {
        self.id = id
        self.title = title
        self.patterns = patterns
        self.maxAgeDays = maxAgeDays
        self.minBytes = minBytes
        self.weight = weight
        self.appliesTo = appliesTo
    }

    /// True when any of the patterns matches the path (relative to the contract folder).
    public func matches(_ path: [UInt8]) -> Bool {
        patterns.contains { $0.matches(path) }
    }
}
