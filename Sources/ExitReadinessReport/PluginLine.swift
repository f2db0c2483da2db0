import ExitReadiness

/// The first line of `status` and `check` for monitoring systems, as the Monitoring Plugins
/// development guidelines define plugin output:
///
///     EXITREADY WARNING - portfolio 63.3 at-risk, 5 active contracts, weakest rheinruf-de 22.7 | portfolio=63.3;80:;60:;0;100 'klantlijn-inbound'=95.2;80:;60:;0;100
///
/// The state is the exit status (0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN); after ` | ` comes one
/// performance value per score, `label=value;warn;crit;min;max`: a warning below the ready
/// threshold (`80:`), critical below the at-risk threshold (`60:`), on a scale of 0 to 100.
public struct PluginLine: Sendable, Equatable {
    public enum State: Int32, Sendable {
        case ok = 0
        case warning, critical, unknown

        /// The state of a band; no band (no active contract) is OK.
        init(band: String?) {
            switch band {
            case nil, "ready": self = .ok
            case "at-risk": self = .warning
            case "not-ready": self = .critical
            default: self = .unknown
            }
        }

        var word: String {
            switch self {
            case .ok: "OK"
            case .warning: "WARNING"
            case .critical: "CRITICAL"
            case .unknown: "UNKNOWN"
            }
        }
    }

    /// The lowest rounded scores that are ready and at-risk.
    public struct Bands: Sendable, Equatable {
        public var ready: Double
        public var atRisk: Double

        public init(ready: Double, atRisk: Double) {
            self.ready = ready
            self.atRisk = atRisk
        }

        public init(_ policy: ScoringPolicy) {
            self.init(ready: policy.readyThreshold, atRisk: policy.atRiskThreshold)
        }
    }

    public var state: State
    public var summary: String
    /// `label=value;warn;crit;min;max` items.
    public var performance: [String]

    /// The line, with its newline.
    public var text: String {
        // A `|` in the summary would start the performance data.
        let summary = String(TerminalSafe.escape(summary).map { $0 == "|" ? "/" : $0 })
        return "EXITREADY \(state.word) - \(summary)" + (performance.isEmpty ? "" : " | " + performance.joined(separator: " "))
            + "\n"
    }

    /// `EXITREADY UNKNOWN - why`.
    public static func unknown(_ why: String) -> PluginLine {
        PluginLine(state: .unknown, summary: why, performance: [])
    }

    /// The portfolio of an evaluation document (`check --json`, `GetScores`) and its active
    /// contracts.
    public static func portfolio(_ document: JSONValue, bands: Bands) -> PluginLine {
        let portfolio = document["portfolio"]
        let active = (document["contracts"]?.arrayValue ?? []).filter { $0["status"]?.stringValue == "active" }
        guard let score = portfolio?["score"]?.doubleValue, let band = portfolio?["band"]?.stringValue else {
            return PluginLine(state: .ok, summary: "no active contracts", performance: [])
        }
        var summary =
            "portfolio \(DecimalText.fixed(score, 1)) \(band), \(active.count) active contract\(active.count == 1 ? "" : "s")"
        if let weakest = portfolio?["weakest"]?.stringValue {
            summary += ", weakest \(weakest)"
            if let contract = active.first(where: { $0["id"]?.stringValue == weakest }),
                let score = contract["score"]?.doubleValue
            {
                summary += " \(DecimalText.fixed(score, 1))"
            }
        }
        var performance = [item("portfolio", score, bands)]
        for contract in active {
            guard let id = contract["id"]?.stringValue, let score = contract["score"]?.doubleValue else { continue }
            performance.append(item(quoted(id), score, bands))
        }
        return PluginLine(state: State(band: band), summary: summary, performance: performance)
    }

    /// One contract (`check --contract`).
    public static func contract(_ contract: JSONValue, bands: Bands) -> PluginLine {
        let id = contract["id"]?.stringValue ?? "?"
        guard let score = contract["score"]?.doubleValue, let band = contract["band"]?.stringValue else {
            return unknown("contract \(id) has no score")
        }
        let status = contract["status"]?.stringValue.map { $0 == "active" ? "" : " (\($0))" } ?? ""
        return PluginLine(
            state: State(band: band), summary: "contract \(id) \(DecimalText.fixed(score, 1)) \(band)\(status)",
            performance: [item(quoted(id), score, bands)])
    }

    /// `label=63.3;80:;60:;0;100`.
    static func item(_ label: String, _ score: Double, _ bands: Bands) -> String {
        "\(label)=\(DecimalText.fixed(score, 1));\(number(bands.ready)):;\(number(bands.atRisk)):;0;100"
    }

    /// A label in single quotes, a quote in it doubled and `=` (which no label may hold)
    /// replaced by `_`.
    static func quoted(_ label: String) -> String {
        var text = "'"
        for character in label {
            switch character {
            case "'": text += "''"
            case "=": text += "_"
            default: text.append(character)
            }
        }
        return text + "'"
    }

    /// A threshold without trailing zeros: `80`, `62.5`.
    static func number(_ value: Double) -> String {
        var text = DecimalText.fixed(value, 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
