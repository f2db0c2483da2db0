import ExitReadiness

/// Renders plan documents (`exitreadyctl plan`, Varlink `GetPlan`) for people, and a contract
/// plan as rows for the action register.
///
/// Like `EvaluationReport` it reads the JSON document, so offline and online plans print alike;
/// texts from the document are escaped for the terminal.
public struct PlanReport: Sendable {
    public let style: TerminalStyle

    public init(style: TerminalStyle) {
        self.style = style
    }

    /// A contract plan: a summary line, then one row per step.
    public func contractPlan(_ plan: JSONValue) -> String {
        let id = text(plan["contract"])
        let score = fixed(plan["score"], 1)
        let after = fixed(plan["score_after"], 1)
        let target = fixed(plan["target"], 1)
        let steps = plan["steps"]?.arrayValue ?? []
        var line = style.paint(id, .bold) + ": "
        if steps.isEmpty {
            line += "\(score) already reaches the target \(target); nothing to do"
            return wrapped(line) + "\n"
        }
        if plan["reachable"]?.boolValue == false {
            line +=
                "the target \(target) cannot be reached: all \(count(steps.count, "open action")) together "
                + "take it from \(score) to \(after) in \(days(plan["effort_days"]))"
        } else {
            line += "\(score) → \(after) (target \(target)) with \(count(steps.count, "action")) in \(days(plan["effort_days"]))"
        }
        var table = TextTable([
            .init("STEP", .right), .init("CODE"), .init("SUBJECT", shrinks: true, dropRank: 2), .init("FIXES", shrinks: true),
            .init("EFFORT", .right), .init("GAIN", .right, dropRank: 1), .init("SCORE AFTER", .right),
        ])
        for (index, step) in steps.enumerated() {
            table.add([
                String(index + 1), text(step["code"]), step["subject"]?.stringValue.map(TerminalSafe.escape) ?? "-",
                text(step["fixes"]), days(step["effort_days"]), fixed(step["gain"], 2), fixed(step["score_after"], 1),
            ])
        }
        return wrapped(line) + "\n" + table.render(style: style)
    }

    /// A portfolio plan: the portfolio before and after and the effort, then the steps grouped
    /// by contract (the score after is the contract's).
    public func portfolioPlan(_ plan: JSONValue) -> String {
        let steps = plan["steps"]?.arrayValue ?? []
        let contracts = Set(steps.compactMap { $0["contract"]?.stringValue }).count
        let line =
            "Portfolio \(fixed(plan["score"], 1)) → \(fixed(plan["score_after"], 1)) with "
            + "\(count(steps.count, "action")) over \(count(contracts, "contract")): "
            + "\(days(plan["effort_days"])) of a budget of \(days(plan["budget_days"]))"
        guard !steps.isEmpty else { return wrapped(line) + "\n" }
        var table = TextTable([
            .init("CONTRACT"), .init("CODE"), .init("SUBJECT", shrinks: true, dropRank: 2), .init("FIXES", shrinks: true),
            .init("EFFORT", .right), .init("GAIN", .right, dropRank: 1), .init("SCORE AFTER", .right),
        ])
        var previous: String?
        for step in steps {
            let contract = step["contract"]?.stringValue
            table.add([
                contract == previous ? "" : text(step["contract"]), text(step["code"]),
                step["subject"]?.stringValue.map(TerminalSafe.escape) ?? "-", text(step["fixes"]), days(step["effort_days"]),
                fixed(step["gain"], 2), fixed(step["score_after"], 1),
            ])
            previous = contract
        }
        return wrapped(line) + "\n" + table.render(style: style)
    }

    /// The steps of a contract plan as rows to append to actions.csv: state `open`, owner, due
    /// date, until and note empty.
    public static func actionRows(_ plan: JSONValue) -> String {
        var rows = ["contract,code,subject,owner,due,state,until,note"]
        for step in plan["steps"]?.arrayValue ?? [] {
            let cells = [
                plan["contract"]?.stringValue ?? "", step["code"]?.stringValue ?? "", step["subject"]?.stringValue ?? "",
                "", "", "open", "", "",
            ]
            rows.append(cells.map(csvField).joined(separator: ","))
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted (RFC 4180) when it holds a comma, a quote or a line break.
    static func csvField(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
            return value
        }
        var quoted = "\""
        for character in value {
            if character == "\"" { quoted.append("\"") }
            quoted.append(character)
        }
        return quoted + "\""
    }

    private func text(_ value: JSONValue?) -> String {
        value?.stringValue.map(TerminalSafe.escape) ?? "?"
    }

    private func fixed(_ value: JSONValue?, _ decimals: Int) -> String {
        value?.doubleValue.map { DecimalText.fixed($0, decimals) } ?? "-"
    }

    /// `10 days`, `0.5 days`, `1 day`.
    private func days(_ value: JSONValue?) -> String {
        guard let days = value?.doubleValue else { return "-" }
        let number = DecimalText.fixed(days, days == days.rounded() ? 0 : 1)
        return days == 1 ? "1 day" : "\(number) days"
    }

    private func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private func wrapped(_ line: String) -> String {
        WordWrap.lines(line, width: style.width, first: "", rest: "  ").joined(separator: "\n")
    }
}
