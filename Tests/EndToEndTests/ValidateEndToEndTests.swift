import Foundation
import Testing

/// Which checklist `validate` and `check` read when none is given, and how inventory warnings
/// reach the terminal.
@Suite("exitreadyctl validate: the checklist used, and warnings")
struct ValidateEndToEndTests {
    static let installed = "/etc/exitready/dataroom.yaml"
    /// Tests expect the fallbacks where exitready is not installed, the default where it is.
    static var installedExists: Bool { FileManager.default.fileExists(atPath: installed) }
    static let demo = Binaries.packageRoot.appendingPathComponent("examples/demo")

    /// The line naming the checklist that `validate` prints first, for a checklist found beside
    /// the inventory (or the installed one, on a machine that has it).
    static func checklistLine(beside: String) -> String {
        installedExists
            ? "checklist: \(installed) (default)"
            : "checklist: \(beside) (beside the inventory; \(installed) does not exist)"
    }

    /// A folder laid out like examples/demo: `inventory/` and, beside it, `dataroom.yaml`.
    static func demoCopy() throws -> TemporaryDirectory {
        let directory = try TemporaryDirectory()
        try FileManager.default.createDirectory(
            at: directory.url.appendingPathComponent("demo"), withIntermediateDirectories: true)
        for name in ["inventory", "dataroom.yaml"] {
            try FileManager.default.copyItem(
                at: demo.appendingPathComponent(name),
                to: directory.url.appendingPathComponent("demo/\(name)"))
        }
        return directory
    }

    @Test func theReadmeCommandWorksInACheckout() throws {
        let result = try Binaries.run(
            "exitreadyctl", ["validate", "--inventory", "examples/demo/inventory"],
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
        #expect(
            try Data(contentsOf: Self.demo.appendingPathComponent("dataroom.yaml")) == shipped,
            "examples/demo/dataroom.yaml must stay a copy of etc/exitready/dataroom.yaml")
    }

    @Test func aGivenChecklistIsNamedToo() throws {
        let directory = try Self.demoCopy()
        let result = try Binaries.run(
            "exitreadyctl", ["validate", "--inventory", "demo/inventory", "--checklist", DemoCopy.checklist],
            currentDirectory: directory.url)
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.hasPrefix("checklist: \(DemoCopy.checklist) (--checklist)\n"), "\(result.stdout)")
    }

    @Test func withNoChecklistAnywhereTheInstalledPathIsReported() throws {
        try #require(!Self.installedExists, "\(Self.installed) exists on this machine")
        let directory = try Self.demoCopy()
        try FileManager.default.removeItem(at: directory.url.appendingPathComponent("demo/dataroom.yaml"))
        let result = try Binaries.run(
            "exitreadyctl", ["validate", "--inventory", "demo/inventory"], currentDirectory: directory.url)
        #expect(result.status == 1)
        #expect(
            result.stdout.split(separator: "\n").map(String.init) == [
                "checklist: \(Self.installed) (default; demo/dataroom.yaml does not exist either)",
                "\(Self.installed):1:1: cannot open the file: No such file or directory",
            ], "\(result.stdout)")
    }

    @Test func checkFindsTheChecklistTheSameWayAndSaysSoOnStandardError() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        try FileManager.default.copyItem(atPath: DemoCopy.checklist, toPath: demo.directory.path("dataroom.yaml"))
        let result = try Binaries.run(
            "exitreadyctl",
            [
                "check", "--inventory", demo.inventory, "--dataroom", demo.dataroom,
                "--now", "2026-12-01", "--json",
            ],
            environment: CheckCommandTests.environment)
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr == "exitreadyctl: " + Self.checklistLine(beside: demo.directory.path("dataroom.yaml")) + "\n")
    }

    // MARK: Warnings

    static let contract = """
        id: acme
        supplier: Acme
        service: Inbound
        criticality: standard
        start: 2023-01-01
        end: 2099-01-01
        notice_days: 90
        last_audit: 2999-01-01

        """

    @Test func warningsArePrintedAndTheInventoryIsStillValid() throws {
        let directory = try TemporaryDirectory()
        try directory.write("inventory/contracts/acme.yaml", Self.contract)
        // A planned joiner is no warning.
        try directory.write("inventory/staff.csv", "contract,person,side,key,joined\nacme,p1,client,yes,2999-01-01\n")
        let result = try Binaries.run(
            "exitreadyctl",
            [
                "validate", "--inventory", directory.path("inventory"),
                "--checklist", DemoCopy.checklist,
            ])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3, "\(result.stdout)")
        #expect(
            lines.dropFirst().first?.hasPrefix(
                directory.path("inventory/contracts/acme.yaml")
                    + ":8:13: warning: last_audit: 2999-01-01 is after the evaluation date ") == true, "\(result.stdout)")
        #expect(lines.last?.hasPrefix("valid: 1 contracts, 1 staff rows, 0 processes; checklist ") == true)
        #expect(lines.last?.hasSuffix(" requirements; 1 warning") == true, "\(result.stdout)")
    }

    @Test func jsonGivesEachDiagnosticItsSeverity() throws {
        let directory = try TemporaryDirectory()
        try directory.write("inventory/contracts/acme.yaml", Self.contract)
        try directory.write(
            "inventory/processes.csv",
            "contract,process,name,kind,reviewed\nacme,pr1,Refunds,informal,2999-01-01\n"
                + "acme,pr2,Credits,shadow,\n")
        let result = try Binaries.run(
            "exitreadyctl",
            [
                "validate", "--json", "--inventory", directory.path("inventory"),
                "--checklist", DemoCopy.checklist,
            ])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.hasPrefix("checklist: \(DemoCopy.checklist) (--checklist)\n"), "\(result.stderr)")
        #expect(result.stderr.hasSuffix("1 error in 1 file; 2 warnings\n"), "\(result.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let shown = list.map { "\($0["line"]!):\($0["column"]!) \($0["severity"]!)" }
        #expect(shown == ["8:13 warning", "2:27 warning", "3:18 error"], "\(result.stdout)")
    }

    @Test func checkPrintsWarningsOnStandardErrorAndScoresTheDateAsToday() throws {
        let file = "inventory/contracts/klantlijn-inbound.yaml"
        func score(reviewed: String) throws -> (Binaries.Result, Any?) {
            let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
            let path = demo.directory.path(file)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "reviewed: 2026-06-15", with: "reviewed: \(reviewed)")
                .write(toFile: path, atomically: false, encoding: .utf8)
            let result = try Binaries.run(
                "exitreadyctl",
                demo.checkArguments + [
                    "--now", "2026-12-01", "--json",
                    "--contract", "klantlijn-inbound",
                ],
                environment: CheckCommandTests.environment)
            let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            return (result, document?["score"])
        }
        let (future, futureScore) = try score(reviewed: "2062-06-15")
        #expect(future.status == 0, "\(future.stderr)")
        #expect(
            future.stderr.hasSuffix(
                "/\(file):14:13: warning: exit_plan.reviewed: 2062-06-15 is after the evaluation "
                    + "date 2026-12-01; a date in the future is probably a typo (it is scored as if it were today)\n"),
            "\(future.stderr)")
        #expect(future.stderr.split(separator: "\n").count == 1)
        let (today, todayScore) = try score(reviewed: "2026-12-01")
        #expect(today.stderr.isEmpty, "\(today.stderr)")
        #expect("\(futureScore ?? "none")" == "\(todayScore ?? "none")")
    }
}
