import ArgumentParser
import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessDataroom
import ExitReadinessReport
import ExitReadinessStore
import ExitReadyCtlOnline

/// `exitreadyctl dataroom scan`: updates the scan cache and hashes new or changed files.
struct DataroomScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Rescan the dataroom: record added, changed and removed files and hash what is new.",
        discussion: "Exit status: 0 scanned, 1 scanned with problems (listed), 2 nothing scanned (dataroom or database unusable)."
    )

    @Option(
        name: .long, help: ArgumentHelp("Dataroom root holding one folder per contract id.", valueName: "dir"),
        completion: .directory)
    var dataroom = DefaultPaths.dataroom

    @Option(
        name: .long, help: ArgumentHelp("Scan cache (SQLite); created when missing.", valueName: "file"),
        completion: .file())
    var database = DefaultPaths.database

    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    func run() throws {
        let report: DataroomScanner.Report
        do {
            let store = try ExitReadyStore(path: database)
            report = try DataroomScanner(root: dataroom, store: store).scan(hash: true)
        } catch {
            Output.error("exitreadyctl: \(error)")
            throw ExitCode(2)
        }
        let totals = report.totals
        if json {
            Output.out(
                JSONValue.object([
                    ("scan", .integer(Int(report.scan))), ("dataroom", .string(dataroom)), ("files", .integer(totals.files)),
                    ("bytes", .integer(Int(totals.bytes))), ("added", .integer(totals.added)),
                    ("changed", .integer(totals.changed)),
                    ("removed", .integer(totals.removed)), ("mode_changes", .integer(totals.modeChanges)),
                    ("hashed_files", .integer(totals.hashedFiles)), ("hashed_bytes", .integer(Int(totals.hashedBytes))),
                    (
                        "problems",
                        .array(report.problems.map { .object([("path", .string($0.path)), ("message", .string($0.message))]) })
                    ),
                    ("duration_seconds", .number(report.duration)),
                ]))
        } else {
            Output.out(
                """
                Scanned \(dataroom) in \(DecimalText.fixed(report.duration, 2)) s (scan \(report.scan))
                  files      \(totals.files) (\(ByteCount.format(totals.bytes)))
                  added      \(totals.added)
                  changed    \(totals.changed)
                  removed    \(totals.removed)
                  modes      \(totals.modeChanges)
                  hashed     \(totals.hashedFiles) files (\(ByteCount.format(totals.hashedBytes)))
                  problems   \(report.problems.count)

                """)
            // The path comes from a file name: even a newline in it is escaped.
            for problem in report.problems { Output.error("exitreadyctl: \(TerminalSafe.escape(problem.description))") }
        }
        if !report.problems.isEmpty { throw ExitCode(1) }
    }
}
