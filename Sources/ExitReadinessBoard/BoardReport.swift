import ExitReadiness
import ExitReadinessReport
import Mustache

/// The report for a board or an auditor, as one self-contained HTML5 page: cover, portfolio
/// trend, deadlines, contracts, changes, a section per contract, appendix. It renders the
/// documents the daemon or an offline evaluation gives (a `GetScores` summary, `GetContract`
/// contracts, plans, history, alerts, changes); members it does not know are ignored.
public struct BoardReport {
    /// What the report can say about changes over its window.
    public enum Changes {
        /// Made offline: there is no history to compare with.
        case offline
        /// The daemon gave none; the reason is printed.
        case unavailable(String)
        /// A `GetChanges` reply.
        case available(JSONValue)
    }

    /// The scoring in force, for the appendix and the thresholds drawn in the charts.
    public struct Scoring {
        public var weights: (contract: Double, dataroom: Double, processes: Double, staff: Double)
        public var ready: Double
        public var atRisk: Double
        public var noticeWindowDays: Int
        public var criticalNoticeWindowDays: Int

        public init(_ policy: ScoringPolicy) {
            weights = (policy.contractWeight, policy.dataroomWeight, policy.processesWeight, policy.staffWeight)
            ready = policy.readyThreshold
            atRisk = policy.atRiskThreshold
            noticeWindowDays = policy.noticeWindowDays
            criticalNoticeWindowDays = policy.criticalNoticeWindowDays
        }
    }

    /// The cover's title.
    public var title: String
    /// Where the figures come from, in words ("exitreadyd at /run/…", "the inventory … offline").
    public var source: String
    /// The `GetScores` reply (or `check --summary --json`); its `provenance`, when present, is shown.
    public var summary: JSONValue
    /// The first day of the window of trend and changes.
    public var since: Day
    public var scoring: Scoring
    /// The `Contract` documents of the contracts that get a section, in the order of the sections.
    public var sections: [JSONValue] = []
    /// How many not-ready contracts have no section because of the limit.
    public var sectionsLeftOut = 0
    /// A `ContractPlan` per contract id.
    public var plans: [String: JSONValue] = [:]
    /// The portfolio's daily `HistoryEntry`s (any order); nil: made offline, no trend.
    public var portfolioHistory: [JSONValue]?
    /// The daily `HistoryEntry`s per contract id, for the sections' trends.
    public var contractHistory: [String: [JSONValue]] = [:]
    /// `Alert`s raised in the window.
    public var alerts: [JSONValue] = []
    public var changes: Changes = .offline
    /// The portfolio's forecast over the next year (`portfolio` of the forecast document); nil
    /// when the daemon gave none.
    public var forecast: JSONValue?

    /// The rows of one deadlines figure at most: 40 rows and a caption take most of an A4 page,
    /// so that printed, no figure is cut across two pages.
    static let deadlineRowsPerFigure = 40

    public init(title: String, source: String, summary: JSONValue, since: Day, scoring: Scoring) {
        self.title = title
        self.source = source
        self.summary = summary
        self.since = since
        self.scoring = scoring
    }

    /// The contracts that get a section: those `named` (in that order), every one with `all`,
    /// else the active not-ready ones, weakest first, at most `limit`; and how many not-ready
    /// ones the limit left out.
    public static func sectionIDs(_ summary: JSONValue, named: [String], all: Bool, limit: Int) -> (ids: [String], leftOut: Int) {
        let contracts = ordered(summary["contracts"]?.arrayValue ?? [])
        if !named.isEmpty { return (named, 0) }
        if all { return (contracts.compactMap { $0["id"]?.stringValue }, 0) }
        let notReady = contracts.filter { $0["band"]?.stringValue == "not-ready" && $0["status"]?.stringValue == "active" }
        return (notReady.prefix(max(limit, 0)).compactMap { $0["id"]?.stringValue }, max(notReady.count - max(limit, 0), 0))
    }

    /// Not-ready first, then at-risk, then ready, each by score ascending, then by id.
    static func ordered(_ contracts: [JSONValue]) -> [JSONValue] {
        contracts.sorted { left, right in
            let a = (ReportBand(left["band"]?.stringValue).rank, left["score"]?.doubleValue ?? 0)
            let b = (ReportBand(right["band"]?.stringValue).rank, right["score"]?.doubleValue ?? 0)
            if a != b { return a < b }
            return (left["id"]?.stringValue ?? "") < (right["id"]?.stringValue ?? "")
        }
    }

