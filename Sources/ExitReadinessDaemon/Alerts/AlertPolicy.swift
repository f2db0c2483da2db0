import ExitReadiness
import ExitReadinessStore

/// Decides which alerts an evaluation raises (exitreadyd(8), ALERTS), from the state the previous one left.
///
/// Pure: the same state and evaluation always give the same alerts, and the state it returns is
/// stored with them, so that a restart neither repeats nor forgets an alert.
public struct AlertPolicy: Sendable {
    /// Points below the peak since the last alert that raise a score-drop alert.
    public var dropThreshold: Double
    /// Days ahead in which a forecast fall of a band is alerted; 0: never.
    public var forecastWindowDays: Int

    public init(dropThreshold: Double, forecastWindowDays: Int = 30) {
        self.dropThreshold = dropThreshold
        self.forecastWindowDays = forecastWindowDays
    }

    /// The portfolio's key in `AlertState.baselines`.
    static let portfolioKey = ""

    public func alerts(for evaluation: Evaluation, state previous: AlertState, at time: Double) -> ([AlertRecord], AlertState) {
        var state = previous
        var alerts: [AlertRecord] = []
        var seen: Set<String> = [Self.portfolioKey]
        var overdue: Set<String> = []
        for (index, contract) in evaluation.contracts.enumerated() {
            seen.insert(contract.id)
            alerts += overdueActionAlerts(contract, today: evaluation.evaluated, state: &state, overdue: &overdue, at: time)
            guard contract.status == .active else { continue }
            let subject = Subject(
                key: contract.id, score: contract.roundedScore, band: contract.band,
                findings: topCodes(contract.findings))
            alerts += scoreAlerts(subject, state: &state, at: time)
            alerts += noticeAlert(contract, state: &state, at: time)
            if index < evaluation.forecasts.count {
                alerts += forecastAlert(evaluation.forecasts[index], state: &state, at: time)
            }
        }
        if let score = evaluation.portfolio.roundedScore, let band = evaluation.portfolio.band {
            let weakest = evaluation.portfolio.weakest.flatMap(evaluation.contract(withID:))
            let subject = Subject(key: Self.portfolioKey, score: score, band: band, findings: topCodes(weakest?.findings ?? []))
            alerts += scoreAlerts(subject, state: &state, at: time)
        }
        // Contracts gone from the inventory leave no baseline behind, actions no longer overdue no key.
        state.baselines = state.baselines.filter { seen.contains($0.key) }
        state.overdueActions = overdue
        return (alerts, state)
    }

    /// What score alerts look at: a contract or the portfolio.
    private struct Subject {
        var key: String
        var score: Double
        var band: Band
        var findings: [String]

        var isPortfolio: Bool { key == AlertPolicy.portfolioKey }
        var name: String { isPortfolio ? "The portfolio" : "Contract \(key)" }
    }

    /// Band falls and rises, and score drops within a band.
    private func scoreAlerts(_ subject: Subject, state: inout AlertState, at time: Double) -> [AlertRecord] {
        guard var baseline = state.baselines[subject.key] else {
            // The first evaluation sets the baseline.
            state.baselines[subject.key] = AlertState.Baseline(band: subject.band, score: subject.score, peak: subject.score)
            return []
        }
        defer {
            baseline.band = subject.band
            baseline.score = subject.score
            state.baselines[subject.key] = baseline
        }
        let previousBand = baseline.band
        func alert(_ kind: AlertKind, _ priority: AlertPriority, _ message: String) -> [AlertRecord] {
            baseline.peak = subject.score
            return [
                AlertRecord(
                    at: time, kind: kind, priority: priority, scope: subject.isPortfolio ? .portfolio : .contract,
                    contract: subject.isPortfolio ? nil : subject.key, score: subject.score, previousScore: baseline.score,
                    band: subject.band, previousBand: previousBand, findings: subject.findings,
                    message: message)
            ]
        }
        let change = "\(DecimalText.score(baseline.score)) → \(DecimalText.score(subject.score))"
        let top = subject.findings.isEmpty ? "" : "; top findings \(subject.findings.joined(separator: " "))"
        if subject.band > previousBand {
            return alert(
                .bandDropped, subject.band == .notReady ? .crit : .warning,
                "\(subject.name) fell from \(previousBand.rawValue) to \(subject.band.rawValue) (\(change))\(top)")
        }
        if subject.band < previousBand {
            return alert(
                .bandRecovered, .info,
                "\(subject.name) rose from \(previousBand.rawValue) to \(subject.band.rawValue) (\(change))")
        }
        if baseline.peak - subject.score >= dropThreshold - 1e-9 {
            return alert(
                .scoreDropped, .warning,
                "\(subject.name) dropped \(DecimalText.score(baseline.peak - subject.score)) "
                    + "points to \(DecimalText.score(subject.score)) (peak \(DecimalText.score(baseline.peak)) since the last alert), "
                    + "still \(subject.band.rawValue)\(top)")
        }
        baseline.peak = max(baseline.peak, subject.score)
        return []
    }

