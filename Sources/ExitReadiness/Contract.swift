/// One outsourcing contract as described by `contracts/<id>.yaml` (exitready-inventory(5)).
public struct Contract: Sendable, Equatable {
    public var id: String
    public var supplier: String
    public var service: String
    public var criticality: Criticality
    public var start: Day
    public var end: Day
    public var noticeDays: Int
    /// Months of each tacit renewal; 0 means the contract ends at `end`.
    public var renewalMonths: Int
    public var exitPlan: ExitPlan?
    public var terms: Terms
    /// Ownership per IP class; an absent class counts as unclear.
    public var ip: [IPClass: IPOwner]
    public var alternatives: [String]
    /// Whether the file lists `alternatives` at all: the register tells "none known" (given
    /// empty) from "not recorded" (absent).
    public var alternativesGiven: Bool
    public var financialPlan: FinancialPlan?
    public var communicationPlan: Bool
    public var lastAudit: Day?
    /// Oldest first.
    public var kpi: [KPIPeriod]
    /// The register of information block, when the file has one.
    public var register: RegisterEntry?

    public init(
        id: String, supplier: String, service: String, criticality: Criticality,
        start: Day, end: Day, noticeDays: Int, renewalMonths: Int = 0, exitPlan: ExitPlan? = nil,
        terms: Terms = Terms(), ip: [IPClass: IPOwner] = [:], alternatives: [String] = [],
        financialPlan: FinancialPlan? = nil, communicationPlan: Bool = false, lastAudit: Day? = nil,
        kpi: [KPIPeriod] = [], alternativesGiven: Bool = false, register: RegisterEntry? = nil
    ) {
        self.id = id
        self.supplier = supplier
        self.service = service
        self.criticality = criticality
        self.start = start
        self.end = end
        self.noticeDays = noticeDays
        self.renewalMonths = renewalMonths
        self.exitPlan = exitPlan
        self.terms = terms
        self.ip = ip
        self.alternatives = alternatives
        self.alternativesGiven = alternativesGiven || !alternatives.isEmpty
        self.financialPlan = financialPlan
        self.communicationPlan = communicationPlan
        self.lastAudit = lastAudit
        self.kpi = kpi
        self.register = register
    }
}

extension Contract {
    /// Contract ids: `[a-z0-9][a-z0-9-]{0,62}`; they name files and dataroom folders.
    public static func isValidID(_ id: some StringProtocol) -> Bool {
        let bytes = Array(id.utf8)
        guard (1...63).contains(bytes.count), isLowerAlphanumeric(bytes[0]) else { return false }
        return bytes.allSatisfy { isLowerAlphanumeric($0) || $0 == UInt8(ascii: "-") }
    }

    private static func isLowerAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
}
