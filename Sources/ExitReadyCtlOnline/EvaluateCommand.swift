import ArgumentParser
import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessReport

/// `exitreadyctl evaluate`: asks the daemon to rescan and evaluate now.
package struct EvaluateCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Ask the daemon to rescan the dataroom and evaluate now (root, the daemon's user or AdminGroup=).",
        discussion: "Exit status: 0 evaluated, 3 unknown (daemon unreachable), 4 permission denied."
    )

    @OptionGroup var online: OnlineOptions

    package init() {}

    package func run() throws {
        // A rescan of a large dataroom takes a while: wait up to ten minutes unless told otherwise.
        let reply = OnlineClient.call(.evaluate, options: online, timeout: 600)
        if online.json {
            Output.out(reply)
        } else {
            Output.out(Self.render("Evaluated", reply, style: TerminalStyle.forStandardOutput()))
        }
        Output.finish(status: 0)
    }

    /// `Evaluated 2026-12-01 at 2026-12-01T09:00:02Z: portfolio 63.3 at-risk · …`.
    static func render(_ verb: String, _ reply: JSONValue, style: TerminalStyle) -> String {
        let day = reply["evaluated"]?.stringValue ?? "?"
        let at = reply["evaluated_at"]?.stringValue.map { " at \($0)" } ?? ""
        return "\(verb) \(day)\(at): portfolio \(StatusCommand.portfolioSummary(reply["portfolio"], style: style))\n"
    }
}
