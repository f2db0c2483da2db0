import ArgumentParser

/// Where the inventory and the checklist are.
struct InventoryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Inventory directory (contracts/, staff.csv, processes.csv).", valueName: "dir"))
    var inventory = "/etc/exitready/inventory"

    @Option(name: .long, help: ArgumentHelp("Dataroom checklist.", valueName: "file"))
    var checklist = "/etc/exitready/dataroom.yaml"
}
