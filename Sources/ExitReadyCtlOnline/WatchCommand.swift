import ArgumentParser
import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessReport

/// `exitreadyctl watch`: one line per evaluation the daemon finishes, until interrupted.
package struct WatchCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Print the current evaluation, then a line for every evaluation the daemon finishes, until interrupted.",
        discussion: """
            The first line is the daemon's current evaluation (marked "current"), printed at once. \
            With --json, each reply is one JSON object on a line of its own (JSON Lines). \
            Exit status: 3 when the daemon cannot be reached or stops.
            """
    )

    @OptionGroup var online: OnlineOptions

    package init() {}

    package func run() throws {
        let style = TerminalStyle.forStandardOutput()
        let json = online.json
        OnlineClient.watch(options: online) { update in
            if json {
                var line = update.encoded()
                line.append(UInt8(ascii: "\n"))
                Output.out(bytes: line)
            } else {
                Output.out(Self.render(update, style: style))
            }
        }
    }

    /// `2026-12-01T09:00:02Z  Portfolio 63.3 at-risk · 5 active contracts · weakest x · changed: a, b`;
    /// the daemon's first reply, the evaluation current when the watch began, ends in `· current`.
    static func render(_ update: JSONValue, style: TerminalStyle) -> String {
        let at = update["evaluated_at"]?.stringValue ?? update["evaluated"]?.stringValue ?? "?"
        let portfolio = "Portfolio " + StatusCommand.portfolioSummary(update["portfolio"], style: style)
        let changed = update["changed"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let change =
            update["current"]?.boolValue == true
            ? "current" : changed.isEmpty ? "no contract changed" : "changed: " + changed.joined(separator: ", ")
        return "\(at)  \(portfolio) · \(change)\n"
    }
}
