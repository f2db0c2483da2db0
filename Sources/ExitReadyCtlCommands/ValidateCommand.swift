import ArgumentParser
import ExitReadiness
import ExitReadinessInventory
import ExitReadyCtlOnline

/// `exitreadyctl validate`: lists every problem of the inventory and checklist.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the inventory and the checklist; list every error and warning as FILE:LINE:COLUMN: message.",
        discussion: "Exit status: 0 valid (warnings allowed), 1 invalid."
    )

    @OptionGroup var paths: InventoryOptions

    @Flag(name: .long, help: "Print the errors and warnings as a JSON array.")
    var json = false

    func run() throws {
        let checklistLocation = paths.checklistLocation
        // Which checklist was read is said first; under --json, standard output is the array alone.
        if json {
            Output.error(checklistLocation.description)
        } else {
            Output.out(TerminalSafe.escape(checklistLocation.description) + "\n")
        }
        var errors: [Diagnostic] = []
        var warnings: [Diagnostic] = []
        var summary: [String] = []
        do {
            let checklist = try ChecklistReader().read(path: checklistLocation.path)
            summary.append("checklist \(checklist.requirements.count) requirements")
        } catch {
            errors += error.diagnostics
        }
        do {
            let result = try InventoryReader(today: LocalCalendar.today()).readWithWarnings(directory: paths.inventory)
            let inventory = result.inventory
            warnings = result.warnings
            let staff = inventory.staff.values.reduce(0) { $0 + $1.count }
            let processes = inventory.processes.values.reduce(0) { $0 + $1.count }
            summary.insert("\(inventory.contracts.count) contracts, \(staff) staff rows, \(processes) processes", at: 0)
        } catch {
            errors += error.diagnostics
            warnings = error.warnings
        }
        let diagnostics = (errors + warnings).sortedByPlace()
        if json {
            Output.out(
                JSONValue.array(
                    diagnostics.map { diagnostic in
                        .object([
                            ("file", .string(diagnostic.file)), ("line", .integer(diagnostic.line)),
                            ("column", .integer(diagnostic.column)), ("severity", .string(diagnostic.severity.rawValue)),
                            ("message", .string(diagnostic.message)),
                        ])
                    }))
        } else {
            for diagnostic in diagnostics { Output.out(diagnostic.description + "\n") }
        }
        let warningCount = warnings.isEmpty ? "" : "\(warnings.count) warning\(warnings.count == 1 ? "" : "s")"
        guard errors.isEmpty else {
            let files = Set(errors.map(\.file)).count
            Output.error(
                "\(errors.count) error\(errors.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")"
                    + (warningCount.isEmpty ? "" : "; \(warningCount)"))
            throw ExitCode(1)
        }
        if !warningCount.isEmpty { summary.append(warningCount) }
        if !json { Output.out("valid: " + summary.joined(separator: "; ") + "\n") }
    }
}
