import ArgumentParser
import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessProtocol
import ExitReadinessReport
import ExitReadinessStore
import ExitReadyCtlOnline

/// `exitreadyctl history [CONTRACT]`: stored evaluations of a contract or of the portfolio,
/// as a table and a sparkline of the trend.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Show the stored scores of a contract, or of the portfolio, with a sparkline of the trend.",
        discussion: "Exit status: 0 shown, 3 unknown (no such contract, daemon unreachable)."
    )

    @Argument(help: "Contract id (default: the portfolio).", completion: ContractCompletion.kind)
    var contract: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Only evaluations on or after this date, or this many days back.",
            valueName: "YYYY-MM-DD|Nd"))
    var since: OnlineSince?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "At most this many days, newest first, or evaluations with --every (the daemon's default is 100).",
            valueName: "n"))
    var limit: Int?

    @Flag(name: .long, help: "Show every evaluation, not only the last of each day.")
    var every = false

    @Flag(
        name: .long,
        help: ArgumentHelp(
            "Print the daily history as CSV, the portfolio and every contract (or CONTRACT), read from the "
                + "database directly."))
    var csv = false

    @Option(
        name: .long,
        help: ArgumentHelp(
            "With --csv: the daemon's database (default: Database= of \(DefaultPaths.configuration)).", valueName: "file"),
        completion: .file())
    var database: String?

    @OptionGroup var online: OnlineOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if csv && (every || limit != nil || online.json) {
            throw ValidationError("--csv goes with neither --every, --limit nor --json")
        }
        if database != nil && !csv { throw ValidationError("--database goes with --csv") }
    }

    func run() throws {
        if csv { writeCSV() }
        let reply = OnlineClient.call(
            .getHistory(contract: contract, since: since?.day, limit: limit, every: every), options: online)
        if online.json {
            Output.out(reply)
        } else {
            // Not on a terminal (a pipe, a file) the sparkline still gets a line's worth of cells.
            let style = TerminalStyle.forStandardOutput()
            Output.out(
                Self.render(
                    reply["entries"]?.arrayValue ?? [], contract: contract, since: since?.day, every: every,
                    truncated: reply["truncated"]?.boolValue ?? false, width: style.width ?? 80, style: style))
        }
        Output.finish(status: 0)
    }

    /// The daily history as CSV, straight from the database (read-only) to standard output: a
    /// year of ten thousand contracts is millions of rows, too many to pass through the socket.
    private func writeCSV() -> Never {
        let path =
            database ?? (try? ConfigurationLoader.load(path: DefaultPaths.configuration, mustExist: false).database)
            ?? DefaultPaths.database
        do {
            let store = try ExitReadyStore(readingOnly: path)
            if let contract, try !store.hasHistory(contract: contract) {
                Output.error("exitreadyctl: no stored evaluation of \(TerminalSafe.escape(contract)) in \(path)")
                Output.finish(status: PluginStatus.unknown)
            }
            try store.writeDailyHistoryCSV(since: since?.day.iso, contract: contract) { Output.out(bytes: $0) }
        } catch {
            Output.error(
                "exitreadyctl: cannot read the history in \(path) (run as a user who may read it, or name a copy with --database): \(error)"
            )
            Output.finish(status: PluginStatus.unknown)
        }
        Output.finish(status: 0)
    }

    /// A title with the sparkline, the entries newest first, and a note when the limit cut older
    /// ones. No line is wider than `width`, but for the table's day, score and band (28 columns).
    static func render(
        _ entries: [JSONValue], contract: String?, since: Day?, every: Bool, truncated: Bool, width: Int,
        style: TerminalStyle
    ) -> String {
        let subject = contract ?? "the portfolio"
        guard !entries.isEmpty else {
            return "No stored evaluations of \(subject)" + (since.map { " since \($0.iso)" } ?? "") + ".\n"
        }
        let unit = every ? "evaluation" : "day"
        let scores = entries.reversed().map { $0["score"]?.doubleValue }
        var text = title(label: "History of \(subject)", scores: scores, unit: unit, width: width, style: style) + "\n\n"
        // The time column goes first when the table would not fit.
        let fits = table(entries, withTime: true, style: .plain).render().split(separator: "\n").allSatisfy { $0.count <= width }
        text += table(entries, withTime: fits, style: style).render(style: style) + "\n"
        if truncated {
            let newest = entries.count == 1 ? unit : "\(entries.count) \(unit)s"
            text += "\n" + wrap("Showing the newest \(newest); older ones were cut: use --limit or --since.", width: width) + "\n"
        }
        return text
    }

    /// The title line within `width` columns: the label, the sparkline (oldest to newest),
    /// first → last and the count. The sparkline takes the room the text leaves, but no less
    /// than 8 cells (one per point when fewer): to keep that room, the words "oldest to
    /// newest", then the count, then the range are left out, and last the label is shortened.
    static func title(label: String, scores: [Double?], unit: String, width: Int, style: TerminalStyle) -> String {
        let present = scores.compactMap { $0 }
        let range = present.first.map { "\(DecimalText.fixed($0, 1)) → \(DecimalText.fixed(present[present.count - 1], 1))" }
        let count = "\(scores.count) \(unit)\(scores.count == 1 ? "" : "s")"
        let tails = [[range, "(\(count), oldest to newest)"], [range, "(\(count))"], [range], []].map { parts in
            let shown = parts.compactMap { $0 }
            return shown.isEmpty ? "" : "  " + shown.joined(separator: " ")
        }
        let cells = min(scores.count, 8)
        for tail in tails where width - label.count - 2 - tail.count >= cells {
            return style.paint(label, .bold) + "  " + Sparkline.render(scores, width: width - label.count - 2 - tail.count) + tail
        }
        let room = width - 2 - cells
        let short = room < 1 ? "" : label.count <= room ? label : String(label.prefix(room - 1)) + "…"
        return short.isEmpty
            ? Sparkline.render(scores, width: width)
            : style.paint(short, .bold) + "  " + Sparkline.render(scores, width: width - short.count - 2)
    }

    /// The entries as a table, with or without the time of each evaluation.
    private static func table(_ entries: [JSONValue], withTime: Bool, style: TerminalStyle) -> TextTable {
        var table = TextTable((withTime ? [.init("EVALUATED AT")] : []) + [.init("DAY"), .init("SCORE", .right), .init("BAND")])
        for entry in entries {
            let band = entry["band"]?.stringValue ?? "-"
            let time = withTime ? [plain(entry["evaluated_at"]?.stringValue ?? "?")] : []
            table.add(
                styled: time + [
                    plain(entry["day"]?.stringValue ?? "?"),
                    plain(entry["score"]?.doubleValue.map { DecimalText.fixed($0, 1) } ?? "-"), (band, style.band(band)),
                ])
        }
        return table
    }

    /// Words in lines of at most `width` columns (a longer word has a line of its own).
    private static func wrap(_ text: String, width: Int) -> String {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    private static func plain(_ text: String) -> (plain: String, shown: String) { (text, text) }
}
