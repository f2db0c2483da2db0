import ExitReadiness

/// Renders the evaluation document (§4.8 JSON, from `check` or from the daemon) for people:
/// a portfolio line, a table of contracts, the top findings, or one contract in full.
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

    /// Portfolio line, contracts table and the `topFindings` findings with the largest impact.
    public func render(topFindings: Int = 10) -> String {
        var sections = [portfolioLine()]
        if let note = Self.staleDataroomNote(document) { sections[0] += "\n" + style.paint(note, .yellow) }
        sections.append(contractsTable())
        let top = topFindingsTable(limit: topFindings)
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
           let weakestScore = contract["score"]?.doubleValue {
            parts.append("weakest \(TerminalSafe.escape(weakest)) \(DecimalText.fixed(weakestScore, 1))")
        }
        parts.append("evaluated \(evaluated)")
        return parts.joined(separator: " · ")
    }

    public func contractsTable() -> String {
        var table = TextTable([
            .init("CONTRACT"), .init("SUPPLIER"), .init("CRITICALITY"), .init("CONTRACT", .right), .init("DATAROOM", .right),
            .init("PROCESSES", .right), .init("STAFF", .right), .init("SCORE", .right), .init("BAND"), .init("NOTICE BY"),
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
                plain(noticeText(contract)),
            ])
        }
        return table.render(style: style)
    }

    /// The findings with the largest impact over all contracts (ties: contract order, then
    /// finding order).
    public func topFindingsTable(limit: Int) -> String {
        // Each contract's findings are already sorted by impact: merge their heads.
        var top: [(impact: Double, contract: String, finding: JSONValue)] = []
        for contract in contracts {
            let id = contract["id"]?.stringValue ?? "?"
            for finding in (contract["findings"]?.arrayValue ?? []).prefix(limit) {
                let impact = finding["impact"]?.doubleValue ?? 0
                guard top.count < limit || impact > top[top.count - 1].impact else { break }
                let position = top.firstIndex { $0.impact < impact } ?? top.count
                top.insert((impact, id, finding), at: position)
                if top.count > limit { top.removeLast() }
            }
        }
        guard !top.isEmpty else { return "" }
        var table = TextTable([.init("CONTRACT"), .init("CODE"), .init("SEVERITY"), .init("IMPACT", .right), .init("FINDING")])
        for entry in top { table.add(styled: findingCells(entry.finding, contract: entry.contract)) }
        return style.paint("Top findings", .bold) + " (exitreadyctl check --contract ID shows all, with remedies)\n"
            + table.render(style: style)
    }

    /// One contract in full: scores, timeline, and every finding with its remedy.
    public static func contractDetail(_ contract: JSONValue, evaluated: String, style: TerminalStyle) -> String {
        let report = EvaluationReport(document: .null, style: style)
        let families = contract["families"]
        var lines: [String] = []
        let id = text(contract["id"]) ?? "?"
        lines.append(style.paint(id, .bold) + " — \(text(contract["supplier"]) ?? ""), \(text(contract["service"]) ?? "")")
        lines.append("Score \(report.score(contract["score"])) \(style.band(text(contract["band"]) ?? "?")) · "
            + "\(text(contract["criticality"]) ?? "") · \(text(contract["status"]) ?? "") · "
            + "evaluated \(TerminalSafe.escape(evaluated))")
        lines.append("Families: contract \(report.score(families?["contract"])) · dataroom \(report.score(families?["dataroom"]))"
            + " · processes \(report.score(families?["processes"])) · staff \(report.score(families?["staff"]))")
        lines.append("Term end \(text(contract["term_end"]) ?? "?") · "
            + "notice by \(TerminalSafe.escape(report.noticeText(contract)))"
            + (text(contract["exit_horizon"]).map { " · exit horizon \($0)" } ?? ""))
        let findings = contract["findings"]?.arrayValue ?? []
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
            lines.append("\(style.paint(code, .bold))\(subject) \(style.severity(severity))"
                + (impact > 0 ? " −\(DecimalText.fixed(impact, 2))" : ""))
            lines.append("  \(text(finding["message"]) ?? "")")
            if let remedy = text(finding["remedy"]) { lines.append("  → \(remedy)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func findingCells(_ finding: JSONValue, contract: String) -> [(plain: String, shown: String)] {
        let severity = Self.text(finding["severity"]) ?? "?"
        var code = finding["code"]?.stringValue ?? "?"
        if let subject = finding["subject"]?.stringValue { code += " [\(subject)]" }
        return [plain(contract), plain(code), (severity, style.severity(severity)),
                plain(DecimalText.fixed(finding["impact"]?.doubleValue ?? 0, 2)), plain(finding["message"]?.stringValue ?? "")]
    }

    private func plain(_ text: String) -> (plain: String, shown: String) { (text, text) }

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