    /// The page.
    public func html() -> String {
        var library = MustacheLibrary()
        for (name, text) in BoardReportTemplate.partials {
            // The templates are constants of this module; a syntax error in them is a bug caught by every test.
            try! library.register(text, named: name)
        }
        try! library.register(BoardReportTemplate.page, named: "page")
        return library.render(context(), withTemplate: "page") ?? ""
    }

    /// The whole mustache context.
    func context() -> [String: Any] {
        let evaluated = Day(iso: summary["evaluated"]?.stringValue ?? "") ?? since
        let contracts = Self.ordered(summary["contracts"]?.arrayValue ?? [])
        let changedScores = scoreChanges()
        var anchors: [String: String] = [:]
        for (index, section) in sections.enumerated() {
            if let id = section["id"]?.stringValue { anchors[id] = "contract-\(index + 1)" }
        }
        var context: [String: Any] = [
            "title": title, "source": source, "evaluated": evaluated.iso, "since": since.iso,
            "provenance": ReportProvenance.context(summary["provenance"]),
            "contracts": contracts.map { row($0, anchor: anchors[$0["id"]?.stringValue ?? ""], change: changedScores) },
            "sections": sections.map { section($0, anchor: anchors[$0["id"]?.stringValue ?? ""] ?? "", evaluated: evaluated) },
            "sectionsNote": sectionsNote,
            "weights": weightsText, "ready": DecimalText.fixed(scoring.ready, 1), "atRisk": DecimalText.fixed(scoring.atRisk, 1),
            "noticeWindow": scoring.noticeWindowDays, "criticalNoticeWindow": scoring.criticalNoticeWindowDays,
        ]
        if sectionsLeftOut > 0 {
            context["moreSections"] =
                "\(sectionsLeftOut) more not-ready contract\(sectionsLeftOut == 1 ? " has" : "s have") no section "
                + "in this report (--sections N or --all to include them)."
        }
        context.merge(cover(contracts), uniquingKeysWith: { $1 })
        context.merge(trendPart(evaluated: evaluated), uniquingKeysWith: { $1 })
        context.merge(forecastPart(contracts, evaluated: evaluated), uniquingKeysWith: { $1 })
        context.merge(deadlinesPart(contracts, today: evaluated), uniquingKeysWith: { $1 })
        context.merge(changesPart(), uniquingKeysWith: { $1 })
        return context
    }

    private var weightsText: String {
        let w = scoring.weights
        return [("contract", w.contract), ("dataroom", w.dataroom), ("processes", w.processes), ("staff", w.staff)]
            .map { "\($0.0) \(DecimalText.fixed($0.1, 0))" }.joined(separator: ", ")
    }

    private var sectionsNote: String {
        if sections.isEmpty { return "No contract needs a section: none is not ready." }
        return
            "\(sections.count) contract\(sections.count == 1 ? "" : "s") in detail, each with its plan to ready and its findings."
            + (sectionsLeftOut > 0 ? " \(sectionsLeftOut) more not-ready contracts are left out (--sections N or --all)." : "")
    }

    // MARK: Cover

    private func cover(_ contracts: [JSONValue]) -> [String: Any] {
        let portfolio = summary["portfolio"]
        var context: [String: Any] = [:]
        var headline = ReportBand(portfolio?["band"]?.stringValue).context
        headline["score"] = portfolio?["score"]?.doubleValue.map { DecimalText.fixed($0, 1) } ?? "—"
        headline["activeContracts"] = portfolio?["active_contracts"]?.intValue ?? 0
        context["portfolio"] = headline
        let active = contracts.filter { $0["status"]?.stringValue == "active" }
        context["bandCounts"] = ["not-ready", "at-risk", "ready"].map { name in
            var card = ReportBand(name).context
            card["count"] = active.filter { $0["band"]?.stringValue == name }.count
            return card
        }
        let efforts = active.map { $0["effort_to_ready"] }
        let total = efforts.compactMap { $0?.doubleValue }.reduce(0, +)
        context["totalEffort"] = DecimalText.fixed(total, 1)
        let unreachable = efforts.filter { $0 == nil || $0 == .null }.count
        if unreachable > 0 { context["unreachable"] = unreachable }
        let notReady = active.filter { $0["band"]?.stringValue == "not-ready" }.compactMap { $0["id"]?.stringValue }
        if !notReady.isEmpty {
            let shown = notReady.prefix(20)
            var names: [[String: Any]] = shown.enumerated().map { ["name": $0.element, "last": $0.offset == shown.count - 1] }
            if notReady.count > shown.count {
                names[names.count - 1]["last"] = false
                names.append(["name": "and \(notReady.count - shown.count) more", "last": true])
            }
            context["notReadyMessage"] = ["count": notReady.count, "contracts": names]
        }
        if summary["dataroom_stale"]?.boolValue == true {
            context["stale"] =
                "The dataroom could not be read at this evaluation: its scores are carried over from the scan of "
                + "\(summary["dataroom_scanned_at"]?.stringValue ?? "an unknown time")."
        }
        return context
    }