    /// T01: once when the notice window is entered, once more for the critical window, per deadline.
    private func noticeAlert(_ contract: ContractScore, state: inout AlertState, at time: Double) -> [AlertRecord] {
        guard var baseline = state.baselines[contract.id] else { return [] }
        let deadline = contract.noticeDeadline.iso
        if baseline.noticeDeadline != deadline {
            baseline.noticeDeadline = deadline
            baseline.noticeStage = 0
        }
        let finding = contract.findings.first { $0.code == .t01 }
        let stage = finding.map { $0.severity == .critical ? 2 : 1 } ?? 0
        defer { state.baselines[contract.id] = baseline }
        guard stage > baseline.noticeStage, let finding else { return [] }
        baseline.noticeStage = stage
        return [
            AlertRecord(
                at: time, kind: .noticeDeadline, priority: stage == 2 ? .crit : .warning,
                scope: .contract, contract: contract.id, score: contract.roundedScore,
                band: contract.band, findings: topCodes(contract.findings),
                message: "Contract \(contract.id): \(finding.message)")
        ]
    }

    /// forecast-drop: once per contract, date and band, when the forecast shows the band falling
    /// within the window. The findings are codes only: staff subjects are person ids.
    private func forecastAlert(_ forecast: ContractForecast, state: inout AlertState, at time: Double) -> [AlertRecord] {
        guard forecastWindowDays > 0, var baseline = state.baselines[forecast.contract],
            let drop = forecast.firstDrop(within: forecastWindowDays)
        else { return [] }
        let key = "\(drop.day.iso) \(drop.band.rawValue)"
        guard baseline.forecastDrop != key else { return [] }
        baseline.forecastDrop = key
        state.baselines[forecast.contract] = baseline
        var codes: [String] = []
        for finding in drop.appeared + drop.worsened where !codes.contains(finding.code.rawValue) {
            codes.append(finding.code.rawValue)
        }
        let days = drop.day.days(since: forecast.today)
        let cause = codes.isEmpty ? "" : " (\(codes.joined(separator: " ")))"
        return [
            AlertRecord(
                at: time, kind: .forecastDrop, priority: .warning, scope: .contract, contract: forecast.contract,
                band: drop.band, findings: codes, forecastDate: drop.day,
                message:
                    "Contract \(forecast.contract) will fall to \(drop.band.rawValue) on \(drop.day.iso), in \(days) "
                    + "day\(days == 1 ? "" : "s"), if nothing is done\(cause)")
        ]
    }

    /// A01: once per row of the action register and due date, while the row stays overdue. The
    /// journal gets `CODE/SUBJECT`, or for staff findings the code alone: never a person id.
    private func overdueActionAlerts(
        _ contract: ContractScore, today: Day, state: inout AlertState, overdue: inout Set<String>, at time: Double
    ) -> [AlertRecord] {
        var alerts: [AlertRecord] = []
        for finding in contract.findings {
            guard let action = finding.action, action.state == .open, let due = action.due, due < today else { continue }
            // Contract id, code and date hold no space: the subject, anything, comes last.
            let key = [contract.id, action.code.rawValue, due.iso, action.subject ?? ""].joined(separator: " ")
            overdue.insert(key)
            guard !state.overdueActions.contains(key) else { continue }
            let name = finding.family == .staff ? action.code.rawValue : action.reference
            alerts.append(
                AlertRecord(
                    at: time, kind: .actionOverdue, priority: .warning, scope: .contract, contract: contract.id,
                    action: name,
                    message: "Contract \(contract.id): the action on \(name) was due \(due.iso) and the finding persists (A01)"))
        }
        return alerts
    }

    /// The codes of the findings that cost the most, without repeats, at most three; accepted
    /// findings are left out.
    private func topCodes(_ findings: [Finding]) -> [String] {
        var codes: [String] = []
        for finding in findings where finding.impact > 0 && !finding.isAccepted && !codes.contains(finding.code.rawValue) {
            codes.append(finding.code.rawValue)
            if codes.count == 3 { break }
        }
        return codes
    }
}
