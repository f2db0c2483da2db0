/// One reason a contract lost points (or a risk worth knowing), with what to do about it.
public struct Finding: Sendable, Equatable {
    public var code: FindingCode
    /// Requirement, process or person id, or for D90 the file's path; nil for contract-wide findings.
    public var subject: String?
    /// The action register's row for this finding, if any. Kept out of line: most findings have
    /// none, and each of half a million findings would otherwise carry a row's room (measured:
    /// 75 MB more at 10,000 contracts).
    public var action: RegisteredAction? {
        get { actionStorage?.row }
        set { actionStorage = newValue.map(ActionStorage.init) }
    }
    private var actionStorage: ActionStorage?
    public var severity: Severity
    /// Points of the overall score lost, unrounded.
    public let impact: Double
    /// The impact as reported: two decimals.
    public let roundedImpact: Double
    /// Points of the uncapped overall score that resolving it wins: the impact, but for C01
    /// without what the cap removed. Unrounded.
    public let gain: Double
    public var detail: FindingDetail
    /// Accepted in the action register until a day not yet passed: the finding still costs its
    /// points but is left out of plans, top findings and alert finding lists.
    public var isAccepted = false

    /// `gain` defaults to the impact (all findings but C01).
    public init(
        code: FindingCode, subject: String? = nil, severity: Severity, impact: Double, gain: Double? = nil,
        detail: FindingDetail
    ) {
        self.code = code
        self.subject = subject
        self.severity = severity
        self.impact = impact
        self.roundedImpact = roundHalfAwayFromZero(impact, decimals: 2)
        self.gain = gain ?? impact
        self.detail = detail
    }

    /// Why the points were lost, in one sentence.
    public var message: String { detail.text }

    public var family: Family { code.family }
    public var remedy: String { code.remedy }

    /// Report order: rounded impact descending, then code, then subject (none first).
    public static func reportOrder(_ lhs: borrowing Finding, _ rhs: borrowing Finding) -> Bool {
        let left = lhs.roundedImpact
        let right = rhs.roundedImpact
        if left != right { return left > right }
        return FindingKey.precedes(lhs.code, lhs.subject, rhs.code, rhs.subject)
    }

    /// A row of the action register, shared by reference.
    private final class ActionStorage: Sendable, Equatable {
        let row: RegisteredAction

        init(_ row: RegisteredAction) { self.row = row }

        static func == (lhs: ActionStorage, rhs: ActionStorage) -> Bool { lhs.row == rhs.row }
    }
}
