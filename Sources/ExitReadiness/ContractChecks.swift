/// The contract family (C01–C17): what the contract and its exit plan provide for.
struct ContractChecks {
    let contract: Contract
    let folder: ContractFolder?
    let today: Day

    func evaluate() -> FamilyResult {
        FamilyResult.fromChecks([
            exitPlanDocument(), exitPlanReviewed(), exitPlanTested(), triggers(), terminationAssistance(),
            clause(.c06, contract.terms.assistanceRatesAgreed, "No rates agreed in advance for exit-related extra work"),
            Check(code: .c07, points: 5, fraction: contract.terms.informationLeadDays == nil ? 0 : 1,
                  message: "No lead time agreed for the provider to deliver information"),
            clause(.c08, contract.terms.keyStaffRetention, "No clause keeps the provider's key staff on the account until the exit"),
            ipOwnership(),
            clause(.c10, contract.terms.dataReturnAndDeletion, "Data return and deletion at the exit is not agreed"),
            clause(.c11, contract.terms.licenseTransfer, "Licence transfer is not agreed"),
            clause(.c12, contract.terms.cooperationDuty, "The provider has no duty to cooperate and advise during the exit"),
            Check(code: .c13, points: 5, fraction: contract.alternatives.isEmpty ? 0 : 1,
                  message: "No alternative (insource or another provider) is identified"),
            financialPlan(),
            clause(.c15, contract.communicationPlan, "No communication plan for announcing the exit"),
            audit(),
            kpiHealth(),
        ])
    }

    /// True when C01 earns its points; without it the overall score is capped.
    var hasExitPlanDocument: Bool {
        folder?.documentExists(contract.exitPlan?.document) ?? false
    }

    private func exitPlanDocument() -> Check {
        let message: String
        if let document = contract.exitPlan?.document {
            message = "Exit plan document \(document) is not in the dataroom (or is empty)"
        } else {
            message = "The contract has no exit plan"
        }
        return Check(code: .c01, points: 20, fraction: hasExitPlanDocument ? 1 : 0, message: message)
    }

    private func exitPlanReviewed() -> Check {
        let reviewed = contract.exitPlan?.reviewed
        return Check(code: .c02, points: 10, fraction: recency(reviewed, limit: 365, today: today),
                     message: dated("Exit plan", "reviewed", reviewed, limit: 365))
    }

    private func exitPlanTested() -> Check {
        let tested = contract.exitPlan?.tested
        return Check(code: .c03, points: contract.criticality == .standard ? 5 : 10,
                     fraction: recency(tested, limit: 730, today: today),
                     message: dated("Exit plan", "tested", tested, limit: 730))
    }

    private func triggers() -> Check {
        let listed = contract.exitPlan?.triggers ?? []
        let missing = ExitTrigger.allCases.filter { !listed.contains($0) }.map(\.rawValue)
        return Check(code: .c04, points: 5, fraction: Double(listed.count) / 4,
                     message: "Exit triggers not defined: " + missing.joined(separator: ", "))
    }

    private func terminationAssistance() -> Check {
        let months = contract.terms.terminationAssistanceMonths
        let message = months.map { "Termination assistance covers \($0) of 6 months" }
            ?? "No termination assistance agreed"
        return Check(code: .c05, points: 10, fraction: Double(min(months ?? 0, 6)) / 6, message: message)
    }

    private func ipOwnership() -> Check {
        var credit = 0.0
        var unsettled: [String] = []
        for ipClass in IPClass.allCases {
            let owner = contract.ip[ipClass] ?? .unclear
            credit += owner.credit
            if owner.credit < 1 { unsettled.append("\(ipClass.rawValue) (\(owner.rawValue))") }
        }
        return Check(code: .c09, points: 10, fraction: credit / Double(IPClass.allCases.count),
                     message: "IP not owned by the client or shared: " + unsettled.joined(separator: ", "))
    }

    private func financialPlan() -> Check {
        let plan = contract.financialPlan
        let hasDocument = folder?.documentExists(plan?.document) ?? false
        let hasCost = plan?.doubleRunCostEUR != nil
        let message: String
        switch (hasDocument, hasCost) {
        case (false, false): message = "No financial exit plan"
        case (false, true): message = "The financial exit plan document is not in the dataroom"
        default: message = "The double running cost of the exit is not estimated"
        }
        let fraction = hasDocument && hasCost ? 1 : (hasDocument || hasCost ? 0.5 : 0)
        return Check(code: .c14, points: 5, fraction: fraction, message: message)
    }

    private func audit() -> Check {
        Check(code: .c16, points: 5, fraction: recency(contract.lastAudit, limit: 365, today: today),
              message: dated("Independent audit", "done", contract.lastAudit, limit: 365))
    }

    private func kpiHealth() -> Check {
        let recent = contract.kpi.suffix(6)
        let met = recent.reduce(0) { $0 + $1.met }
        let total = recent.reduce(0) { $0 + $1.met + $1.missed }
        guard total > 0 else {
            return Check(code: .c17, points: 5, fraction: 0.5, message: "No KPI results recorded")
        }
        let ratio = Double(met) / Double(total)
        let fraction: Double
        if ratio >= 0.95 {
            fraction = 1
        } else if ratio <= 0.75 {
            fraction = 0
        } else {
            fraction = (ratio - 0.75) / 0.20
        }
        let percent = roundHalfAwayFromZero(ratio * 100, decimals: 1)
        return Check(code: .c17, points: 5, fraction: fraction,
                     message: "KPIs met \(met) of \(total) times (\(percent)%) over the last \(recent.count) months")
    }

    private func clause(_ code: FindingCode, _ agreed: Bool, _ message: String) -> Check {
        Check(code: code, points: 5, fraction: agreed ? 1 : 0, message: message)
    }

    private func dated(_ what: String, _ verb: String, _ day: Day?, limit: Int) -> String {
        guard let day else { return "\(what) never \(verb)" }
        return "\(what) last \(verb) \(day.iso), \(max(0, today.days(since: day))) days ago (limit \(limit))"
    }
}
