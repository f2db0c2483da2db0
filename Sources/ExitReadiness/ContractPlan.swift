/// The least work that brings one contract to a target score (exitready-inventory(5), PLANS).
public struct ContractPlan: Sendable, Equatable {
    public var contract: String
    public var target: Double
    /// The score now and once every step is done, unrounded.
    public var score: Double
    public var scoreAfter: Double
    public var effortDays: Double
    /// False when even every candidate action does not reach the target; the steps are then
    /// all of them.
    public var reachable: Bool
    /// C01 first when it is a step, then by gain per day, gain, and report order.
    public var steps: [PlanStep]
}
