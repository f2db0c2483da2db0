/// Everything the inventory directory describes, grouped per contract.
public struct Inventory: Sendable, Equatable {
    /// Sorted by id.
    public private(set) var contracts: [Contract]
    public private(set) var staff: [String: [StaffMember]]
    public private(set) var processes: [String: [ProcessRecord]]
    /// The action register's rows.
    public private(set) var actions: [String: [RegisteredAction]]

    public init(
        contracts: [Contract], staff: [StaffMember] = [], processes: [ProcessRecord] = [],
        actions: [RegisteredAction] = []
    ) {
        self.contracts = contracts.sorted { $0.id < $1.id }
        self.staff = Dictionary(grouping: staff, by: \.contract)
        self.processes = Dictionary(grouping: processes, by: \.contract)
        self.actions = Dictionary(grouping: actions, by: \.contract)
    }

    public init(
        contracts: [Contract], staffByContract: [String: [StaffMember]],
        processesByContract: [String: [ProcessRecord]], actionsByContract: [String: [RegisteredAction]] = [:]
    ) {
        self.contracts = contracts.sorted { $0.id < $1.id }
        self.staff = staffByContract
        self.processes = processesByContract
        self.actions = actionsByContract
    }

    public func contract(withID id: String) -> Contract? {
        contracts.first { $0.id == id }
    }
}
