import Foundation

/// A copy of the bundled demo whose dataroom has fixed modes and modification times, so that
/// results do not depend on when or with which umask the repository was checked out.
struct DemoCopy {
    let directory: TemporaryDirectory
    var inventory: String { directory.path("inventory") }
    var dataroom: String { directory.path("dataroom") }
    static let demoDataroom = Binaries.packageRoot.appendingPathComponent("examples/demo/dataroom").path
    static let checklist = Binaries.packageRoot.appendingPathComponent("etc/exitready/dataroom.yaml").path

    /// Every dataroom file gets mode 0640 and the time `modified` (seconds since the epoch);
    /// `worldReadable` files get 0644.
    init(modified: TimeInterval, worldReadable: [String] = []) throws {
        precondition(worldReadable.allSatisfy { FileManager.default.fileExists(atPath: "\(Self.demoDataroom)/\($0)") })
        directory = try TemporaryDirectory()
        let demo = Binaries.packageRoot.appendingPathComponent("examples/demo")
        let files = FileManager.default
        try files.copyItem(at: demo.appendingPathComponent("inventory"), to: directory.url.appendingPathComponent("inventory"))
        try files.copyItem(at: demo.appendingPathComponent("dataroom"), to: directory.url.appendingPathComponent("dataroom"))
        let root = directory.url.appendingPathComponent("dataroom")
        let enumerator = files.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
        let date = Date(timeIntervalSince1970: modified)
        for case let url as URL in enumerator {
            let relative = String(url.path.dropFirst(root.path.count + 1))
            let isFile = try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile ?? false
            let mode = isFile ? (worldReadable.contains(relative) ? 0o644 : 0o640) : 0o750
            try files.setAttributes([.posixPermissions: mode, .modificationDate: date], ofItemAtPath: url.path)
        }
    }

    var checkArguments: [String] {
        ["check", "--inventory", inventory, "--dataroom", dataroom, "--checklist", Self.checklist]
    }
}
