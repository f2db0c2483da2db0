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
    /// The findings as a JSON array.
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
