import Foundation
import Testing

@testable import ExitReadinessInventory

/// The inventory's digest is what an auditor gets from coreutils in the inventory directory:
/// the tests run that very command and compare.
@Suite("The inventory digest, as coreutils computes it")
struct InventoryDigestTests {
    static let command = "find . -type f ! -path '*/.*' -printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum"

    /// The first field of `command` run in `directory`.
    static func coreutils(in directory: String, command: String = command) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(String(decoding: data, as: UTF8.self).prefix { $0 != " " })
    }

    @Test func theDemoInventoryMatchesCoreutils() throws {
        let inventory = try SpecialFileTests.InventoryCopy()
        let digest = InventoryDigest.compute(directory: inventory.directory)
        #expect(digest.sha256.count == 64)
        #expect(digest.sha256 == (try Self.coreutils(in: inventory.directory)))
        #expect(digest.unreadable.isEmpty)
    }

    /// Random trees with names that need care: spaces, UTF-8, a backslash, a carriage return,
    /// a leading dash inside a folder, dot-files and dot-folders (left out), empty files, a
    /// symbolic link (left out), byte order against locale order.
    @Test(arguments: 0..<12) func randomInventoriesMatchCoreutils(seed: Int) throws {
        var random = SeededGenerator(seed: UInt64(seed))
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let names = [
            "contracts", "a b.yaml", "Zeta.csv", "zeta.csv", "émigré.yaml", "back\\slash.csv", "cr\rname", "x-1", "x_1",
            "X", "Ω", "staff.csv", ".hidden", ".git", "-dash", "tab\tname", "quote\"d", "star*", "q?",
        ]
        let fileManager = FileManager.default
        try fileManager.createDirectory(atPath: root, withIntermediateDirectories: true)
        var folders = [root]
        for _ in 0..<(8 + Int(random.next() % 30)) {
            let folder = folders[Int(random.next() % UInt64(folders.count))]
            let name = names[Int(random.next() % UInt64(names.count))]
            let path = folder + "/" + name
            if fileManager.fileExists(atPath: path) { continue }
            // A leading dash at the top would make sha256sum read it as an option.
            if folder == root && name.hasPrefix("-") { continue }
            switch random.next() % 5 {
            case 0:
                try fileManager.createDirectory(atPath: path, withIntermediateDirectories: false)
                folders.append(path)
            case 1 where folder != root:
                try fileManager.createSymbolicLink(atPath: path, withDestinationPath: "../elsewhere")
            default:
                let size = Int(random.next() % 3000)
                let bytes = (0..<size).map { _ in UInt8(truncatingIfNeeded: random.next()) }
                #expect(fileManager.createFile(atPath: path, contents: Data(bytes)))
            }
        }
        let digest = InventoryDigest.compute(directory: root)
        #expect(digest.sha256 == (try Self.coreutils(in: root)), "seed \(seed)")
    }

    @Test func anEmptyInventoryIsTheDigestOfEmptyInput() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("digest-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        #expect(InventoryDigest.compute(directory: root).sha256 == (try Self.coreutils(in: root)))
    }

    @Test func theRevisionFollowsAFileOutsideTheRegistersAndTheChecklist() throws {
        let inventory = try SpecialFileTests.InventoryCopy()
        let checklist = inventory.directory + "/checklist.yaml"
        try "requirements: []\n".write(toFile: checklist, atomically: false, encoding: .utf8)
        let before = InventoryRevision.compute(directory: inventory.directory, checklist: checklist)
        #expect(before.checklistSHA256 == (try Self.coreutils(in: inventory.directory, command: "sha256sum checklist.yaml")))
        #expect(before.inventorySHA256 == (try Self.coreutils(in: inventory.directory)))
        try "requirements: [ ]\n".write(toFile: checklist, atomically: false, encoding: .utf8)
        let changed = InventoryRevision.compute(directory: inventory.directory, checklist: checklist)
        #expect(changed.revision != before.revision && changed.checklistSHA256 != before.checklistSHA256)
    }
}

/// SplitMix64: the same trees on every run for a seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
