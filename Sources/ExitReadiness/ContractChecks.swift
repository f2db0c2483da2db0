/// The contract family (C01–C17): what the contract and its exit plan provide for.
struct ContractChecks {
    let contract: Contract
    let folder: ContractFolder?
    let today: Day

    func evaluate() -> FamilyResult {
        FamilyResult.fromChecks([
            exitPlanDocument(), exitPlanReviewed(), exitPlanTested(), triggers(), terminationAssistance(),
            clause(.c06, contract.terms.assistanceRatesAgreed, "No rates agreed in advance for exit-related extra work"),
            clause(
                .c07, contract.terms.informationLeadDays != nil, "No lead time agreed for the provider to deliver information"),
            clause(
                .c08, contract.terms.keyStaffRetention, "No clause keeps the provider's key staff on the account until the exit"),
            ipOwnership(),
            clause(.c10, contract.terms.dataReturnAndDeletion, "Data return and deletion at the exit is not agreed"),
            clause(.c11, contract.terms.licenseTransfer, "Licence transfer is not agreed"),
            clause(.c12, contract.terms.cooperationDuty, "The provider has no duty to cooperate and advise during the exit"),
            clause(.c13, !contract.alternatives.isEmpty, "No alternative (insource or another provider) is identified"),
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
        let detail: FindingDetail =
            contract.exitPlan.map { .exitPlanDocumentMissing(path: $0.document) }
            ?? .text("The contract has no exit plan")
        return Check(code: .c01, points: 20, fraction: hasExitPlanDocument ? 1 : 0, detail: detail)
    }

    private func exitPlanReviewed() -> Check {
        let reviewed = contract.exitPlan?.reviewed
        return Check(
            code: .c02, points: 10, fraction: recency(reviewed, limit: 365, today: today),
            detail: dated(.exitPlanReview, reviewed, limit: 365))
    }

    private func exitPlanTested() -> Check {
        let tested = contract.exitPlan?.tested
        return Check(
            code: .c03, points: contract.criticality == .standard ? 5 : 10,
            fraction: recency(tested, limit: 730, today: today), detail: dated(.exitPlanTest, tested, limit: 730))
    }

    private func triggers() -> Check {
        let listed = contract.exitPlan?.triggers ?? []
        return Check(code: .c04, points: 5, fraction: Double(listed.count) / 4, detail: .triggersMissing(listed: listed))
    }

    private func terminationAssistance() -> Check {
        let months = contract.terms.terminationAssistanceMonths
        return Check(
            code: .c05, points: 10, fraction: Double(min(months ?? 0, 6)) / 6,
            detail: .terminationAssistance(months: months))
    }

    private func ipOwnership() -> Check {
        let credit = IPClass.allCases.reduce(0.0) { $0 + (contract.ip[$1] ?? .unclear).credit }
        return Check(
            code: .c09, points: 10, fraction: credit / Double(IPClass.allCases.count),
            detail: .ipUnsettled(contract.ip))
    }

    private func financialPlan() -> Check {
        let plan = contract.financialPlan
        let hasDocument = folder?.documentExists(plan?.document) ?? false
        let hasCost = plan?.doubleRunCostEUR != nil
        let fraction = hasDocument && hasCost ? 1 : (hasDocument || hasCost ? 0.5 : 0)
        return Check(
            code: .c14, points: 5, fraction: fraction,
            detail: .financialPlan(hasDocument: hasDocument, hasCost: hasCost))
    }

    private func audit() -> Check {
        Check(
            code: .c16, points: 5, fraction: recency(contract.lastAudit, limit: 365, today: today),
            detail: dated(.audit, contract.lastAudit, limit: 365))
    }

    private func kpiHealth() -> Check {
        let recent = contract.kpi.suffix(6)
        let met = recent.reduce(0) { $0 + $1.met }
        let total = recent.reduce(0) { $0 + $1.met + $1.missed }
        guard total > 0 else {
            return Check(code: .c17, points: 5, fraction: 0.5, detail: .text("No KPI results recorded"))
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
        return Check(code: .c17, points: 5, fraction: fraction, detail: .kpi(met: met, total: total, periods: recent.count))
    }

    private func clause(_ code: FindingCode, _ agreed: Bool, _ missing: String) -> Check {
        Check(code: code, points: 5, fraction: agreed ? 1 : 0, detail: .text(missing))
    }

    private func dated(_ activity: FindingDetail.DatedActivity, _ day: Day?, limit: Int) -> FindingDetail {
        .dated(activity, day: day, age: day.map { max(0, today.days(since: $0)) } ?? 0, limit: limit)
    }
}
