/// One row of the staff register: a person on the account, on either side.
public struct StaffMember: Sendable, Equatable {
    public var contract: String
    /// Pseudonymous identifier, unique within the contract. Never written to the journal.
    public var person: String
    public var side: Side
    public var role: String
    public var isKey: Bool
    public var successor: String?
    public var knowledgeTransfer: KnowledgeTransfer
    public var joined: Day
    public var left: Day?
    public var plannedLeave: Day?

    public init(
        contract: String, person: String, side: Side, role: String = "", isKey: Bool,
        successor: String? = nil, knowledgeTransfer: KnowledgeTransfer = .none, joined: Day,
        left: Day? = nil, plannedLeave: Day? = nil
    ) {
        self.contract = contract
        self.person = person
        self.side = side
        self.role = role
        self.isKey = isKey
        self.successor = successor
        self.knowledgeTransfer = knowledgeTransfer
        self.joined = joined
        self.left = left
        self.plannedLeave = plannedLeave
    }

    /// Still on the team on `day`: has not left, or leaves after it.
    public func isActive(on day: Day) -> Bool {
        guard let left else { return true }
        return left > day
    }

    public enum Side: String, Sendable, CaseIterable {
        case supplier, client
    }

    /// How far a key person's knowledge has been handed over.
    public enum KnowledgeTransfer: String, Sendable, CaseIterable {
        case none
        case planned
        case inProgress = "in-progress"
        case done

        /// The S02 credit for this state.
        var credit: Double {
            switch self {
            case .none: 0
            case .planned: 0.25
            case .inProgress: 0.5
            case .done: 1
            }
        }
    }
}
