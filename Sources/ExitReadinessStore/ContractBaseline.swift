import ExitReadiness

/// A contract as it stood at the end of a day, for what changed since: its score and band in the
/// last evaluation on or before that day, and the findings it had then.
public struct ContractBaseline: Sendable, Equatable {
    /// Nil when the contract was not in that evaluation (or there was none).
    public var score: Double?
    public var band: Band?
    /// The findings (`ContractRecord.findings`: a JSON array of brief findings); nil when no
    /// findings of the contract are stored by then.
    public var findings: String?

    public init(score: Double? = nil, band: Band? = nil, findings: String? = nil) {
        self.score = score
        self.band = band
        self.findings = findings
    }
}
