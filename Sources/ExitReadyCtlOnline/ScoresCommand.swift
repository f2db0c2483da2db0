import ArgumentParser
import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessReport

/// `exitreadyctl scores`: the daemon's last evaluation, shown exactly as `check` shows one.
package struct ScoresCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "scores",
        abstract: "Show the last evaluation of every contract (as check does, from the daemon).",
        discussion: "Exit status: 0 ready, 1 at-risk, 2 not-ready (the portfolio's band), 3 unknown (daemon unreachable)."
    )

    @OptionGroup var online: OnlineOptions

    @Option(name: .long, help: ArgumentHelp("Findings to list in the summary.", valueName: "n"))
    var top = 10

    package init() {}

    package func run() throws {
        let call = MonitorCall.getScores(top: min(max(top, 0), MonitorCall.maximumTopFindings))
        let (document, bytes) = OnlineClient.callKeepingParameterBytes(call, options: online)
        if online.json, JSONStyle.current == .short, let bytes {
            // The daemon's compact JSON is already the short style: passed on as it came.
            Output.out(bytes: Array(bytes) + [UInt8(ascii: "\n")])
        } else if online.json {
            Output.out(document)
        } else {
            Output.out(
                EvaluationReport(document: document, style: TerminalStyle.forStandardOutput())
                    .render(topFindings: top, detailCommand: "exitreadyctl explain ID"))
        }
        let band = document["portfolio"]?["band"]?.stringValue
        Output.finish(status: band == nil ? 0 : OnlineClient.exitStatus(band: band))
    }
}
