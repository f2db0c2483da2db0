import ArgumentParser
import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessReport

/// `exitreadyctl history [CONTRACT]`: stored evaluations of a contract or of the portfolio,
/// as a table and a sparkline of the trend.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the stored scores of a contract, or of the portfolio, with a sparkline of the trend.",
        discussion: "Exit status: 0 shown, 3 unknown (no such contract, daemon unreachable)."
    )

    @Argument(help: "Contract id (default: the portfolio).")
    var contract: String?

    @Option(name: .long, help: ArgumentHelp("Only evaluations on or after this date, or this many days back.",
                                            valueName: "YYYY-MM-DD|Nd"))
    var since: OnlineSince?

    @Option(name: .long, help: ArgumentHelp("At most this many days, newest first, or evaluations with --every (the daemon's default is 100).",
                                            valueName: "n"))
    var limit: Int?

    @Flag(name: .long, help: "Show every evaluation, not only the last of each day.")
    var every = false

    @OptionGroup var online: OnlineOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        let reply = OnlineClient.call(.getHistory(contract: contract, since: since?.day, limit: limit, every: every), options: online)
        if online.json {
            Output.out(reply)
        } else {
            Output.out(Self.render(reply["entries"]?.arrayValue ?? [], contract: contract, since: since?.day,
                                   style: TerminalStyle.forStandardOutput()))
        }
        Output.finish(status: 0)
    }

    /// A title with the sparkline, then the entries newest first.
    static func render(_ entries: [JSONValue], contract: String?, since: Day?, style: TerminalStyle) -> String {
        let subject = contract ?? "the portfolio"
        guard !entries.isEmpty else {
            return "No stored evaluations of \(subject)" + (since.map { " since \($0.iso)" } ?? "") + ".\n"
        }
        let scores = entries.reversed().map { $0["score"]?.doubleValue }
        let first = scores.compactMap { $0 }.first
        let last = scores.compactMap { $0 }.last
        var title = style.paint("History of \(subject)", .bold) + "  " + Sparkline.render(scores)
        if let first, let last {
            title += "  \(DecimalText.fixed(first, 1)) → \(DecimalText.fixed(last, 1))"
        }
        title += " (\(entries.count) evaluation\(entries.count == 1 ? "" : "s"), oldest to newest)"
        var table = TextTable([.init("EVALUATED AT"), .init("DAY"), .init("SCORE", .right), .init("BAND")])
        for entry in entries {
            let band = entry["band"]?.stringValue ?? "-"
            table.add(styled: [
                plain(entry["evaluated_at"]?.stringValue ?? "?"), plain(entry["day"]?.stringValue ?? "?"),
                plain(entry["score"]?.doubleValue.map { DecimalText.fixed($0, 1) } ?? "-"), (band, style.band(band)),
            ])
        }
        return title + "\n\n" + table.render(style: style) + "\n"
    }

    private static func plain(_ text: String) -> (plain: String, shown: String) { (text, text) }
}
