import ArgumentParser
import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessReport

/// `exitreadyctl status`: the daemon, its last evaluation and the portfolio; a monitoring check.
package struct StatusCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the daemon's state and the portfolio's readiness.",
        discussion: """
            Exit status, as a monitoring plugin: 0 ready, 1 at-risk, 2 not-ready (the portfolio's band), \
            3 unknown (the daemon cannot be reached or has not evaluated yet).
            """
    )

    @OptionGroup var online: OnlineOptions

    package init() {}

    package func run() throws {
        if online.json {
            let status = OnlineClient.call(.getStatus, options: online)
            Output.out(status)
            Output.finish(status: Self.exitStatus(status["portfolio"]))
        }
        let status = OnlineClient.call(.getStatus, options: online, plugin: true)
        let plugin = Self.pluginLine(status, online: online)
        Output.out(plugin.text + Self.render(status, style: TerminalStyle.forStandardOutput()))
        Output.finish(status: plugin.state.rawValue)
    }

    /// The monitoring line: from the daemon's scores (the portfolio and each active contract)
    /// and the bands it is configured with; UNKNOWN before its first evaluation.
    static func pluginLine(_ status: JSONValue, online: OnlineOptions) -> PluginLine {
        guard let portfolio = status["portfolio"], portfolio != .null else {
            let errors = status["inventory_errors"]?.arrayValue?.count ?? 0
            if status["inventory_revision"]?.stringValue == nil && errors > 0 {
                return .unknown("no valid inventory yet (\(errors) error\(errors == 1 ? "" : "s")), nothing is scored")
            }
            return .unknown("exitreadyd has not finished its first evaluation yet")
        }
        let bands = status["bands"]
        let defaults = PluginLine.Bands(ScoringPolicy())
        let thresholds = PluginLine.Bands(
            ready: bands?["ready"]?.doubleValue ?? defaults.ready,
            atRisk: bands?["at_risk"]?.doubleValue ?? defaults.atRisk)
        // No active contract: nothing to fetch, and nothing at risk.
        guard portfolio["band"]?.stringValue != nil else {
            return .portfolio(.object([("portfolio", portfolio)]), bands: thresholds)
        }
        let scores = OnlineClient.call(.getScores(top: 0), options: online, plugin: true)
        return .portfolio(scores, bands: thresholds)
    }

    /// 0 ready (or no active contract), 1 at-risk, 2 not-ready, 3 not evaluated yet.
    static func exitStatus(_ portfolio: JSONValue?) -> Int32 {
        guard let portfolio, portfolio != .null else { return PluginStatus.unknown }
        guard let band = portfolio["band"]?.stringValue else { return 0 }
        return OnlineClient.exitStatus(band: band)
    }

    /// The reply for people.
    static func render(_ status: JSONValue, style: TerminalStyle) -> String {
        var lines: [String] = []
        lines.append(
            "exitreadyd \(status["version"]?.stringValue ?? "?") · running since \(status["started_at"]?.stringValue ?? "?")")
        let last = status["last_evaluation"]?.stringValue ?? "none yet"
        let next = status["next_evaluation"]?.stringValue.map { " · next \($0)" } ?? ""
        lines.append("Evaluated  \(last)\(next)")
        if let problem = status["configuration_error"], problem != .null {
            lines.append(
                "Config     " + style.paint("not reloaded", .red) + ": " + OnlineClient.configurationProblem(problem)
                    + " (the previous configuration stays in force)")
        }
        let errors = status["inventory_errors"]?.arrayValue ?? []
        let revision = status["inventory_revision"]?.stringValue
        let count = style.paint("\(errors.count) error\(errors.count == 1 ? "" : "s")", .red)
        switch (revision, errors.isEmpty) {
        case (let revision?, true): lines.append("Inventory  revision \(revision) · valid")
        case (let revision?, false): lines.append("Inventory  revision \(revision) is scored · the files now have \(count)")
        case (nil, false):
            lines.append("Inventory  " + count + "; no valid inventory yet, nothing is scored until they are fixed")
        case (nil, true): lines.append("Inventory  not read yet")
        }
        for error in errors { lines.append("  " + OnlineClient.inventoryError(error)) }
        for warning in status["inventory_warnings"]?.arrayValue ?? [] {
            lines.append("  " + OnlineClient.inventoryError(warning, severity: "warning"))
        }
        let dataroom = status["dataroom"]?.stringValue ?? "unknown"
        let dataroomNote =
            switch dataroom {
            case "unreachable": style.paint(dataroom, .yellow) + " (scores carried over from the last scan)"
            case "unknown": dataroom + " (never scanned)"
            default: dataroom
            }
        lines.append("Dataroom   \(dataroomNote)")
        lines.append("Portfolio  " + portfolioSummary(status["portfolio"], style: style))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `63.3 at-risk · 5 active contracts · weakest rheinruf-de`.
    static func portfolioSummary(_ portfolio: JSONValue?, style: TerminalStyle) -> String {
        guard let portfolio, portfolio != .null else { return "not evaluated yet" }
        let active = portfolio["active_contracts"]?.intValue ?? 0
        guard let score = portfolio["score"]?.doubleValue, let band = portfolio["band"]?.stringValue else {
            return "no active contracts"
        }
        var parts = ["\(DecimalText.fixed(score, 1)) \(style.band(band))", "\(active) active contract\(active == 1 ? "" : "s")"]
        if let weakest = portfolio["weakest"]?.stringValue { parts.append("weakest \(weakest)") }
        return parts.joined(separator: " · ")
    }
}
