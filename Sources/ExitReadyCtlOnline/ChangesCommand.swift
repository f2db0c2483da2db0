import ArgumentParser
import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessReport

/// `exitreadyctl changes [CONTRACT]`: per contract, the findings that appeared and were resolved
/// since a day, with the score and band then and now.
package struct ChangesCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "Show what changed per contract since a day: findings appeared and resolved, score then and now.",
        discussion: "Exit status: 0 shown, 3 unknown (no such contract, daemon unreachable)."
    )

    @Argument(help: "Contract id (default: every contract that changed).", completion: ContractCompletion.kind)
    var contract: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Compare with the end of this day, or this many days back (the daemon's default is 30d).",
            valueName: "YYYY-MM-DD|Nd"))
    var since: OnlineSince?

    @OptionGroup var online: OnlineOptions

    package init() {}

    package func run() throws {
        let reply = OnlineClient.call(.getChanges(contract: contract, since: since?.day), options: online)
        if online.json {
            Output.out(reply)
        } else {
            Output.out(Self.render(reply, style: TerminalStyle.forStandardOutput()))
        }
        Output.finish(status: 0)
    }

    /// One row per finding that appeared (`+`) or was resolved (`-`), and one for a contract
    /// whose score alone changed, under a line that says since when.
    static func render(_ reply: JSONValue, style: TerminalStyle) -> String {
        let since = reply["since"]?.stringValue ?? "?"
        let evaluated = reply["evaluated"]?.stringValue ?? "?"
        let changes = reply["changes"]?.arrayValue ?? []
        guard !changes.isEmpty else { return "No changes between the end of \(since) and \(evaluated).\n" }
        var table = TextTable([
            .init("CONTRACT"), .init("SCORE"), .init("BAND", dropRank: 1), .init(""), .init("CODE"),
            .init("SUBJECT", shrinks: true), .init("IMPACT", .right),
        ])
        for change in changes {
            let id = change["contract"]?.stringValue ?? "?"
            let score = arrow(
                change["score_then"]?.doubleValue.map { DecimalText.fixed($0, 1) },
                change["score_now"]?.doubleValue.map { DecimalText.fixed($0, 1) })
            let bandThen = change["band_then"]?.stringValue
            let bandNow = change["band_now"]?.stringValue
            let band = (arrow(bandThen, bandNow), arrow(bandThen.map(style.band), bandNow.map(style.band)))
            var findings: [(String, JSONValue)] = []
            findings += (change["appeared"]?.arrayValue ?? []).map { ("+", $0) }
            findings += (change["resolved"]?.arrayValue ?? []).map { ("-", $0) }
            if findings.isEmpty {
                table.add(styled: [plain(id), plain(score), band, plain(""), plain(""), plain(""), plain("")])
            }
            for (index, (sign, finding)) in findings.enumerated() {
                let first = index == 0
                table.add(styled: [
                    plain(first ? id : ""), plain(first ? score : ""), first ? band : plain(""), plain(sign),
                    plain(finding["code"]?.stringValue ?? "?"), plain(finding["subject"]?.stringValue ?? "-"),
                    plain(finding["impact"]?.doubleValue.map { DecimalText.fixed($0, 2) } ?? "-"),
                ])
            }
        }
        return "Changes between the end of \(since) and \(evaluated) (+ appeared, - resolved):\n\n"
            + table.render(style: style) + "\n"
    }

    /// `70.1 → 63.3`, or whichever side is known.
    private static func arrow(_ before: String?, _ after: String?) -> String {
        switch (before, after) {
        case (let before?, let after?): before == after ? after : "\(before) → \(after)"
        case (nil, let after?): "new → \(after)"
        case (let before?, nil): before
        case (nil, nil): "-"
        }
    }

    private static func plain(_ text: String) -> (plain: String, shown: String) { (text, text) }
}