    // MARK: Trend

    private func trendPart(evaluated: Day) -> [String: Any] {
        guard let portfolioHistory else {
            return ["noTrend": "No trend: this report was made offline from the inventory, without the daemon's history."]
        }
        let points = Self.points(portfolioHistory, from: since)
        guard !points.isEmpty else { return ["noTrend": "No stored evaluations of the portfolio since \(since.iso)."] }
        let alertDays = Set(alerts.compactMap { $0["at"]?.stringValue.flatMap { Day(iso: $0.prefix(10)) } })
            .filter { $0 >= since && $0 <= evaluated }.sorted()
        let svg = ReportCharts.trend(
            points, from: since, to: evaluated, ready: scoring.ready, atRisk: scoring.atRisk, alertDays: alertDays,
            label: "Daily portfolio score from \(since.iso) to \(evaluated.iso)")
        var summary = Self.trendSentence(points, subject: "The portfolio score")
        summary +=
            alertDays.isEmpty
            ? " No alerts in the window."
            : " Alerts were raised on \(alertDays.count) day\(alertDays.count == 1 ? "" : "s"): "
                + alertDays.prefix(30).map(\.iso).joined(separator: ", ") + (alertDays.count > 30 ? ", …" : "") + "."
        return ["trend": ["svg": svg, "from": since.iso, "to": evaluated.iso, "summary": summary]]
    }

    /// The portfolio score on the days ahead if nothing is done, drawn as steps, and in words
    /// the contracts whose band will change.
    private func forecastPart(_ contracts: [JSONValue], evaluated: Day) -> [String: Any] {
        guard let forecast, let today = forecast["score"]?.doubleValue else { return [:] }
        let end = evaluated.adding(days: 365)
        var points = [ReportCharts.Point(day: evaluated, score: today)]
        var last = today
        for change in forecast["changes"]?.arrayValue ?? [] {
            guard let day = change["day"]?.stringValue.flatMap({ Day(iso: $0) }) else { continue }
            points.append(ReportCharts.Point(day: day.adding(days: -1), score: last))
            last = change["score"]?.doubleValue ?? last
            points.append(ReportCharts.Point(day: day, score: last))
        }
        points.append(ReportCharts.Point(day: end, score: last))
        let svg = ReportCharts.trend(
            points, from: evaluated, to: end, ready: scoring.ready, atRisk: scoring.atRisk, alertDays: [],
            label: "Forecast portfolio score from \(evaluated.iso) to \(end.iso) if nothing is done")
        let f = { (value: Double) in DecimalText.fixed(value, 1) }
        var summary =
            "If nothing is done, the portfolio score goes from \(f(today)) today to \(f(last)) on \(end.iso)"
        if let change = forecast["next_band_change"], let day = change["day"]?.stringValue {
            summary += "; its band changes to \(change["band"]?.stringValue ?? "?") on \(day)"
        }
        summary += "."
        let changing = contracts.compactMap { contract -> (day: String, text: String)? in
            guard let change = contract["next_band_change"], let day = change["day"]?.stringValue else { return nil }
            return (day, "\(contract["id"]?.stringValue ?? "?") to \(change["band"]?.stringValue ?? "?") on \(day)")
        }
        .sorted { $0.day < $1.day }
        summary +=
            changing.isEmpty
            ? " No contract changes band within the year."
            : " \(changing.count) contract\(changing.count == 1 ? " changes" : "s change") band within the year: "
                + changing.prefix(30).map(\.text).joined(separator: "; ") + (changing.count > 30 ? "; …" : "") + "."
        return [
            "forecast": [
                "svg": svg, "summary": summary,
                "caption": "Forecast portfolio score, \(evaluated.iso) to \(end.iso), if nothing is done",
            ]
        ]
    }

