import ExitReadiness

/// Renders the evaluation documents for people: the summary (`check`, `GetScores`) as a
/// portfolio line, a table of contracts and the top findings; one contract's document
/// (`check --contract`, `GetContract`) in full.
///
/// It reads the JSON document rather than the domain types, so offline and online commands
/// print the same thing from the same data. Every text taken from the document is escaped for
/// the terminal (`TerminalSafe`): ids, names, subjects, messages and paths come from files.
public struct EvaluationReport: Sendable {
    public let document: JSONValue
    public let style: TerminalStyle

    public init(document: JSONValue, style: TerminalStyle) {
        self.document = document
        self.style = style
    }

    private var contracts: [JSONValue] { document["contracts"]?.arrayValue ?? [] }

    /// Portfolio line, contracts table and the first `topFindings` findings (`topFindingsTable`);
    /// `detailCommand` is how to see one contract in full.
    public func render(topFindings: Int = 10, detailCommand: String = "exitreadyctl check --contract ID") -> String {
        var sections = [wrapped(portfolioLine())]
        if let note = Self.staleDataroomNote(document) { sections[0] += "\n" + style.paint(wrapped(note), .yellow) }
        sections.append(contractsTable())
        let top = topFindingsTable(limit: topFindings, detailCommand: detailCommand)
        if !top.isEmpty { sections.append(top) }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// `Portfolio 71.3 at-risk · 3 active contracts · weakest acme-inbound 42.0 · evaluated 2026-12-01`.
    public func portfolioLine() -> String {
        let portfolio = document["portfolio"]
        let evaluated = Self.text(document["evaluated"]) ?? "?"
        guard let score = portfolio?["score"]?.doubleValue, let band = Self.text(portfolio?["band"]) else {
            return "Portfolio: no active contracts · evaluated \(evaluated)"
        }
        var parts = ["Portfolio \(DecimalText.fixed(score, 1)) \(style.band(band))"]
        let active = contracts.filter { $0["status"]?.stringValue == "active" }.count
        parts.append("\(active) active contract\(active == 1 ? "" : "s")")
        if let weakest = portfolio?["weakest"]?.stringValue,
            let contract = contracts.first(where: { $0["id"]?.stringValue == weakest }),
            let weakestScore = contract["score"]?.doubleValue
        {
            parts.append("weakest \(TerminalSafe.escape(weakest)) \(DecimalText.fixed(weakestScore, 1))")
        }
        parts.append("evaluated \(evaluated)")
        return parts.joined(separator: " · ")
    }

    public func contractsTable() -> String {
        var table = TextTable([
            // On a narrow terminal criticality goes first, then the family scores, the notice
            // deadline and the supplier: explain ID shows them all.
            .init("CONTRACT"), .init("SUPPLIER", shrinks: true, dropRank: 4), .init("CRITICALITY", dropRank: 1),
            .init("CONTRACT", .right, dropRank: 2), .init("DATAROOM", .right, dropRank: 2),
            .init("PROCESSES", .right, dropRank: 2), .init("STAFF", .right, dropRank: 2), .init("SCORE", .right), .init("BAND"),
            .init("EFFORT", .right, dropRank: 2), .init("NOTICE BY", dropRank: 3),
        ])
        for contract in contracts {
            let families = contract["families"]
            let band = Self.text(contract["band"]) ?? "?"
            let ended = contract["status"]?.stringValue == "ended"
            let bandCell = ended ? (plain: "\(band) (ended)", shown: "\(style.band(band)) (ended)") : (band, style.band(band))
            table.add(styled: [
                plain(contract["id"]?.stringValue ?? "?"),
                plain(contract["supplier"]?.stringValue ?? ""),
                plain(contract["criticality"]?.stringValue ?? ""),
                plain(score(families?["contract"])), plain(score(families?["dataroom"])),
                plain(score(families?["processes"])), plain(score(families?["staff"])),
                plain(score(contract["score"])), bandCell,
                plain(Self.effortText(contract["effort_to_ready"])), plain(noticeText(contract)),
            ])
        }
        return table.render(style: style)
    }

    /// Days of work to ready (`12.5d`), `-` when the open actions cannot reach it.
    package static func effortText(_ days: JSONValue?) -> String {
        guard let days else { return "?" }
        guard let value = days.doubleValue else { return "-" }
        return DecimalText.fixed(value, value == value.rounded() ? 0 : 1) + "d"
    }

    /// The summary's `top_findings` (critical and security ones first, then the rest, each by
    /// impact), at most `limit` of them.
    public func topFindingsTable(limit: Int, detailCommand: String = "exitreadyctl check --contract ID") -> String {
        let top = (document["top_findings"]?.arrayValue ?? []).prefix(max(0, limit))
        guard !top.isEmpty else { return "" }
        var table = TextTable([
            .init("CONTRACT"), .init("CODE"), .init("SEVERITY"), .init("IMPACT", .right),
            .init("FINDING", shrinks: true),
        ])
        for finding in top { table.add(styled: findingCells(finding, contract: finding["contract"]?.stringValue ?? "?")) }
        return wrapped(style.paint("Top findings", .bold) + " (\(detailCommand) shows all, with remedies)") + "\n"
            + table.render(style: style)
    }

    /// `findings` with critical and security ones first, then the rest, each by impact
    /// descending; otherwise in their given order.
    public static func urgentFirst(_ findings: [JSONValue]) -> [JSONValue] {
        findings.enumerated().map { (urgency: urgency($1), offset: $0, finding: $1) }
            .sorted { $0.urgency != $1.urgency ? $0.urgency > $1.urgency : $0.offset < $1.offset }
            .map(\.finding)
    }

    /// What orders findings for people: (1 for critical and security, else 0; impact).
    private static func urgency(_ finding: JSONValue) -> (Int, Double) {
        let severity = finding["severity"]?.stringValue
        return (severity == "critical" || severity == "security" ? 1 : 0, finding["impact"]?.doubleValue ?? 0)
    }

    /// One contract in full: scores, timeline, and every finding with its remedy.
    public static func contractDetail(_ contract: JSONValue, evaluated: String, style: TerminalStyle) -> String {
        let report = EvaluationReport(document: .null, style: style)
        let families = contract["families"]
        var lines: [String] = []
        let id = text(contract["id"]) ?? "?"
        // Supplier and service are free text: cut to the terminal's width.
        let names = "\(text(contract["supplier"]) ?? ""), \(text(contract["service"]) ?? "")"
        let room = style.width.map { max(1, $0 - DisplayWidth.of(id) - 3) }
        lines.append(style.paint(id, .bold) + " — " + (room.map { DisplayWidth.truncate(names, to: $0) } ?? names))
        let summary = [
            "Score \(report.score(contract["score"])) \(style.band(text(contract["band"]) ?? "?")) · "
                + "\(text(contract["criticality"]) ?? "") · \(text(contract["status"]) ?? "") · "
                + "evaluated \(TerminalSafe.escape(evaluated))",
            "Families: contract \(report.score(families?["contract"])) · dataroom \(report.score(families?["dataroom"]))"
                + " · processes \(report.score(families?["processes"])) · staff \(report.score(families?["staff"]))",
            "Term end \(text(contract["term_end"]) ?? "?") · "
                + "notice by \(TerminalSafe.escape(report.noticeText(contract)))"
                + (text(contract["exit_horizon"]).map { " · exit horizon \($0)" } ?? ""),
        ]
        for line in summary { lines += WordWrap.lines(line, width: style.width, first: "", rest: "  ") }
        let findings = urgentFirst(contract["findings"]?.arrayValue ?? [])
        lines.append("")
        guard !findings.isEmpty else {
            lines.append("No findings: nothing lost.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append(style.paint("Findings", .bold) + " (\(findings.count), impact = points of the score lost)")
        for finding in findings {
            let code = text(finding["code"]) ?? "?"
            let subject = text(finding["subject"]).map { " [\($0)]" } ?? ""
            let severity = text(finding["severity"]) ?? "?"
            lines.append("")
            let impact = finding["impact"]?.doubleValue ?? 0
            lines += WordWrap.lines(
                "\(style.paint(code, .bold))\(subject) \(style.severity(severity))"
                    + (impact > 0 ? " −\(DecimalText.fixed(impact, 2))" : ""), width: style.width, first: "", rest: "  ")
            lines += WordWrap.lines(text(finding["message"]) ?? "", width: style.width, first: "  ", rest: "  ")
            if let action = actionText(finding["action"]) {
                lines += WordWrap.lines("Action: " + TerminalSafe.escape(action), width: style.width, first: "  ", rest: "    ")
            }
            if let note = text(finding["action"]?["note"]) {
                lines += WordWrap.lines("Note: " + note, width: style.width, first: "  ", rest: "    ")
            }
            if let remedy = text(finding["remedy"]) {
                lines += WordWrap.lines(remedy, width: style.width, first: "  → ", rest: "    ")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func findingCells(_ finding: JSONValue, contract: String) -> [(plain: String, shown: String)] {
        let severity = Self.text(finding["severity"]) ?? "?"
        var code = finding["code"]?.stringValue ?? "?"
        if let subject = finding["subject"]?.stringValue { code += " [\(subject)]" }
        var message = finding["message"]?.stringValue ?? ""
        if let action = Self.actionText(finding["action"]) { message += " (action: \(action))" }
        return [
            plain(contract), plain(code), (severity, style.severity(severity)),
            plain(DecimalText.fixed(finding["impact"]?.doubleValue ?? 0, 2)), plain(message),
        ]
    }

    /// A finding's row of the action register for people: `open · due 2026-11-20 · owner
    /// Facilities`, or `accepted until 2027-03-31 · owner CFO` while the acceptance holds; not
    /// escaped for the terminal.
    package static func actionText(_ action: JSONValue?) -> String? {
        guard let action, let state = action["state"]?.stringValue else { return nil }
        var parts: [String] = []
        if action["accepted"]?.boolValue == true {
            parts.append("accepted until \(action["until"]?.stringValue ?? "?") (still costs its points)")
        } else if state == "accepted" {
            parts.append("acceptance lapsed after \(action["until"]?.stringValue ?? "?")")
        } else {
            parts.append(state)
            if let due = action["due"]?.stringValue { parts.append("due \(due)") }
        }
        if let owner = action["owner"]?.stringValue { parts.append("owner \(owner)") }
        return parts.joined(separator: " · ")
    }

    private func plain(_ text: String) -> (plain: String, shown: String) { (text, text) }

    /// A line of text wrapped to the terminal's width.
    private func wrapped(_ line: String) -> String {
        WordWrap.lines(line, width: style.width, first: "", rest: "  ").joined(separator: "\n")
    }

    /// The warning for a daemon reply whose dataroom scores are carried over from an earlier
    /// scan (`dataroom_stale`); nil when they are current.
    public static func staleDataroomNote(_ reply: JSONValue) -> String? {
        guard reply["dataroom_stale"]?.boolValue == true else { return nil }
        let scan = text(reply["dataroom_scanned_at"]).map { "the scan finished \($0)" } ?? "the last scan"
        return "The dataroom cannot be read: dataroom scores are carried over from \(scan) (stale)."
    }

    /// A string of the document, escaped for the terminal; nil when it is not a string.
    private static func text(_ value: JSONValue?) -> String? {
        value?.stringValue.map(TerminalSafe.escape)
    }

    private func score(_ value: JSONValue?) -> String {
        value?.doubleValue.map { DecimalText.fixed($0, 1) } ?? "-"
    }

    private func noticeText(_ contract: JSONValue) -> String {
        guard let deadline = contract["notice_deadline"]?.stringValue else { return "-" }
        guard contract["status"]?.stringValue == "active", let days = contract["days_to_notice_deadline"]?.doubleValue else {
            return deadline
        }
        let count = Int(days)
        return count >= 0 ? "\(deadline) (\(count) d)" : "\(deadline) (passed)"
    }
}
