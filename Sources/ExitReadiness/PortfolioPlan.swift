/// The work within a budget that raises the portfolio score most (exitready-inventory(5), PLANS).
public struct PortfolioPlan: Sendable, Equatable {
    public var budgetDays: Double
    public var effortDays: Double
    /// The portfolio score now and once every step is done, unrounded; nil without active contracts.
    public var score: Double?
    public var scoreAfter: Double?
    /// What the steps add to the portfolio score, unrounded.
    public var gain: Double
    /// By contract id; within a contract in the order of its contract plan.
    public var steps: [PlanStep]
}
