/// The documented exit plan of a contract.
public struct ExitPlan: Sendable, Equatable {
    /// Path inside the contract's dataroom folder.
    public var document: String
    public var reviewed: Day?
    public var tested: Day?
    public var triggers: Set<ExitTrigger>

    public init(document: String, reviewed: Day? = nil, tested: Day? = nil, triggers: Set<ExitTrigger> = []) {
        self.document = document
        self.reviewed = reviewed
        self.tested = tested
        self.triggers = triggers
    }
}
