import Foundation
import Testing

@Suite("exitreadyctl export register on the demo")
struct RegisterExportTests {
    static let golden = Binaries.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden/demo-register-2026-12-05.csv")

    static func export(_ demo: DemoCopy, _ extra: [String] = []) throws -> Binaries.Result {
        try Binaries.run(
            "exitreadyctl",
            [
                "export", "register", "--inventory", demo.inventory, "--dataroom", demo.dataroom, "--checklist",
                DemoCopy.checklist, "--now", "2026-12-05",
            ] + extra, environment: CheckCommandTests.environment)
    }

    /// The c0080 cell of the row whose reference is `reference`.
    static func exitPlanCell(_ csv: String, reference: String) -> Substring? {
        csv.split(separator: "\r\n").first { $0.hasPrefix(reference + ",") }?.split(separator: ",")[7]
    }

    @Test func goldenBytes() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let result = try Self.export(demo)
        #expect(result.status == 0, "\(result.stderr)")
        if ProcessInfo.processInfo.environment["EXITREADY_UPDATE_GOLDEN"] == "1" {
            try Data(result.stdout.utf8).write(to: Self.golden)
        }
        let expected = try Data(contentsOf: Self.golden)
        #expect(Data(result.stdout.utf8) == expected, "regenerate with EXITREADY_UPDATE_GOLDEN=1 after checking the difference")
        #expect(expected.starts(with: Data("c0010,c0020,".utf8)), "no byte order mark")
        #expect(String(decoding: expected, as: UTF8.self).components(separatedBy: "\r\n").count == 6, "header, 4 rows, end")
        #expect(
            result.stderr == "exitreadyctl: active contracts without a register block, not exported: webcare-social\n")
    }

    @Test func outputFileIsWrittenWhole() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let output = demo.directory.path("register.csv")
        let result = try Self.export(demo, ["--output", output])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(try Data(contentsOf: URL(fileURLWithPath: output)) == Data(contentsOf: Self.golden))
        let unwritable = try Self.export(demo, ["--output", demo.directory.path("no/such/dir/register.csv")])
        #expect(unwritable.status == 2)
        #expect(unwritable.stderr.contains("cannot write"))
    }

    @Test func removingTheExitPlanFlipsTheMeasuredColumn() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let before = try Self.export(demo)
        #expect(Self.exitPlanCell(before.stdout, reference: "DL-2024-0113") == "eba_BT:x28")
        try FileManager.default.removeItem(atPath: demo.dataroom + "/dialoog-email/exit/exit-plan.md")
        let after = try Self.export(demo)
        #expect(Self.exitPlanCell(after.stdout, reference: "DL-2024-0113") == "eba_BT:x29")
        let changed = zip(before.stdout.split(separator: "\r\n"), after.stdout.split(separator: "\r\n")).filter { $0 != $1 }
        #expect(changed.count == 1, "only the dialoog-email row changes: \(changed)")
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func shellCompletionsOfferIt(_ shell: String) throws {
        let script = try Binaries.run("exitreadyctl", ["--generate-completion-script", shell])
        #expect(script.status == 0)
        #expect(script.stdout.contains("export") && script.stdout.contains("register"))
    }

    @Test func offlineOptionsNeedTheInventory() throws {
        let result = try Binaries.run("exitreadyctl", ["export", "register", "--now", "2026-12-05"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("give --inventory too"))
    }
}