    /// The entries on or after `from`, oldest first, one per day.
    static func points(_ entries: [JSONValue], from: Day) -> [ReportCharts.Point] {
        var byDay: [Day: Double?] = [:]
        for entry in entries {
            guard let day = entry["day"]?.stringValue.flatMap({ Day(iso: $0) }), day >= from else { continue }
            byDay[day] = entry["score"]?.doubleValue
        }
        return byDay.keys.sorted().map { ReportCharts.Point(day: $0, score: byDay[$0] ?? nil) }
    }

    /// First and last score, the lowest and the highest, in a sentence.
    static func trendSentence(_ points: [ReportCharts.Point], subject: String) -> String {
        let scored = points.compactMap { point in point.score.map { (day: point.day, score: $0) } }
        guard let first = scored.first, let last = scored.last,
            let low = scored.min(by: { $0.score < $1.score }), let high = scored.max(by: { $0.score < $1.score })
        else { return "\(subject) has no scored day in the window." }
        let f = { (value: Double) in DecimalText.fixed(value, 1) }
        if scored.count == 1 { return "\(subject) was \(f(first.score)) on \(first.day.iso), the only day stored in the window." }
        return "\(subject) went from \(f(first.score)) on \(first.day.iso) to \(f(last.score)) on \(last.day.iso) "
            + "(\(points.count) day\(points.count == 1 ? "" : "s")); lowest \(f(low.score)) on \(low.day.iso), "
            + "highest \(f(high.score)) on \(high.day.iso)."
    }

    // MARK: Deadlines

    private func deadlinesPart(_ contracts: [JSONValue], today: Day) -> [String: Any] {
        let horizon = today.adding(months: 24)
        let active = contracts.filter { $0["status"]?.stringValue == "active" }.sorted {
            ($0["notice_deadline"]?.stringValue ?? "", $0["id"]?.stringValue ?? "")
                < ($1["notice_deadline"]?.stringValue ?? "", $1["id"]?.stringValue ?? "")
        }
        let upcoming = active.filter { contract in
            guard let notice = contract["notice_deadline"]?.stringValue.flatMap({ Day(iso: $0) }) else { return false }
            return notice <= horizon && notice >= today
        }
        guard !active.isEmpty else { return ["noDeadlines": "No active contract."] }
        let rows = active.map { contract in
            ReportCharts.DeadlineRow(
                id: contract["id"]?.stringValue ?? "?", band: ReportBand(contract["band"]?.stringValue),
                noticeDeadline: contract["notice_deadline"]?.stringValue.flatMap { Day(iso: $0) },
                termEnd: contract["term_end"]?.stringValue.flatMap { Day(iso: $0) }, inNoticeWindow: inNoticeWindow(contract))
        }
        let inWindow = rows.filter(\.inNoticeWindow).count
        let perFigure = Self.deadlineRowsPerFigure
        let charts: [[String: Any]] = stride(from: 0, to: rows.count, by: perFigure).map { first in
            let last = min(first + perFigure, rows.count)
            let span = rows.count > perFigure ? ", contracts \(first + 1) to \(last) of \(rows.count)" : ""
            let label = "Notice deadlines and term ends in the next 24 months\(span)"
            return [
                "number": first / perFigure + 1,
                "caption": "Notice deadlines and term ends, \(today.iso) to \(horizon.iso)\(span)",
                "svg": ReportCharts.deadlines(Array(rows[first..<last]), today: today, label: label),
            ]
        }
        let summary =
            "\(upcoming.count) of \(active.count) active contracts reach their notice deadline in the next 24 months; "
            + "\(inWindow) \(inWindow == 1 ? "is" : "are") inside the notice window. One row per active contract, "
            + "nearest notice deadline first\(charts.count > 1 ? ", in \(charts.count) figures of at most \(perFigure) rows" : "")."
        let table: [[String: Any]] = zip(active, rows).map { contract, row in
            [
                "id": row.id, "band": row.band.context, "notice": contract["notice_deadline"]?.stringValue ?? "—",
                "daysLeft": contract["days_to_notice_deadline"]?.intValue.map(String.init) ?? "—",
                "termEnd": contract["term_end"]?.stringValue ?? "—", "inWindow": row.inNoticeWindow,
            ]
        }
        return ["deadlines": ["charts": charts, "summary": summary, "rows": table, "window": scoring.noticeWindowDays]]
    }

