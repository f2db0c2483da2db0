import ExitReadiness

/// Renders forecast documents (`exitreadyctl forecast`, Varlink `GetForecast`) for people:
/// each change with its date, the days until it, the score and band from then, and in words
/// which checks start or stop failing. Texts from the document are escaped for the terminal.
public struct ForecastReport: Sendable {
    public let style: TerminalStyle
    /// The day the forecast starts from, for "in N days".
    public let today: Day

    public init(style: TerminalStyle, today: Day) {
        self.style = style
        self.today = today
    }

    /// One contract's forecast: a line with today and the next band change, then every change.
    public func contract(_ forecast: JSONValue) -> String {
        let changes = forecast["changes"]?.arrayValue ?? []
        var line =
            style.paint(text(forecast["contract"]), .bold) + ": \(fixed(forecast["score"])) \(text(forecast["band"])) today"
        line += "; " + nextBandChange(forecast["next_band_change"], horizon: forecast["horizon_days"])
        guard !changes.isEmpty else {
            return wrapped(line + "; the score holds if nothing is done") + "\n"
        }
        var table = TextTable([
            .init("DATE"), .init("IN", .right), .init("SCORE", .right), .init("BAND"), .init("WHAT CHANGES", shrinks: true),
        ])
        for change in changes {
            table.add([
                text(change["day"]), daysFromNow(change["day"]), fixed(change["score"]), text(change["band"]), why(change),
            ])
        }
        return wrapped(line) + "\n" + table.render(style: style) + "\n"
    }

    /// The portfolio's forecast: its next band change and changes, then the contracts whose band
    /// will change, soonest first.
    public func portfolio(_ document: JSONValue) -> String {
        let portfolio = document["portfolio"] ?? .null
        var out =
            wrapped(
                "Portfolio \(fixed(portfolio["score"])) \(text(portfolio["band"])) today; "
                    + nextBandChange(portfolio["next_band_change"], horizon: document["horizon_days"])) + "\n"
        let changing = (document["contracts"]?.arrayValue ?? [])
            .compactMap { forecast -> (day: String, forecast: JSONValue)? in
                guard let day = forecast["next_band_change"]?["day"]?.stringValue else { return nil }
                return (day, forecast)
            }
            .sorted { $0.day != $1.day ? $0.day < $1.day : text($0.forecast["contract"]) < text($1.forecast["contract"]) }
        guard !changing.isEmpty else {
            return out + wrapped("No contract changes band if nothing is done.") + "\n"
        }
        var table = TextTable([
            .init("CONTRACT"), .init("DATE"), .init("IN", .right), .init("BAND NOW"), .init("BAND THEN"),
            .init("WHY", shrinks: true),
        ])
        for (day, forecast) in changing {
            let change = forecast["changes"]?.arrayValue?.first { $0["day"]?.stringValue == day } ?? .null
            table.add([
                text(forecast["contract"]), TerminalSafe.escape(day), daysFromNow(.string(day)), text(forecast["band"]),
                text(forecast["next_band_change"]?["band"]), why(change),
            ])
        }
        out += "\n" + wrapped("\(count(changing.count, "contract")) change band within the horizon:") + "\n"
        return out + table.render(style: style) + "\n"
    }

    /// "falls to at-risk on 2027-07-04 (in 210 days)", or that the band holds.
    private func nextBandChange(_ change: JSONValue?, horizon: JSONValue?) -> String {
        guard let change, let day = change["day"]?.stringValue else {
            return "the band holds for \(horizon?.intValue.map { count($0, "day") } ?? "the horizon")"
        }
        return "band changes to \(text(change["band"])) on \(TerminalSafe.escape(day)) (in \(daysFromNow(.string(day))) days)"
    }

    /// The checks that start failing and those that stop, in words.
    private func why(_ change: JSONValue) -> String {
        func describe(_ findings: [JSONValue]) -> String {
            findings.map { finding in
                let code = finding["code"]?.stringValue ?? "?"
                var words = code + " " + (FindingCode(rawValue: code)?.title ?? "")
                if let contract = finding["contract"]?.stringValue { words = TerminalSafe.escape(contract) + " " + words }
                if let subject = finding["subject"]?.stringValue { words += " (\(TerminalSafe.escape(subject)))" }
                return words
            }
            .joined(separator: "; ")
        }
        let appeared = change["appeared"]?.arrayValue ?? []
        let disappeared = change["disappeared"]?.arrayValue ?? []
        var parts: [String] = []
        if !appeared.isEmpty { parts.append("fails: " + describe(appeared)) }
        if !disappeared.isEmpty { parts.append("passes again: " + describe(disappeared)) }
        let worsened = change["worsened"]?.arrayValue ?? []
        if !worsened.isEmpty { parts.append("loses more: " + describe(worsened)) }
        return parts.isEmpty ? "-" : parts.joined(separator: "; ")
    }

    private func daysFromNow(_ day: JSONValue?) -> String {
        guard let text = day?.stringValue, let day = Day(iso: text) else { return "?" }
        return String(day.days(since: today))
    }

    private func text(_ value: JSONValue?) -> String {
        value?.stringValue.map(TerminalSafe.escape) ?? "-"
    }

    private func fixed(_ value: JSONValue?) -> String {
        value?.doubleValue.map { DecimalText.fixed($0, 1) } ?? "-"
    }

    private func count(_ number: Int, _ noun: String) -> String {
        "\(number) \(noun)\(number == 1 ? "" : "s")"
    }

    private func wrapped(_ line: String) -> String {
        WordWrap.lines(line, width: style.width, first: "", rest: "  ").joined(separator: "\n")
    }
}
