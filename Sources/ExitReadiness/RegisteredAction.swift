/// One row of the action register (`actions.csv`): who does what about a finding, by when, or
/// that the risk is accepted until a day.
public struct RegisteredAction: Sendable, Equatable {
    public enum State: String, Sendable, CaseIterable {
        case open, done, accepted
    }

    public var contract: String
    /// The code of the finding the row is about; never one that costs no points.
    public var code: FindingCode
    /// The finding's subject; nil for a finding without one.
    public var subject: String?
    public var owner: String?
    public var due: Day?
    public var state: State
    /// For `accepted`: the last day the acceptance holds (required then).
    public var until: Day?
    public var note: String?

    public init(
        contract: String, code: FindingCode, subject: String? = nil, owner: String? = nil, due: Day? = nil,
        state: State, until: Day? = nil, note: String? = nil
    ) {
        self.contract = contract
        self.code = code
        self.subject = subject
        self.owner = owner
        self.due = due
        self.state = state
        self.until = until
        self.note = note
    }

    /// How the row names its finding in A01–A03 and in the journal: `CODE` or `CODE/SUBJECT`.
    public var reference: String {
        subject.map { "\(code.rawValue)/\($0)" } ?? code.rawValue
    }

    /// Whether a row may name this code: only findings of the four scored families that cost
    /// points can be acted on (not D90, nor the timeline's or the register's own findings).
    public static func canConcern(_ code: FindingCode) -> Bool {
        switch code.family {
        case .contract, .dataroom, .processes, .staff: code != .d90
        default: false
        }
    }
}
