import ArgumentParser
import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessReport

/// `exitreadyctl explain CONTRACT`: one contract's scores and every finding with its remedy.
package struct ExplainCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show one contract from the daemon: scores, timeline, every finding with its remedy.",
        discussion:
            "Exit status: 0 ready, 1 at-risk, 2 not-ready (the contract's band), 3 unknown (no such contract, daemon unreachable)."
    )

    @Argument(help: "Contract id.", completion: ContractCompletion.kind)
    var contract: String

    @OptionGroup var online: OnlineOptions

    package init() {}

    package func run() throws {
        let reply = OnlineClient.call(.getContract(id: contract), options: online)
        let detail = reply["contract"] ?? .null
        if online.json {
            Output.out(reply)
        } else {
            let style = TerminalStyle.forStandardOutput()
            if let note = EvaluationReport.staleDataroomNote(reply) {
                let lines = WordWrap.lines(note, width: style.width, first: "", rest: "  ")
                Output.out(style.paint(lines.joined(separator: "\n"), .yellow) + "\n\n")
            }
            Output.out(EvaluationReport.contractDetail(detail, evaluated: reply["evaluated"]?.stringValue ?? "?", style: style))
        }
        Output.finish(status: OnlineClient.exitStatus(band: detail["band"]?.stringValue))
    }
}
