import ArgumentParser
import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessReport

/// `exitreadyctl alerts`: the journal alerts the daemon raised, newest first.
package struct AlertsCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "alerts",
        abstract: "Show the alerts the daemon raised, newest first.",
        discussion: "Exit status: 0 shown, 3 unknown (daemon unreachable)."
    )

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only alerts on or after this date, or this many days back.",
            valueName: "YYYY-MM-DD|Nd"))
    var since: OnlineSince?

    @Option(name: .long, help: ArgumentHelp("At most this many alerts (the daemon's default is 100).", valueName: "n"))
    var limit: Int?

    @OptionGroup var online: OnlineOptions

    package init() {}

    package func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    package func run() throws {
        let reply = OnlineClient.call(.getAlerts(since: since?.day, limit: limit), options: online)
        if online.json {
            Output.out(reply)
        } else {
            Output.out(
                Self.render(reply["alerts"]?.arrayValue ?? [], since: since?.day, style: TerminalStyle.forStandardOutput()))
        }
        Output.finish(status: 0)
    }

    static func render(_ alerts: [JSONValue], since: Day?, style: TerminalStyle) -> String {
        guard !alerts.isEmpty else { return "No alerts" + (since.map { " since \($0.iso)" } ?? "") + ".\n" }
        // On a narrow terminal the scores and bands go first, then the id (--json has it).
        var table = TextTable([
            .init("ID", dropRank: 2), .init("AT"), .init("PRIORITY"), .init("KIND"), .init("SUBJECT"),
            .init("SCORE", dropRank: 1), .init("BAND", dropRank: 1), .init("MESSAGE", shrinks: true),
        ])
        for alert in alerts {
            let priority = alert["priority"]?.stringValue ?? "?"
            let subject = alert["contract"]?.stringValue ?? alert["scope"]?.stringValue ?? "?"
            let score = change(
                alert["previous_score"]?.doubleValue.map { DecimalText.fixed($0, 1) },
                alert["score"]?.doubleValue.map { DecimalText.fixed($0, 1) })
            let previousBand = alert["previous_band"]?.stringValue
            let band = alert["band"]?.stringValue
            let bandText = change(previousBand, band)
            let bandShown = change(previousBand.map(style.band), band.map(style.band))
            table.add(styled: [
                plain(alert["id"]?.stringValue ?? "?"), plain(alert["at"]?.stringValue ?? "?"),
                (priority, paint(priority, style)),
                plain(alert["kind"]?.stringValue ?? "?"), plain(subject), plain(score), (bandText, bandShown),
                plain(alert["message"]?.stringValue ?? ""),
            ])
        }
        return table.render(style: style) + "\n"
    }

    /// `70.1 → 63.3`, or whichever side is known.
    private static func change(_ before: String?, _ after: String?) -> String {
        switch (before, after) {
        case (let before?, let after?): "\(before) → \(after)"
        case (nil, let after?): after
        case (let before?, nil): "\(before) →"
        case (nil, nil): "-"
        }
    }

    /// Journal priorities in the colours journalctl uses for them.
    private static func paint(_ priority: String, _ style: TerminalStyle) -> String {
        switch priority {
        case "emerg", "alert", "crit", "err": style.paint(priority, .red)
        case "warning": style.paint(priority, .yellow)
        default: priority
        }
    }

    private static func plain(_ text: String) -> (plain: String, shown: String) { (text, text) }
}