    private func inNoticeWindow(_ contract: JSONValue) -> Bool {
        guard contract["status"]?.stringValue == "active", let days = contract["days_to_notice_deadline"]?.intValue else {
            return false
        }
        return days >= 0 && days <= scoring.noticeWindowDays
    }

    // MARK: Contracts table

    private func row(_ contract: JSONValue, anchor: String?, change: [String: Double]?) -> [String: Any] {
        let band = ReportBand(contract["band"]?.stringValue)
        var row: [String: Any] = [
            "id": contract["id"]?.stringValue ?? "?", "supplier": contract["supplier"]?.stringValue ?? "",
            "criticality": contract["criticality"]?.stringValue ?? "", "bandName": band.name, "band": band.context,
            "score": contract["score"]?.doubleValue.map { DecimalText.fixed($0, 1) } ?? "—",
            "families": Self.families(contract["families"]), "notice": contract["notice_deadline"]?.stringValue ?? "—",
            "daysLeft": Self.daysLeft(contract["days_to_notice_deadline"]?.intValue), "inWindow": inNoticeWindow(contract),
            "effort": EvaluationReport.effortText(contract["effort_to_ready"]),
            "ended": contract["status"]?.stringValue == "ended",
            "nextBandChange": Self.nextBandChange(contract["next_band_change"]),
        ]
        if let anchor { row["section"] = anchor }
        if let change, let id = contract["id"]?.stringValue {
            row["change"] = change[id].map { ($0 > 0 ? "+" : $0 < 0 ? "−" : "±") + DecimalText.fixed(abs($0), 1) } ?? "±0.0"
        } else {
            row["change"] = "—"
        }
        return row
    }

    /// `2027-03-01 → at-risk` for a `BandChange`, or a dash.
    static func nextBandChange(_ change: JSONValue?) -> String {
        guard let change, let day = change["day"]?.stringValue, let band = change["band"]?.stringValue else { return "—" }
        return "\(day) → \(band)"
    }

    static func daysLeft(_ days: Int?) -> String {
        guard let days else { return "—" }
        if days < 0 { return "passed \(-days) day\(days == -1 ? "" : "s") ago" }
        return "\(days) day\(days == 1 ? "" : "s") left"
    }

    static func families(_ families: JSONValue?) -> [[String: Any]] {
        ["contract", "dataroom", "processes", "staff"].map { name in
            let value = families?[name]?.doubleValue ?? 0
            return ["name": name, "value": DecimalText.fixed(value, 1), "width": DecimalText.fixed(min(max(value, 0), 100), 1)]
        }
    }

    // MARK: Changes

    /// Score now minus score then per contract that changed; nil when changes are unknown.
    private func scoreChanges() -> [String: Double]? {
        guard case .available(let reply) = changes else { return nil }
        var result: [String: Double] = [:]
        for change in reply["changes"]?.arrayValue ?? [] {
            guard let id = change["contract"]?.stringValue, let now = change["score_now"]?.doubleValue else { continue }
            if let then = change["score_then"]?.doubleValue { result[id] = ((now - then) * 10).rounded() / 10 }
        }
        return result
    }

    private func changesPart() -> [String: Any] {
        switch changes {
        case .offline:
            return ["changesNote": "No changes: this report was made offline from the inventory, without the daemon's history."]
        case .unavailable(let reason):
            return ["changesNote": "Changes unavailable: \(reason)"]
        case .available(let reply):
            let entries = reply["changes"]?.arrayValue ?? []
            let rows: [[String: Any]] = entries.map { change in
                [
                    "contract": change["contract"]?.stringValue ?? "?",
                    "scoreThen": change["score_then"]?.doubleValue.map { DecimalText.fixed($0, 1) } ?? "none",
                    "scoreNow": change["score_now"]?.doubleValue.map { DecimalText.fixed($0, 1) } ?? "—",
                    "bandThen": change["band_then"]?.stringValue ?? "none", "bandNow": change["band_now"]?.stringValue ?? "—",
                    "appeared": (change["appeared"]?.arrayValue ?? []).map(Self.brief),
                    "resolved": (change["resolved"]?.arrayValue ?? []).map(Self.brief),
                ]
            }
            let note =
                rows.isEmpty
                ? "No contract changed since \(reply["since"]?.stringValue ?? since.iso)."
                : "\(rows.count) contract\(rows.count == 1 ? "" : "s") changed since \(reply["since"]?.stringValue ?? since.iso)."
            return ["changesNote": note, "changes": rows, "hasChanges": !rows.isEmpty]
        }
    }

