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
    public var financialPlan: FinancialPlan?
    public var communicationPlan: Bool
    public var lastAudit: Day?
    /// Oldest first.
    public var kpi: [KPIPeriod]

    public init(
        id: String, supplier: String, service: String, criticality: Criticality,
        start: Day, end: Day, noticeDays: Int, renewalMonths: Int = 0, exitPlan: ExitPlan? = nil,
        terms: Terms = Terms(), ip: [IPClass: IPOwner] = [:], alternatives: [String] = [],
        financialPlan: FinancialPlan? = nil, communicationPlan: Bool = false, lastAudit: Day? = nil,
        kpi: [KPIPeriod] = []
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
        self.financialPlan = financialPlan
        self.communicationPlan = communicationPlan
        self.lastAudit = lastAudit
        self.kpi = kpi
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

/// How much an exit would hurt: decides check points, dataroom requirements and portfolio weight.
public enum Criticality: String, Sendable, CaseIterable, Comparable {
    case critical, important, standard

    /// Weight of a contract in the portfolio score.
    public var portfolioWeight: Double {
        switch self {
        case .critical: 3
        case .important: 2
        case .standard: 1
        }
    }

    public static func < (lhs: Criticality, rhs: Criticality) -> Bool {
        lhs.portfolioWeight > rhs.portfolioWeight
    }
}

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

/// Events on which the exit plan is invoked.
public enum ExitTrigger: String, Sendable, CaseIterable {
    case endOfTerm = "end-of-term"
    case forCause = "for-cause"
    case insolvency
    case changeOfControl = "change-of-control"
}

/// Exit clauses agreed in the contract; nil or false means not agreed.
public struct Terms: Sendable, Equatable {
    public var terminationAssistanceMonths: Int?
    public var assistanceRatesAgreed = false
    public var informationLeadDays: Int?
    public var keyStaffRetention = false
    public var dataReturnAndDeletion = false
    public var licenseTransfer = false
    public var cooperationDuty = false

    public init(
        terminationAssistanceMonths: Int? = nil, assistanceRatesAgreed: Bool = false,
        informationLeadDays: Int? = nil, keyStaffRetention: Bool = false,
        dataReturnAndDeletion: Bool = false, licenseTransfer: Bool = false, cooperationDuty: Bool = false
    ) {
        self.terminationAssistanceMonths = terminationAssistanceMonths
        self.assistanceRatesAgreed = assistanceRatesAgreed
        self.informationLeadDays = informationLeadDays
        self.keyStaffRetention = keyStaffRetention
        self.dataReturnAndDeletion = dataReturnAndDeletion
        self.licenseTransfer = licenseTransfer
        self.cooperationDuty = cooperationDuty
    }
}

/// What was built together during the contract and must have a settled owner.
public enum IPClass: String, Sendable, CaseIterable {
    case trainingMaterial = "training_material"
    case knowledgeBase = "knowledge_base"
    case chatbots
    case wfmHistory = "wfm_history"
    case wfmSettings = "wfm_settings"
    case reportFormats = "report_formats"
    case toolingAndAPIs = "tooling_and_apis"
}

public enum IPOwner: String, Sendable, CaseIterable {
    case client, shared, supplier, unclear

    /// The C09 credit for this ownership.
    var credit: Double {
        switch self {
        case .client, .shared: 1
        case .supplier: 0.5
        case .unclear: 0
        }
    }
}

/// The financial exit plan: scenarios document and the expected double-running cost.
public struct FinancialPlan: Sendable, Equatable {
    public var document: String?
    public var doubleRunCostEUR: Double?

    public init(document: String? = nil, doubleRunCostEUR: Double? = nil) {
        self.document = document
        self.doubleRunCostEUR = doubleRunCostEUR
    }
}

/// KPI results of one month.
public struct KPIPeriod: Sendable, Equatable {
    /// `YYYY-MM`.
    public var period: String
    public var met: Int
    public var missed: Int

    public init(period: String, met: Int, missed: Int) {
        self.period = period
        self.met = met
        self.missed = missed
    }
}
