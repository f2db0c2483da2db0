/// The scores of the four families, unrounded.
public struct FamilyScores: Sendable, Equatable {
    public var contract: Double
    public var dataroom: Double
    public var processes: Double
    public var staff: Double

    public init(contract: Double, dataroom: Double, processes: Double, staff: Double) {
        self.contract = contract
        self.dataroom = dataroom
        self.processes = processes
        self.staff = staff
    }

    public subscript(family: Family) -> Double {
        switch family {
        case .contract: contract
        case .dataroom: dataroom
        case .processes: processes
        case .staff: staff
        case .timeline, .actions, .register: 0
        }
    }
}