    /// `C05 subject (−2.5)` for a `FindingBrief`.
    static func brief(_ finding: JSONValue) -> String {
        let code = finding["code"]?.stringValue ?? "?"
        let subject = finding["subject"]?.stringValue.map { " \($0)" } ?? ""
        let impact = finding["impact"]?.doubleValue.map { " (\(DecimalText.fixed($0, 2)) points)" } ?? ""
        return code + subject + impact
    }

    // MARK: Sections

    private func section(_ contract: JSONValue, anchor: String, evaluated: Day) -> [String: Any] {
        let id = contract["id"]?.stringValue ?? "?"
        var section: [String: Any] = [
            "id": id, "anchor": anchor, "supplier": contract["supplier"]?.stringValue ?? "",
            "service": contract["service"]?.stringValue ?? "", "criticality": contract["criticality"]?.stringValue ?? "",
            "band": ReportBand(contract["band"]?.stringValue).context,
            "score": contract["score"]?.doubleValue.map { DecimalText.fixed($0, 1) } ?? "—",
            "notice": contract["notice_deadline"]?.stringValue ?? "—",
            "daysLeft": Self.daysLeft(contract["days_to_notice_deadline"]?.intValue),
            "termEnd": contract["term_end"]?.stringValue ?? "—", "families": Self.families(contract["families"]),
        ]
        if portfolioHistory == nil {
            section["noTrend"] = "No trend: made offline."
        } else {
            let points = Self.points(contractHistory[id] ?? [], from: since)
            if points.isEmpty {
                section["noTrend"] = "No stored evaluations of this contract since \(since.iso)."
            } else {
                section["trend"] = [
                    "svg": ReportCharts.trend(
                        points, from: since, to: evaluated, ready: scoring.ready, atRisk: scoring.atRisk, alertDays: [],
                        label: "Daily score of the contract from \(since.iso) to \(evaluated.iso)"),
                    "summary": Self.trendSentence(points, subject: "Its score"),
                ]
            }
        }
        if let plan = plans[id], !plan.isNull {
            section["plan"] = Self.plan(plan)
        } else {
            section["noPlan"] = "No plan to ready is available for this contract."
        }
        let findings = EvaluationReport.urgentFirst(contract["findings"]?.arrayValue ?? []).map { finding -> [String: Any] in
            [
                "severity": finding["severity"]?.stringValue ?? "", "code": finding["code"]?.stringValue ?? "",
                "subject": finding["subject"]?.stringValue ?? "",
                "impact": finding["impact"]?.doubleValue.map { DecimalText.fixed($0, 2) } ?? "",
                "message": finding["message"]?.stringValue ?? "", "remedy": finding["remedy"]?.stringValue ?? "",
                "action": EvaluationReport.actionText(finding["action"]) ?? "",
            ]
        }
        section["findings"] = findings
        section["hasFindings"] = !findings.isEmpty
        return section
    }

    static func plan(_ plan: JSONValue) -> [String: Any] {
        let steps = plan["steps"]?.arrayValue ?? []
        let f = { (value: JSONValue?) in value?.doubleValue.map { DecimalText.fixed($0, 1) } ?? "—" }
        let summary: String
        if steps.isEmpty {
            summary = "Nothing to do: the contract already reaches \(f(plan["target"]))."
        } else if plan["reachable"]?.boolValue == false {
            summary =
                "Even all \(steps.count) open actions (\(f(plan["effort_days"])) person-days) do not reach "
                + "\(f(plan["target"])): they lift the score from \(f(plan["score"])) to \(f(plan["score_after"]))."
        } else {
            summary =
                "\(steps.count) step\(steps.count == 1 ? "" : "s"), \(f(plan["effort_days"])) person-days, lift the score "
                + "from \(f(plan["score"])) to \(f(plan["score_after"])) (target \(f(plan["target"])))."
        }
        let rows: [[String: Any]] = steps.enumerated().map { index, step in
            [
                "number": index + 1, "code": step["code"]?.stringValue ?? "", "subject": step["subject"]?.stringValue ?? "",
                "fixes": step["fixes"]?.stringValue ?? "", "effort": f(step["effort_days"]), "scoreAfter": f(step["score_after"]),
            ]
        }
        return ["summary": summary, "steps": rows, "hasSteps": !rows.isEmpty]
    }
}
