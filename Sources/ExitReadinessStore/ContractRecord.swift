import ExitReadiness

/// One contract's scores in an evaluation. Scores are the reported (rounded) figures.
public struct ContractRecord: Sendable {
    public var id: String
    public var status: ContractStatus
    public var criticality: Criticality
    public var score: Double
    public var band: Band
    /// contract, dataroom, processes, staff.
    public var families: [Double]
    public var termEnd: String
    public var noticeDeadline: String
    /// The findings as a JSON array of `{"code", "subject", "impact"}` objects: what changed is
    /// told by codes and subjects; messages and remedies follow from them and the inventory.
    /// (Databases written by 0.1 hold the whole finding objects.)
    public var findings: String

    public init(
        id: String, status: ContractStatus, criticality: Criticality, score: Double, band: Band, families: [Double],
        termEnd: String, noticeDeadline: String, findings: String
    ) {
        self.id = id
        self.status = status
        self.criticality = criticality
        self.score = score
        self.band = band
        self.families = families
        self.termEnd = termEnd
        self.noticeDeadline = noticeDeadline
        self.findings = findings
    }
}
