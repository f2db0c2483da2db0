import ArgumentParser

/// `exitreadyctl dataroom`: the scan cache and handover manifests.
struct DataroomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataroom",
        abstract: "Scan the dataroom into the cache, and write handover manifests.",
        subcommands: [DataroomScanCommand.self, DataroomManifestCommand.self]
    )
}
