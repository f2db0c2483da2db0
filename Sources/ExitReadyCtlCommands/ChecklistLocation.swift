import ExitReadinessConfiguration

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which dataroom checklist a command reads, and why: the one given with `--checklist`, else the
/// installed one when it exists, else `dataroom.yaml` beside the inventory directory (as in
/// `examples/demo`, which holds `inventory/` and `dataroom.yaml`), so that a checkout works on a
/// machine where exitready is not installed.
struct ChecklistLocation: CustomStringConvertible {

    var path: String
    /// How the path was chosen.
    var reason: String

    init(given: String?, inventory: String) {
        if let given {
            (path, reason) = (given, "--checklist")
            return
        }
        let beside = Self.besideInventory(inventory)
        if Self.exists(DefaultPaths.checklist) {
            (path, reason) = (DefaultPaths.checklist, "default")
        } else if Self.exists(beside) {
            (path, reason) = (beside, "beside the inventory; \(DefaultPaths.checklist) does not exist")
        } else {
            (path, reason) = (DefaultPaths.checklist, "default; \(beside) does not exist either")
        }
    }

    /// `checklist: PATH (REASON)`.
    var description: String { "checklist: \(path) (\(reason))" }

    /// `dataroom.yaml` in the directory that holds the inventory directory.
    static func besideInventory(_ inventory: String) -> String {
        var directory = Substring(inventory)
        while directory.count > 1, directory.hasSuffix("/") { directory = directory.dropLast() }
        let name = directory.split(separator: "/").last ?? ""
        if name.isEmpty || name == "." || name == ".." { return String(directory) + "/../dataroom.yaml" }
        guard let slash = directory.lastIndex(of: "/") else { return "dataroom.yaml" }
        return String(directory[...slash]) + "dataroom.yaml"
    }

    private static func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }
}
