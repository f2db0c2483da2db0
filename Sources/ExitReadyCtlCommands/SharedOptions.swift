import ArgumentParser
import ExitReadinessConfiguration

/// Where the inventory and the checklist are.
struct InventoryOptions: ParsableArguments {
    @Option(
        name: .long, help: ArgumentHelp("Inventory directory (contracts/, staff.csv, processes.csv).", valueName: "dir"),
        completion: .directory)
    var inventory = DefaultPaths.inventory

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Dataroom checklist (default: \(DefaultPaths.checklist) when it exists, "
                + "else dataroom.yaml beside the inventory directory).", valueName: "file"),
        completion: .file(extensions: ["yaml", "yml"]))
    var checklist: String?

    /// The checklist to read, and why that one.
    var checklistLocation: ChecklistLocation { ChecklistLocation(given: checklist, inventory: inventory) }
}
