import ArgumentParser

/// Where the inventory and the checklist are.
struct InventoryOptions: ParsableArguments {
    static let defaultInventory = "/etc/exitready/inventory"

    @Option(name: .long, help: ArgumentHelp("Inventory directory (contracts/, staff.csv, processes.csv).", valueName: "dir"),
            completion: .directory)
    var inventory = InventoryOptions.defaultInventory

    @Option(name: .long, help: ArgumentHelp("Dataroom checklist.", valueName: "file"), completion: .file(extensions: ["yaml", "yml"]))
    var checklist = "/etc/exitready/dataroom.yaml"
}
