import ArgumentParser

/// Where the inventory and the checklist are.
struct InventoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Inventory directory (contracts/, staff.csv, processes.csv).", valueName: "dir"))
    var inventory = "/etc/exitready/inventory"

    @Option(name: .long, help: ArgumentHelp("Dataroom checklist (default: \(ChecklistLocation.installed) when it exists, "
        + "else dataroom.yaml beside the inventory directory).", valueName: "file"))
    var checklist: String?

    /// The checklist to read, and why that one.
    var checklistLocation: ChecklistLocation { ChecklistLocation(given: checklist, inventory: inventory) }
}
