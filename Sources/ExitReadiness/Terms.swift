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
