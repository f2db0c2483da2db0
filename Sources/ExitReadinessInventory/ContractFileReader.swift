import ExitReadiness

/// Reads one `contracts/<id>.yaml` file into a `Contract`, reporting every problem it finds.
struct ContractFileReader {
    /// What the file stem says the id is; the `id` key must agree.
    let expectedID: String
    let fields: YAMLFieldReader
    /// The evaluation date: a `reviewed`, `tested` or `last_audit` date after it gets a
    /// warning; nil checks nothing.
    var today: Day?

    static let topLevelKeys = [
        "id", "supplier", "service", "criticality", "start", "end", "notice_days", "renewal_months",
        "exit_plan", "terms", "ip", "alternatives", "financial_plan", "communication_plan", "last_audit", "kpi",
        "register",
    ]
    static let requiredKeys = ["id", "supplier", "service", "criticality", "start", "end", "notice_days"]
    static let exitPlanKeys = ["document", "reviewed", "tested", "triggers"]
    static let termsKeys = [
        "termination_assistance_months", "assistance_rates_agreed", "information_lead_days", "key_staff_retention",
        "data_return_and_deletion", "license_transfer", "cooperation_duty",
    ]
    static let financialPlanKeys = ["document", "double_run_cost_eur"]
    static let kpiKeys = ["period", "met", "missed"]
    static let registerKeys = [
        "reference", "provider_code", "provider_code_type", "ict_service_type", "substitutability",
        "substitutability_reason", "reintegration", "discontinuation_impact",
    ]

    /// The contract, or nil when any value is missing or not allowed (see `fields.diagnostics`).
    func read(_ bytes: [UInt8]) -> Contract? {
        guard let root = fields.parseDocument(bytes),
            let pairs = fields.mapping(root, what: "a contract", allowed: Self.topLevelKeys)
        else { return nil }
        fields.requireKeys(Self.requiredKeys, in: pairs, of: root, what: "the contract")
        let before = fields.diagnostics.count

        var id: String?
        var supplier: String?
        var service: String?
        var criticality: Criticality?
        var start: Day?
        var end: Day?
        var endNode: YAMLNode?
        var noticeDays: Int?
        var renewalMonths = 0
        var exitPlan: ExitPlan?
        var terms = Terms()
        var ip: [IPClass: IPOwner] = [:]
        var alternatives: [String] = []
        var alternativesGiven = false
        var financialPlan: FinancialPlan?
        var communicationPlan = false
        var lastAudit: Day?
        var kpi: [KPIPeriod] = []
        var register: RegisterEntry?

        for (key, value) in pairs {
            if fields.isNull(value) { continue }
            switch key {
            case "id": id = readID(value)
            case "supplier": supplier = fields.string(value, key: key, nonEmpty: true)
            case "service": service = fields.string(value, key: key, nonEmpty: true)
            case "criticality": criticality = fields.enumeration(value, key: key, as: Criticality.self)
            case "start": start = fields.date(value, key: key)
            case "end":
                end = fields.date(value, key: key)
                endNode = value
            case "notice_days": noticeDays = fields.integer(value, key: key, in: InventoryRules.days)
            case "renewal_months": renewalMonths = fields.integer(value, key: key, in: InventoryRules.months) ?? 0
            case "exit_plan": exitPlan = readExitPlan(value)
            case "terms": terms = readTerms(value)
            case "ip": ip = readIP(value)
            case "alternatives":
                alternatives = readAlternatives(value)
                alternativesGiven = true
            case "financial_plan": financialPlan = readFinancialPlan(value)
            case "communication_plan": communicationPlan = fields.bool(value, key: key) ?? false
            case "last_audit": lastAudit = pastDate(value, key: key)
            case "kpi": kpi = readKPI(value)
            case "register": register = readRegister(value)
            default: break
            }
        }
        if let start, let end, let endNode, end <= start {
            fields.report(at: endNode, "end: \(end.iso) is not after start \(start.iso)")
        }
        guard fields.diagnostics.count == before, let id, let supplier, let service, let criticality,
            let start, let end, let noticeDays
        else { return nil }
        return Contract(
            id: id, supplier: supplier, service: service, criticality: criticality, start: start, end: end,
            noticeDays: noticeDays, renewalMonths: renewalMonths, exitPlan: exitPlan, terms: terms, ip: ip,
            alternatives: alternatives, financialPlan: financialPlan, communicationPlan: communicationPlan,
            lastAudit: lastAudit, kpi: kpi, alternativesGiven: alternativesGiven, register: register)
    }

