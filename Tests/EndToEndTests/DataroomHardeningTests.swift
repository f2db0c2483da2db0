import Foundation
import Testing

/// The commands against what a hostile or careless share can hold, and what a hostile local
/// user can plant beside their output.
@Suite("exitreadyctl against hostile datarooms and output directories")
struct DataroomHardeningTests {
    @Test func aFileDatedInTheYear2300DoesNotCrashCheck() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        try "from the future".write(toFile: demo.dataroom + "/klantlijn-inbound/future.txt", atomically: false, encoding: .utf8)
        let touched = try Binaries.run("/usr/bin/touch", ["-d", "2300-01-01", demo.dataroom + "/klantlijn-inbound/future.txt"])
        #expect(touched.status == 0)
        let arguments = demo.checkArguments + ["--now", "2026-12-01", "--json"]
        let plain = try Binaries.run("exitreadyctl", arguments, environment: CheckCommandTests.environment)
        let cached = try Binaries.run(
            "exitreadyctl", arguments + ["--database", demo.directory.path("cache.db")],
            environment: CheckCommandTests.environment)
        #expect((0...2).contains(plain.status), "\(plain.stderr)")
        #expect(cached.status == plain.status, "\(cached.stderr)")
        #expect(Binaries.withoutProvenance(cached.stdout) == Binaries.withoutProvenance(plain.stdout))
    }

    @Test func manifestRefusesAContractThatIsNotAnID() throws {
        let directory = try TemporaryDirectory()
        try directory.write("room/acme/a.txt", "a")
        try directory.write("secret/passwd", "root:x:0:0")
        let result = try Binaries.run(
            "exitreadyctl", ["dataroom", "manifest", "../secret", "--dataroom", directory.path("room")])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("'../secret' is not a contract id"))
    }

    @Test func manifestAsJSON() throws {
        let directory = try TemporaryDirectory()
        try directory.write("room/acme/b/z.txt", "zz")
        try directory.write("room/acme/a.txt", "a")
        let result = try Binaries.run(
            "exitreadyctl", ["dataroom", "manifest", "acme", "--dataroom", directory.path("room"), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["contract"] as? String == "acme")
        let files = try #require(document["files"] as? [[String: Any]])
        #expect(files.map { $0["path"] as? String } == ["a.txt", "b/z.txt"])
        #expect(files.map { $0["size"] as? Int } == [1, 2])
        #expect(files.first?["sha256"] as? String == "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb")
        #expect((document["problems"] as? [Any])?.isEmpty == true)
    }

    @Test func manifestOutputReplacesAPlantedSymlinkWithoutFollowingIt() throws {
        let directory = try TemporaryDirectory()
        try directory.write("room/acme/a.txt", "a")
        try directory.write("victim", "must stay")
        let output = directory.path("out/acme.sha256")
        try FileManager.default.createDirectory(atPath: directory.path("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: output, withDestinationPath: directory.path("victim"))
        // Through sh, to run with a known umask.
        let result = try Binaries.run(
            "/bin/sh",
            [
                "-c", "umask 022; exec \"$0\" \"$@\"", Binaries.path("exitreadyctl"),
                "dataroom", "manifest", "acme", "--dataroom", directory.path("room"),
                "--output", output,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try String(contentsOfFile: directory.path("victim"), encoding: .utf8) == "must stay")
        var status = stat()
        #expect(lstat(output, &status) == 0)
        #expect(status.st_mode & S_IFMT == S_IFREG)
        #expect(status.st_mode & 0o777 == 0o640, "the manifest lists personnel file names: not for everyone")
        #expect(
            try String(contentsOfFile: output, encoding: .utf8)
                == "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  a.txt\n")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path("out")) == ["acme.sha256"], "no temporary left")
    }
}
