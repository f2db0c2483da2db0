import ArgumentParser
import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessProtocol
import ExitReadinessReport
import ExitReadyCtlOnline

/// `exitreadyctl export register`: template B_07.01 of the register of information as CSV,
/// from the daemon's last evaluation, or offline with `--inventory`.
struct ExportRegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "Write the register of information (template B_07.01) as CSV.",
        discussion: """
            One row per active contract with a register block, in id order; the exit plan column (c0080) \
            is measured from the dataroom, the rest is copied from the inventory. Active contracts without \
            a block are named on standard error. Asks the daemon; with --inventory it evaluates offline, \
            as check does. Exit status: 0 written, 2 the output file cannot be written, 3 nothing to \
            export (invalid inventory, unreadable paths, daemon unreachable).
            """
    )

    @Option(
        name: .long, help: ArgumentHelp("Write the CSV here (atomically) instead of standard output.", valueName: "file"),
        completion: .file())
    var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Evaluate this inventory offline instead of asking the daemon.", valueName: "dir"),
        completion: .directory)
    var inventory: String?

    @Option(
        name: .long, help: ArgumentHelp("Dataroom checklist, offline (as for check).", valueName: "file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var checklist: String?

    @Option(
        name: .long, help: ArgumentHelp("Dataroom root, offline (default: \(DefaultPaths.dataroom)).", valueName: "dir"),
        completion: .directory)
    var dataroom: String?

    @Option(
        name: .long, help: ArgumentHelp("Rescan into this scan cache and score from it, offline.", valueName: "file"),
        completion: .file())
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Evaluate as of this date, offline.", valueName: "YYYY-MM-DD"))
    var now: String?

    @OptionGroup var online: OnlineOptions

    func validate() throws {
        if inventory == nil, checklist != nil || dataroom != nil || database != nil || now != nil {
            throw ValidationError("--checklist, --dataroom, --database and --now evaluate offline: give --inventory too")
        }
        if let now, Day(iso: now) == nil {
            throw ValidationError("--now \(now) is not a valid date; expected YYYY-MM-DD")
        }
    }

    func run() throws {
        let reply = inventory.map(offline) ?? OnlineClient.call(.getRegister, options: online)
        let missing = (reply["missing"]?.arrayValue ?? []).compactMap(\.stringValue)
        if !missing.isEmpty {
            Output.error(
                "exitreadyctl: active contracts without a register block, not exported: "
                    + missing.map(TerminalSafe.escape).joined(separator: ", "))
        }
        if online.json {
            Output.out(reply)
            return
        }
        let csv = Array((reply["csv"]?.stringValue ?? "").utf8)
        guard let output else {
            Output.out(bytes: csv)
            return
        }
        do {
            try AtomicFile.write(csv, to: output)
        } catch {
            Output.error("exitreadyctl: cannot write \(output): \(error)")
            throw ExitCode(2)
        }
    }

    /// The reply `GetRegister` would give, from an offline evaluation of `inventory`.
    private func offline(_ inventory: String) -> JSONValue {
        let location = ChecklistLocation(given: checklist, inventory: inventory)
        if checklist == nil { Output.error("exitreadyctl: \(location)") }
        let evaluation: Evaluation
        do {
            evaluation = try OfflineEvaluation.run(
                inventory: inventory, checklist: location.path, dataroom: dataroom ?? DefaultPaths.dataroom,
                database: database, today: now.flatMap(Day.init(iso:)) ?? LocalCalendar.today())
        } catch {
            Output.finish(status: PluginStatus.unknown)
        }
        let export = RegisterExport(evaluation)
        return .object([
            ("evaluated", .string(evaluation.evaluated.iso)), ("csv", .string(export.csv)),
            ("missing", .array(export.missing.map { .string($0) })),
        ])
    }
}
