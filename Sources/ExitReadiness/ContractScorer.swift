/// Scores one contract: the four families, the overall score with its cap, the timeline and
/// every finding with its impact.
public struct ContractScorer: Sendable {
    public let policy: ScoringPolicy
    public let checklist: Checklist
    public let today: Day
    /// The local calendar date of a file modification time (seconds since the epoch).
    public let localDay: @Sendable (Int64) -> Day
    /// Person-days per finding code, for each contract's effort to ready.
    public let effort: EffortTable

    /// Without a document for the exit plan (C01), no contract scores above this.
    public static let noExitPlanCap = 40.0

    public init(
        policy: ScoringPolicy, checklist: Checklist, today: Day, localDay: @escaping @Sendable (Int64) -> Day,
        effort: EffortTable = EffortTable()
    ) {
        self.policy = policy
        self.checklist = checklist
        self.today = today
        self.localDay = localDay
        self.effort = effort
    }

    /// The same scorer on another day.
    func on(_ day: Day) -> ContractScorer {
        ContractScorer(policy: policy, checklist: checklist, today: day, localDay: localDay, effort: effort)
    }

    /// The dataroom checks of a contract: its files matched to the checklist once, to be graded
    /// on any day.
    func dataroomChecks(for contract: Contract, folder: ContractFolder?) -> DataroomChecks {
        DataroomChecks(criticality: contract.criticality, folder: folder, checklist: checklist, localDay: localDay)
    }

    public func score(
        _ contract: Contract, staff: [StaffMember], processes: [ProcessRecord],
        folder: ContractFolder?
    ) -> ContractScore {
        score(
            contract, staff: staff, processes: processes, folder: folder,
            dataroom: dataroomChecks(for: contract, folder: folder))
    }

    func score(
        _ contract: Contract, staff: [StaffMember], processes: [ProcessRecord],
        folder: ContractFolder?, dataroom dataroomChecks: DataroomChecks
    ) -> ContractScore {
        let timeline = ExitTimeline(contract: contract, today: today)
        let exitHorizon = timeline.termEnd.adding(months: contract.terms.terminationAssistanceMonths ?? 0)
        let contractChecks = ContractChecks(contract: contract, folder: folder, today: today)
        let results: [(Family, FamilyResult)] = [
            (.contract, contractChecks.evaluate()),
            (.dataroom, dataroomChecks.evaluate(on: today)),
            (.processes, ProcessChecks(processes: processes, folder: folder, today: today).evaluate()),
            (.staff, StaffChecks(staff: staff).evaluate(on: today, exitHorizon: exitHorizon)),
        ]
        let uncapped = uncappedScore(results.map(\.1.score))
        let capped = contractChecks.hasExitPlanDocument ? uncapped : min(uncapped, Self.noExitPlanCap)
        let totalWeight = policy.totalWeight

        var findings: [Finding] = []
        for (family, result) in results {
            let share = 100 * policy.weight(of: family) / totalWeight
            for loss in result.losses {
                let gain = share * loss.lost / result.totalPoints
                let impact = loss.code == .c01 ? gain + uncapped - capped : gain
                findings.append(
                    Finding(
                        code: loss.code, subject: loss.subject,
                        severity: severity(of: loss), impact: impact, gain: gain, detail: loss.detail))
            }
        }
        for file in dataroomChecks.exposedFiles() {
            let path = file.displayPath
            findings.append(
                Finding(
                    code: .d90, subject: path, severity: .security, impact: 0,
                    detail: .worldReadable(path: path, mode: file.mode)))
        }

        let status = status(of: contract)
        let band = policy.band(forRoundedScore: roundHalfAwayFromZero(capped, decimals: 1))
        if let deadline = noticeDeadlineFinding(timeline, status: status, band: band) {
            findings.append(deadline)
        }
        if let register = Self.contradictedRegister(contract, band: band) {
            findings.append(Self.easyExitFinding(register))
        }
        // Sort positions in the order of `Finding.reportOrder`, on keys taken out once: a
        // comparison of two findings copied both, retaining and releasing their strings, and a
        // contract can have hundreds.
        let keys = findings.map { (impact: $0.roundedImpact, key: FindingKey(code: $0.code, subject: $0.subject)) }
        let order = keys.indices.sorted { lhs, rhs in
            keys[lhs].impact != keys[rhs].impact ? keys[lhs].impact > keys[rhs].impact : keys[lhs].key < keys[rhs].key
        }
        findings = order.map { findings[$0] }

        let family = Dictionary(uniqueKeysWithValues: results.map { ($0.0, $0.1.score) })
        var score = ContractScore(
            id: contract.id, supplier: contract.supplier, service: contract.service,
            criticality: contract.criticality, status: status, score: capped, uncappedScore: uncapped, band: band,
            families: FamilyScores(
                contract: family[.contract]!, dataroom: family[.dataroom]!,
                processes: family[.processes]!, staff: family[.staff]!),
            termEnd: timeline.termEnd, noticeDeadline: timeline.noticeDeadline, exitHorizon: exitHorizon,
            findings: findings, register: contract.register, lastAudit: contract.lastAudit,
            alternatives: contract.alternativesGiven ? contract.alternatives : nil)
        score.effortToReady = ContractPlanner(policy: policy, effort: effort).effortToReady(score)
        return score
    }

    /// `Σ W·family / Σ W` of the four family scores, in the order of `Family.scored`.
    func uncappedScore(_ familyScores: [Double]) -> Double {
        var uncapped = 0.0
        for (family, score) in zip(Family.scored, familyScores) { uncapped += policy.weight(of: family) * score }
        return uncapped / policy.totalWeight
    }

    /// Ended once its end has passed without renewal; still scored, but out of the portfolio.
    func status(of contract: Contract) -> ContractStatus {
        contract.renewalMonths == 0 && contract.end < today ? .ended : .active
    }

    private func severity(of loss: Loss) -> Severity {
        switch loss.code {
        case .c01, .d00, .p00, .p04, .s00: .critical
        default: loss.fraction == 0 ? .warning : .info
        }
    }

    /// The contract's register entry when it calls the exit easy while the band is not-ready (R01).
    static func contradictedRegister(_ contract: Contract, band: Band) -> RegisterEntry? {
        guard let register = contract.register, register.declaresEasyExit, band == .notReady else { return nil }
        return register
    }

    /// R01: the register calls the exit easy while the measured readiness says not-ready.
    private static func easyExitFinding(_ register: RegisterEntry) -> Finding {
        let easy =
            [
                register.substitutability == .easy ? "substitutability" : nil,
                register.reintegration == .easy ? "reintegration" : nil,
            ]
            .compactMap { $0 }.joined(separator: " and ")
        return Finding(
            code: .r01, severity: .warning, impact: 0,
            detail: .text("The register declares \(easy) easy, but the contract is not-ready"))
    }

    /// T01: an active contract that is not ready while its notice deadline is near.
    func noticeDeadlineFinding(_ timeline: ExitTimeline, status: ContractStatus, band: Band) -> Finding? {
        let daysLeft = timeline.noticeDeadline.days(since: today)
        guard status == .active, band != .ready, daysLeft <= policy.noticeWindowDays else { return nil }
        return Finding(
            code: .t01, severity: daysLeft <= policy.criticalNoticeWindowDays ? .critical : .warning, impact: 0,
            detail: .noticeDeadline(
                deadline: timeline.noticeDeadline, daysLeft: daysLeft,
                termEnd: timeline.termEnd, band: band))
    }
}
