import Foundation
import Testing

@Suite("exitreadyctl dataroom and check --database")
struct DataroomCommandTests {
    @Test func checkThroughTheScanCacheMatchesThePlainWalk() throws {
        let demo = try DemoCopy(
            modified: CheckCommandTests.demoFileTime, worldReadable: ["klantlijn-inbound/personnel/roster-pseudonymised.csv"])
        let arguments = demo.checkArguments + ["--now", "2026-12-01", "--json"]
        let plain = try Binaries.run("exitreadyctl", arguments, environment: CheckCommandTests.environment)
        let database = demo.directory.path("cache.db")
        let fresh = try Binaries.run(
            "exitreadyctl", arguments + ["--database", database], environment: CheckCommandTests.environment)
        let warm = try Binaries.run(
            "exitreadyctl", arguments + ["--database", database], environment: CheckCommandTests.environment)
        #expect(plain.status == 1 && fresh.status == 1 && warm.status == 1)
        #expect(plain.stdout.contains(#""provenance":{"#) && !Binaries.withoutProvenance(plain.stdout).contains("provenance"))
        #expect(Binaries.withoutProvenance(fresh.stdout) == Binaries.withoutProvenance(plain.stdout))
        #expect(Binaries.withoutProvenance(warm.stdout) == Binaries.withoutProvenance(plain.stdout))
    }

    @Test func scanReportsTotalsAsJSONAndSecondScanFindsNothingNew() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let database = demo.directory.path("cache.db")
        let arguments = ["dataroom", "scan", "--dataroom", demo.dataroom, "--database", database, "--json"]
        let first = try Binaries.run("exitreadyctl", arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let firstReport = try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as! [String: Any]
        let files = try #require(firstReport["files"] as? Int)
        #expect(files > 50)
        #expect(firstReport["added"] as? Int == files && firstReport["hashed_files"] as? Int == files)
        let second =
            try JSONSerialization.jsonObject(with: Data(try Binaries.run("exitreadyctl", arguments).stdout.utf8))
            as! [String: Any]
        #expect(second["added"] as? Int == 0 && second["hashed_files"] as? Int == 0 && second["files"] as? Int == files)
    }

    @Test func manifestErrorsHaveTheirOwnExitStatus() throws {
        let directory = try TemporaryDirectory()
        try directory.write("room/acme/a.txt", "a")
        let missing = try Binaries.run("exitreadyctl", ["dataroom", "manifest", "beta", "--dataroom", directory.path("room")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("cannot read the contract folder"))
        let written = try Binaries.run(
            "exitreadyctl",
            [
                "dataroom", "manifest", "acme", "--dataroom", directory.path("room"),
                "--output", directory.path("acme.sha256"),
            ])
        #expect(written.status == 0 && written.stdout.isEmpty)
        #expect(
            try String(contentsOfFile: directory.path("acme.sha256"), encoding: .utf8)
                == "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.txt\n")
        let noRoot = try Binaries.run(
            "exitreadyctl",
            [
                "dataroom", "scan", "--dataroom", directory.path("nowhere"),
                "--database", directory.path("db"),
            ])
        #expect(noRoot.status == 2)
        #expect(noRoot.stderr.contains("cannot scan the dataroom"))
    }

    /// Root reads everything, so permission problems are only seen by an unprivileged scan.
    @Test(.enabled(if: getuid() == 0 || ProcessInfo.processInfo.environment["CI"] == "true", "needs root to drop to nobody"))
    func unreadableDirectoriesAndFilesAreProblemsNotFailures() throws {
        #expect(getuid() == 0, "run the test suite as root (CI does) to check permission problems")
        let directory = try TemporaryDirectory()
        chmod(directory.url.path, 0o777)
        try directory.write("room/acme/readable.txt", "fine")
        try directory.write("room/acme/closed/inside.txt", "hidden")
        try directory.write("room/acme/secret.txt", "secret")
        chmod(directory.path("room/acme/closed"), 0o000)
        chmod(directory.path("room/acme/secret.txt"), 0o000)
        let result = try Binaries.run(
            "/usr/bin/setpriv",
            [
                "--reuid=65534", "--regid=65534", "--clear-groups", Binaries.path("exitreadyctl"), "dataroom", "scan",
                "--dataroom", directory.path("room"), "--database", directory.path("nobody.db"), "--json",
            ])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let problems = (report["problems"] as? [[String: String]] ?? []).map { "\($0["path"]!): \($0["message"]!)" }
        #expect(problems == ["acme/closed: Permission denied", "acme/secret.txt: cannot open: Permission denied"])
        #expect(report["files"] as? Int == 2 && report["hashed_files"] as? Int == 1)
    }
}
