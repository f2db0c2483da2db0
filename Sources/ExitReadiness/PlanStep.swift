/// One action of a plan: resolve a finding of a contract.
public struct PlanStep: Sendable, Equatable {
    public var contract: String
    public var finding: Finding
    public var effortDays: Double
    /// The contract's score, unrounded, once this step and the ones before it are done.
    public var scoreAfter: Double

    public init(contract: String, finding: Finding, effortDays: Double, scoreAfter: Double) {
        self.contract = contract
        self.finding = finding
        self.effortDays = effortDays
        self.scoreAfter = scoreAfter
    }
}
