import ArgumentParser
import ExitReadiness
import ExitReadinessInventory

/// `exitreadyctl validate`: lists every problem of the inventory and checklist.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check the inventory and the checklist; list every error as FILE:LINE:COLUMN: message.",
        discussion: "Exit status: 0 valid, 1 invalid."
    )

    @OptionGroup var paths: InventoryOptions

    @Flag(name: .long, help: "Print the errors as a JSON array.")
    var json = false

    func run() throws {
        let checklistLocation = paths.checklistLocation
        // Which checklist was read is said first; under --json, standard output is the array alone.
        if json {
            Output.error(checklistLocation.description)
        } else {
            Output.out(TerminalSafe.escape(checklistLocation.description) + "\n")
        }
        var diagnostics: [Diagnostic] = []
        var summary: [String] = []
        do {
            let checklist = try ChecklistReader().read(path: checklistLocation.path)
            summary.append("checklist \(checklist.requirements.count) requirements")
        } catch {
            diagnostics += error.diagnostics
        }
        do {
            let inventory = try InventoryReader().read(directory: paths.inventory)
            let staff = inventory.staff.values.reduce(0) { $0 + $1.count }
            let processes = inventory.processes.values.reduce(0) { $0 + $1.count }
            summary.insert("\(inventory.contracts.count) contracts, \(staff) staff rows, \(processes) processes", at: 0)
        } catch {
            diagnostics += error.diagnostics
        }
        if json {
            Output.out(JSONValue.array(diagnostics.map { diagnostic in
                .object([("file", .string(diagnostic.file)), ("line", .integer(diagnostic.line)),
                         ("column", .integer(diagnostic.column)), ("message", .string(diagnostic.message))])
            }))
        } else {
            for diagnostic in diagnostics { Output.out(diagnostic.description + "\n") }
        }
        guard diagnostics.isEmpty else {
            let files = Set(diagnostics.map(\.file)).count
            Output.error("\(diagnostics.count) error\(diagnostics.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s")")
            throw ExitCode(1)
        }
        if !json { Output.out("valid: " + summary.joined(separator: "; ") + "\n") }
    }
}
