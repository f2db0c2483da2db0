/// The financial exit plan: scenarios document and the expected double-running cost.
public struct FinancialPlan: Sendable, Equatable {
    public var document: String?
    public var doubleRunCostEUR: Double?

    public init(document: String? = nil, doubleRunCostEUR: Double? = nil) {
        self.document = document
        self.doubleRunCostEUR = doubleRunCostEUR
    }
}
