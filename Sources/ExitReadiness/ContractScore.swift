/// One contract's readiness: scores, band, exit timeline and every finding.
public struct ContractScore: Sendable, Equatable {
    public var id: String
    public var supplier: String
    public var service: String
    public var criticality: Criticality
    public var status: ContractStatus
    /// Overall score, unrounded, after caps.
    public var score: Double
    /// Overall score, unrounded, before the cap of a missing exit plan (C01).
    public var uncappedScore: Double
    public var band: Band
    public var families: FamilyScores
    public var termEnd: Day
    public var noticeDeadline: Day
    /// Term end plus termination assistance: how long key persons must stay.
    public var exitHorizon: Day
    /// Sorted in report order.
    public var findings: [Finding]
    /// What the register of information export copies from the contract: its `register` block,
    /// `last_audit`, and `alternatives` (nil when the file does not list them).
    public var register: RegisterEntry? = nil
    public var lastAudit: Day? = nil
    public var alternatives: [String]? = nil
    /// Person-days of the plan to the ready threshold: 0 when ready, nil when the candidate
    /// actions cannot reach it.
    public var effortToReady: Double? = nil
    /// The first day within the default forecast horizon whose band differs from the day
    /// before; nil when the band holds.
    public var nextBandChange: BandChange? = nil

    public var roundedScore: Double { roundHalfAwayFromZero(score, decimals: 1) }
}
