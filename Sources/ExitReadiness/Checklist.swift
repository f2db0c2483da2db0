/// The dataroom checklist (`dataroom.yaml`): which documents each contract's folder must hold.
public struct Checklist: Sendable, Equatable {
    public var requirements: [Requirement]

    public init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    /// The requirements that apply to contracts of the given criticality, in checklist order.
    public func requirements(for criticality: Criticality) -> [Requirement] {
        requirements.filter { $0.appliesTo.contains(criticality) }
    }
}
