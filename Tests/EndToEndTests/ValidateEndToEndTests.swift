import Foundation
import Testing

/// Which checklist `validate` and `check` read when none is given.
@Suite("exitreadyctl validate: the checklist used")
struct ValidateEndToEndTests {
    static let installed = "/etc/exitready/dataroom.yaml"
    /// Tests expect the fallbacks where exitready is not installed, the default where it is.
    static var installedExists: Bool { FileManager.default.fileExists(atPath: installed) }
    static let demo = Binaries.packageRoot.appendingPathComponent("examples/demo")

    /// The line naming the checklist that `validate` prints first, for a checklist found beside
    /// the inventory (or the installed one, on a machine that has it).
    static func checklistLine(beside: String) -> String {
        installedExists ? "checklist: \(installed) (default)"
            : "checklist: \(beside) (beside the inventory; \(installed) does not exist)"
    }

    /// A folder laid out like examples/demo: `inventory/` and, beside it, `dataroom.yaml`.
    static func demoCopy() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(at: directory.url.appendingPathComponent("demo"), withIntermediateDirectories: true)
        for name in ["inventory", "dataroom.yaml"] {
            try FileManager.default.copyItem(at: demo.appendingPathComponent(name),
                                             to: directory.url.appendingPathComponent("demo/\(name)"))
        }
        return directory
    }

    @Test func theReadmeCommandWorksInACheckout() throws {
        let result = try Binaries.run("exitreadyctl", ["validate", "--inventory", "examples/demo/inventory"],
                                      currentDirectory: Binaries.packageRoot)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == Self.checklistLine(beside: "examples/demo/dataroom.yaml"), "\(result.stdout)")
        #expect(lines.last?.hasPrefix("valid: 6 contracts") == true, "\(result.stdout)")
    }

    @Test(arguments: ["demo/inventory", "demo/inventory/", "./demo/inventory"])
    func theChecklistBesideTheInventoryIsFoundFromAnyDirectory(_ inventory: String) throws {
        let directory = try Self.demoCopy()
        let result = try Binaries.run("exitreadyctl", ["validate", "--inventory", inventory], currentDirectory: directory.url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let beside = inventory.hasPrefix("./") ? "./demo/dataroom.yaml" : "demo/dataroom.yaml"
        #expect(result.stdout.split(separator: "\n").first.map(String.init) == Self.checklistLine(beside: beside))
    }

    @Test func theDemoChecklistIsTheShippedOne() throws {
        let shipped = try Data(contentsOf: Binaries.packageRoot.appendingPathComponent("etc/exitready/dataroom.yaml"))
        #expect(try Data(contentsOf: Self.demo.appendingPathComponent("dataroom.yaml")) == shipped,
                "examples/demo/dataroom.yaml must stay a copy of etc/exitready/dataroom.yaml")
    }

    @Test func aGivenChecklistIsNamedToo() throws {
        let directory = try Self.demoCopy()
        let result = try Binaries.run("exitreadyctl", ["validate", "--inventory", "demo/inventory", "--checklist", DemoCopy.checklist],
                                      currentDirectory: directory.url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("checklist: \(DemoCopy.checklist) (--checklist)\n"), "\(result.stdout)")
    }

    @Test func withNoChecklistAnywhereTheInstalledPathIsReported() throws {
        try #require(!Self.installedExists, "\(Self.installed) exists on this machine")
        let directory = try Self.demoCopy()
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("demo/dataroom.yaml"))
        let result = try Binaries.run("exitreadyctl", ["validate", "--inventory", "demo/inventory"], currentDirectory: directory.url)
        #expect(result.status == 1)
        #expect(result.stdout.split(separator: "\n").map(String.init) == [
            "checklist: \(Self.installed) (default; demo/dataroom.yaml does not exist either)",
            "\(Self.installed):1:1: cannot open the file: No such file or directory",
        ], "\(result.stdout)")
    }

    @Test func checkFindsTheChecklistTheSameWayAndSaysSoOnStandardError() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        try FileManager.default.copyItem(atPath: DemoCopy.checklist, toPath: demo.directory.path("dataroom.yaml"))
        let result = try Binaries.run("exitreadyctl", ["check", "--inventory", demo.inventory, "--dataroom", demo.dataroom,
                                                       "--now", "2026-12-01", "--json"],
                                      environment: CheckCommandTests.environment)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == "exitreadyctl: " + Self.checklistLine(beside: demo.directory.path("dataroom.yaml")) + "\n")
    }
}