    private func readID(_ node: YAMLNode) -> String? {
        guard let id = fields.string(node, key: "id", nonEmpty: true) else { return nil }
        guard Contract.isValidID(id) else {
            fields.report(
                at: node,
                "id: \(quoted(id)) is not a valid contract id; expected lower-case letters, digits "
                    + "and '-', starting with a letter or digit, at most 63 characters")
            return nil
        }
        guard id == expectedID else {
            fields.report(
                at: node,
                "id: \(quoted(id)) does not match the file name \(expectedID).yaml; "
                    + "the file must be named after the id")
            return nil
        }
        return id
    }

    private func readExitPlan(_ node: YAMLNode) -> ExitPlan? {
        guard let pairs = fields.mapping(node, what: "exit_plan", allowed: Self.exitPlanKeys) else { return nil }
        fields.requireKeys(["document"], in: pairs, of: node, what: "exit_plan")
        var plan = ExitPlan(document: "")
        for (key, value) in pairs where !fields.isNull(value) {
            switch key {
            case "document": plan.document = fields.documentPath(value, key: "exit_plan.document") ?? ""
            case "reviewed": plan.reviewed = pastDate(value, key: "exit_plan.reviewed")
            case "tested": plan.tested = pastDate(value, key: "exit_plan.tested")
            case "triggers": plan.triggers = readTriggers(value)
            default: break
            }
        }
        return plan
    }

    /// A date of something done, with a warning when it lies after the evaluation date.
    private func pastDate(_ node: YAMLNode, key: String) -> Day? {
        let day = fields.date(node, key: key)
        if let day, let today, let warning = InventoryRules.futureDateWarning(day, key: key, today: today) {
            fields.warn(at: node, warning)
        }
        return day
    }

    private func readTriggers(_ node: YAMLNode) -> Set<ExitTrigger> {
        var triggers: Set<ExitTrigger> = []
        for item in fields.sequence(node, key: "exit_plan.triggers") ?? [] {
            guard let trigger = fields.enumeration(item, key: "exit_plan.triggers", as: ExitTrigger.self) else { continue }
            if !triggers.insert(trigger).inserted {
                fields.report(at: item, "exit_plan.triggers: \(trigger.rawValue) is listed twice")
            }
        }
        return triggers
    }

    private func readTerms(_ node: YAMLNode) -> Terms {
        var terms = Terms()
        guard let pairs = fields.mapping(node, what: "terms", allowed: Self.termsKeys) else { return terms }
        for (key, value) in pairs where !fields.isNull(value) {
            let name = "terms.\(key)"
            switch key {
            case "termination_assistance_months":
                terms.terminationAssistanceMonths = fields.integer(value, key: name, in: InventoryRules.months)
            case "assistance_rates_agreed": terms.assistanceRatesAgreed = fields.bool(value, key: name) ?? false
            case "information_lead_days":
                terms.informationLeadDays = fields.integer(value, key: name, in: 1...InventoryRules.days.upperBound)
            case "key_staff_retention": terms.keyStaffRetention = fields.bool(value, key: name) ?? false
            case "data_return_and_deletion": terms.dataReturnAndDeletion = fields.bool(value, key: name) ?? false
            case "license_transfer": terms.licenseTransfer = fields.bool(value, key: name) ?? false
            case "cooperation_duty": terms.cooperationDuty = fields.bool(value, key: name) ?? false
            default: break
            }
        }
        return terms
    }

    private func readIP(_ node: YAMLNode) -> [IPClass: IPOwner] {
        var ip: [IPClass: IPOwner] = [:]
        let classes = IPClass.allCases.map(\.rawValue)
        guard let pairs = fields.mapping(node, what: "ip", allowed: classes) else { return ip }
        for (key, value) in pairs where !fields.isNull(value) {
            if let ipClass = IPClass(rawValue: key), let owner = fields.enumeration(value, key: "ip.\(key)", as: IPOwner.self) {
                ip[ipClass] = owner
            }
        }
        return ip
    }

    private func readAlternatives(_ node: YAMLNode) -> [String] {
        (fields.sequence(node, key: "alternatives") ?? []).compactMap { fields.string($0, key: "alternatives", nonEmpty: true) }
    }

    private func readFinancialPlan(_ node: YAMLNode) -> FinancialPlan? {
        guard let pairs = fields.mapping(node, what: "financial_plan", allowed: Self.financialPlanKeys) else { return nil }
        var plan = FinancialPlan()
        for (key, value) in pairs where !fields.isNull(value) {
            switch key {
            case "document": plan.document = fields.documentPath(value, key: "financial_plan.document")
            case "double_run_cost_eur":
                plan.doubleRunCostEUR = fields.number(value, key: "financial_plan.double_run_cost_eur", minimum: 0)
            default: break
            }
        }
        return plan
    }

