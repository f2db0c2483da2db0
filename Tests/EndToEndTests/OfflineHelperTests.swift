import Foundation
import Testing

/// exitreadyctl runs the online commands itself and hands every other command line to
/// exitreadyd's binary started as exitreadyctl: the helper, `../libexec/exitready/exitreadyctl`
/// from its own directory once installed, `exitreadyd` beside it in a build directory.
@Suite("exitreadyctl and its offline helper")
struct OfflineHelperTests {
    /// `bin/exitreadyctl` (a copy of the client) and, with `helper`, the installed layout's
    /// `libexec/exitready/exitreadyctl` linked to the built exitreadyd.
    private static func installed(helper: Bool) throws -> (directory: TemporaryDirectory, client: String) {
        let directory = try TemporaryDirectory()
        let files = FileManager.default
        try files.createDirectory(atPath: directory.path("bin"), withIntermediateDirectories: true)
        try files.copyItem(atPath: Binaries.path("exitreadyctl"), toPath: directory.path("bin/exitreadyctl"))
        if helper {
            try files.createDirectory(atPath: directory.path("libexec/exitready"), withIntermediateDirectories: true)
            try files.createSymbolicLink(
                atPath: directory.path("libexec/exitready/exitreadyctl"), withDestinationPath: Binaries.path("exitreadyd"))
        }
        return (directory, directory.path("bin/exitreadyctl"))
    }

    @Test func theHelpIsOneTextNamingEveryCommand() throws {
        let (directory, client) = try Self.installed(helper: true)
        let help = try Binaries.run(client, ["--help"])
        let helper = try Binaries.run(directory.path("libexec/exitready/exitreadyctl"), ["--help"])
        #expect(help.status == 0)
        #expect(help.stdout == helper.stdout)
        for command in ["check", "validate", "report", "scores", "status", "explain"] {
            #expect(help.stdout.contains("\n  \(command) "), "\(command)")
        }
        let scores = try Binaries.run(client, ["scores", "--help"])
        #expect(scores.stdout.contains("USAGE: exitreadyctl scores"))
        #expect(try Binaries.run(client, ["--version"]).stdout == Binaries.run("exitreadyd", ["--version"]).stdout)
    }

    @Test func offlineCommandsRunThroughTheInstalledHelper() throws {
        let (directory, client) = try Self.installed(helper: true)
        defer { withExtendedLifetime(directory) {} }
        let inventory = Binaries.packageRoot.appendingPathComponent("examples/demo/inventory").path
        let result = try Binaries.run(client, ["validate", "--inventory", inventory, "--checklist", DemoCopy.checklist])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("valid: 6 contracts"))
    }

    /// Without the helper the online commands still work; the others say what is missing.
    @Test func withoutTheHelperOnlyOnlineCommandsRun() throws {
        let (directory, client) = try Self.installed(helper: false)
        let socket = directory.path("missing.sock")
        let scores = try Binaries.run(client, ["scores", "--socket", socket])
        #expect(scores.status == 3)
        #expect(scores.stderr == "exitreadyctl: cannot connect to \(socket): no such socket; is exitreadyd running?\n")
        let version = try Binaries.run(client, ["--version"])
        #expect(version.status == 0)
        #expect(try version.stdout == Binaries.run("exitreadyd", ["--version"]).stdout)
        for arguments in [["check"], ["--help"], ["scores", "--timeout", "0"], ["scroes"]] {
            let result = try Binaries.run(client, arguments)
            #expect(result.status == 69, "\(arguments)")
            #expect(result.stdout.isEmpty)
            #expect(
                result.stderr == "exitreadyctl: the program for this command is missing: none of "
                    + "\(directory.path("libexec/exitready/exitreadyctl")), \(directory.path("bin/exitreadyd")) "
                    + "exists; reinstall exitready\n", "\(arguments)")
        }
    }

    /// A mistake is the helper's to answer, in the words every command uses.
    @Test func mistakesInOnlineCommandsGetTheHelpersMessages() throws {
        let timeout = try Binaries.run("exitreadyctl", ["scores", "--timeout", "0"])
        #expect(timeout.status == 64)
        #expect(timeout.stderr.contains("--timeout must be a number of seconds from 0.001 to 31622400 (a year)"))
        let mistyped = try Binaries.run("exitreadyctl", ["scroes"])
        #expect(mistyped.stderr.contains("did you mean 'scores'?"))
        let style = try Binaries.run("exitreadyctl", ["scores", "--json=yaml"])
        #expect(style.status == 64)
        #expect(style.stderr.contains("--json=yaml is not a JSON style"))
    }
}