    /// The register of information block: every key but `substitutability_reason` required,
    /// the reason required where the substitutability needs one, a LEI with valid check digits.
    private func readRegister(_ node: YAMLNode) -> RegisterEntry? {
        guard let pairs = fields.mapping(node, what: "register", allowed: Self.registerKeys) else { return nil }
        fields.requireKeys(
            Self.registerKeys.filter { $0 != "substitutability_reason" }, in: pairs, of: node, what: "register")
        var reference: String?
        var providerCode: (code: String, node: YAMLNode)?
        var providerCodeType: RegisterEntry.ProviderCodeType?
        var ictServiceType: RegisterEntry.ICTServiceType?
        var substitutability: (value: RegisterEntry.Substitutability, node: YAMLNode)?
        var reason: RegisterEntry.SubstitutabilityReason?
        var reintegration: RegisterEntry.Reintegration?
        var impact: RegisterEntry.DiscontinuationImpact?
        for (key, value) in pairs where !fields.isNull(value) {
            let name = "register.\(key)"
            switch key {
            case "reference": reference = fields.string(value, key: name, nonEmpty: true)
            case "provider_code":
                providerCode = fields.string(value, key: name, nonEmpty: true).map { ($0, value) }
            case "provider_code_type":
                providerCodeType = fields.enumeration(value, key: name, as: RegisterEntry.ProviderCodeType.self)
            case "ict_service_type":
                ictServiceType = fields.enumeration(value, key: name, as: RegisterEntry.ICTServiceType.self)
            case "substitutability":
                substitutability = fields.enumeration(value, key: name, as: RegisterEntry.Substitutability.self)
                    .map { ($0, value) }
            case "substitutability_reason":
                reason = fields.enumeration(value, key: name, as: RegisterEntry.SubstitutabilityReason.self)
            case "reintegration":
                reintegration = fields.enumeration(value, key: name, as: RegisterEntry.Reintegration.self)
            case "discontinuation_impact":
                impact = fields.enumeration(value, key: name, as: RegisterEntry.DiscontinuationImpact.self)
            default: break
            }
        }
        if let providerCode, providerCodeType == .lei, !RegisterEntry.isValidLEI(providerCode.code) {
            fields.report(
                at: providerCode.node,
                "register.provider_code: \(quoted(providerCode.code)) is not a valid LEI; expected 18 "
                    + "upper-case letters or digits and 2 check digits that pass ISO 17442 (MOD 97-10)")
        }
        let reasonGiven = pairs.contains { $0.key == "substitutability_reason" && !fields.isNull($0.value) }
        if let substitutability, substitutability.value.needsReason, !reasonGiven {
            fields.report(
                at: substitutability.node,
                "register.substitutability_reason is required when substitutability is "
                    + "\(substitutability.value.rawValue); expected lack-of-alternatives, migration or both")
        }
        guard let reference, let providerCode, let providerCodeType, let ictServiceType, let substitutability,
            let reintegration, let impact
        else { return nil }
        return RegisterEntry(
            reference: reference, providerCode: providerCode.code, providerCodeType: providerCodeType,
            ictServiceType: ictServiceType, substitutability: substitutability.value, substitutabilityReason: reason,
            reintegration: reintegration, discontinuationImpact: impact)
    }

    private func readKPI(_ node: YAMLNode) -> [KPIPeriod] {
        var periods: [KPIPeriod] = []
        var previous: (period: String, node: YAMLNode)?
        for item in fields.sequence(node, key: "kpi") ?? [] {
            guard let pairs = fields.mapping(item, what: "a kpi entry", allowed: Self.kpiKeys) else { continue }
            fields.requireKeys(Self.kpiKeys, in: pairs, of: item, what: "the kpi entry")
            var period: String?
            var met: Int?
            var missed: Int?
            for (key, value) in pairs where !fields.isNull(value) {
                switch key {
                case "period": period = readPeriod(value)
                case "met": met = fields.integer(value, key: "kpi.met", in: InventoryRules.counts)
                case "missed": missed = fields.integer(value, key: "kpi.missed", in: InventoryRules.counts)
                default: break
                }
            }
            guard let period, let met, let missed else { continue }
            if let previous, period <= previous.period {
                fields.report(
                    at: item,
                    "kpi: period \(period) does not follow \(previous.period); "
                        + "list the periods once each, oldest first")
            }
            previous = (period, item)
            periods.append(KPIPeriod(period: period, met: met, missed: missed))
        }
        return periods
    }

    /// `YYYY-MM`.
    private func readPeriod(_ node: YAMLNode) -> String? {
        if case .scalar(let text, _) = node.kind, text.utf8.count == 7, Day(iso: text + "-01") != nil {
            return text
        }
        fields.report(at: node, "kpi.period: \(fields.describe(node)) is not a month; expected YYYY-MM")
        return nil
    }
}
