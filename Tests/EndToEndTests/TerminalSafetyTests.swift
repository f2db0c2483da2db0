import Foundation
import Testing

/// Control characters in dataroom file names and inventory values reach people's terminals only
/// escaped (`\u{1B}`), in every human-readable output of exitreadyctl; `--json` keeps them exact.
@Suite("exitreadyctl escapes control characters for the terminal")
struct TerminalSafetyTests {
    /// Retitles the window (OSC … BEL), clears the screen (ESC [2J) and starts a C1 CSI (U+009B).
    static let hostileName = "x\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}y.md"
    static let hostileNameShown = #"x\u{1B}]0;pwned\u{7}\u{1B}[2J\u{9B}y.md"#
    static let supplier = "Klantlijn \u{1B}]0;owned\u{07}\u{9B}2J Contact B.V."
    static let supplierShown = #"Klantlijn \u{1B}]0;owned\u{7}\u{9B}2J Contact B.V."#
    static let processName = "Claims \u{1B}[31mtracker\u{7F}"
    static let processNameShown = #"Claims \u{1B}[31mtracker\u{7F}"#

    /// The demo with the hostile name as the newest, stale (D02) and world-readable (D90) file of
    /// klantlijn-inbound's knowledge base, the supplier of klantlijn-inbound in YAML escapes and
    /// the name of dialoog-email's claims tracker with raw control bytes in processes.csv.
    static func hostileDemo() throws -> DemoCopy {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let folder = demo.dataroom + "/klantlijn-inbound/knowledge-base"
        let files = FileManager.default
        for name in try files.contentsOfDirectory(atPath: folder) {
            try files.setAttributes(
                [.modificationDate: Date(timeIntervalSince1970: 1_767_225_600)],  // 2026-01-01
                ofItemAtPath: folder + "/" + name)
        }
        let hostile = folder + "/" + hostileName
        try "exported knowledge base\n".write(toFile: hostile, atomically: false, encoding: .utf8)
        try files.setAttributes(
            [.posixPermissions: 0o644, .modificationDate: Date(timeIntervalSince1970: 1_769_904_000)],
            ofItemAtPath: hostile)  // 2026-02-01
        try replace(
            "Klantlijn Contact B.V.", with: #""Klantlijn \e]0;owned\a\x9b2J Contact B.V.""#,
            in: demo.inventory + "/contracts/klantlijn-inbound.yaml")
        try replace(
            "Claims follow-up tracker in a supplier-hosted Access database (shadow administration)",
            with: processName, in: demo.inventory + "/processes.csv")
        return demo
    }

    static func replace(_ text: String, with replacement: String, in path: String) throws {
        let original = try String(contentsOfFile: path, encoding: .utf8)
        #expect(original.contains(text))
        try original.replacingOccurrences(of: text, with: replacement).write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Control characters of a text: C0 (newline excepted), DEL and C1.
    static func controls(_ text: String) -> [String] {
        text.unicodeScalars.filter { ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) }
            .map { "U+" + String($0.value, radix: 16, uppercase: true) }
    }

    @Test func contractDetailShowsFileNamesAndValuesEscaped() throws {
        let demo = try Self.hostileDemo()
        let arguments = demo.checkArguments + ["--now", "2026-12-01"]
        let detail = try Binaries.run(
            "exitreadyctl", arguments + ["--contract", "klantlijn-inbound"],
            environment: CheckCommandTests.environment)
        #expect(detail.status < 3, "\(detail.stderr)")
        #expect(Self.controls(detail.stdout) == [], "\(detail.stdout)")
        #expect(detail.stdout.contains("D90 [knowledge-base/\(Self.hostileNameShown)] security"), "\(detail.stdout)")
        #expect(detail.stdout.contains("knowledge-base/\(Self.hostileNameShown) is readable by everyone"))
        #expect(detail.stdout.contains("(newest, knowledge-base/\(Self.hostileNameShown), dated 2026-02-01"), "\(detail.stdout)")
        #expect(detail.stdout.contains("klantlijn-inbound — \(Self.supplierShown), "))

        let process = try Binaries.run(
            "exitreadyctl", arguments + ["--contract", "dialoog-email"],
            environment: CheckCommandTests.environment)
        #expect(process.status < 3, "\(process.stderr)")
        #expect(Self.controls(process.stdout) == [], "\(process.stdout)")
        #expect(process.stdout.contains("process \"\(Self.processNameShown)\""), "\(process.stdout)")

        let summary = try Binaries.run("exitreadyctl", arguments, environment: CheckCommandTests.environment)
        #expect(summary.status < 3, "\(summary.stderr)")
        #expect(Self.controls(summary.stdout) == [], "\(summary.stdout)")
        #expect(summary.stdout.contains(Self.supplierShown), "\(summary.stdout)")
    }

    @Test func jsonKeepsTheOriginalTextExactly() throws {
        let demo = try Self.hostileDemo()
        let arguments = demo.checkArguments + ["--now", "2026-12-01", "--json"]
        let result = try Binaries.run(
            "exitreadyctl", arguments + ["--contract", "klantlijn-inbound"],
            environment: CheckCommandTests.environment)
        #expect(result.status < 3, "\(result.stderr)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(document["supplier"] as? String == Self.supplier)
        let findings = try #require(document["findings"] as? [[String: Any]])
        let path = "knowledge-base/" + Self.hostileName
        #expect(findings.contains { $0["code"] as? String == "D90" && $0["subject"] as? String == path })
        #expect(findings.contains { $0["code"] as? String == "D02" && ($0["message"] as? String)?.contains(path) == true })

        let other = try Binaries.run(
            "exitreadyctl", arguments + ["--contract", "dialoog-email"],
            environment: CheckCommandTests.environment)
        let messages = try #require(try JSONSerialization.jsonObject(with: Data(other.stdout.utf8)) as? [String: Any])["findings"]
        #expect(
            (messages as? [[String: Any]])?.contains { ($0["message"] as? String)?.contains(Self.processName) == true } == true)
    }

    @Test func errorMessagesAreEscaped() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let result = try Binaries.run(
            "exitreadyctl", demo.checkArguments + ["--contract", "no\u{1B}[2J\u{9B}pe\nx"],
            environment: CheckCommandTests.environment)
        #expect(result.status == 3)
        #expect(Self.controls(result.stderr) == [], "\(result.stderr)")
        #expect(result.stderr.contains(#"no contract no\u{1B}[2J\u{9B}pe\nx in "#), "\(result.stderr)")
    }

    /// Root reads everything, so the unreadable folder is only a problem for an unprivileged run.
    @Test(.enabled(if: getuid() == 0, "needs root to drop to nobody"))
    func scanProblemsAndCheckWarningsAreEscaped() throws {
        let directory = try TemporaryDirectory()
        chmod(directory.url.path, 0o777)
        let name = "x\u{1B}]0;pwned\u{07}\n\u{9B}y"
        try directory.write("room/acme/readable.txt", "fine")
        try directory.write("room/acme/\(name)/inside.txt", "hidden")
        chmod(directory.path("room/acme/\(name)"), 0o000)
        try directory.write(
            "inventory/contracts/acme.yaml",
            """
            id: acme
            supplier: Acme Contact B.V.
            service: Inbound voice and chat NL
            criticality: critical
            start: 2023-01-01
            end: 2027-06-30
            notice_days: 180

            """)
        let shown = #"acme/x\u{1B}]0;pwned\u{7}\n\u{9B}y: Permission denied"#
        let nobody = ["--reuid=65534", "--regid=65534", "--clear-groups", Binaries.path("exitreadyctl")]

        let scan = try Binaries.run(
            "/usr/bin/setpriv",
            nobody + [
                "dataroom", "scan", "--dataroom", directory.path("room"), "--database", directory.path("nobody.db"),
            ])
        #expect(scan.status == 1, "\(scan.stderr)")
        #expect(Self.controls(scan.stderr) == [], "\(scan.stderr)")
        #expect(scan.stderr == "exitreadyctl: \(shown)\n")

        let check = try Binaries.run(
            "/usr/bin/setpriv",
            nobody + [
                "check", "--inventory", directory.path("inventory"), "--dataroom", directory.path("room"),
                "--checklist", DemoCopy.checklist, "--now", "2026-12-01",
            ])
        #expect(check.status < 3, "\(check.stderr)")
        #expect(Self.controls(check.stderr) == [], "\(check.stderr)")
        #expect(check.stderr == "exitreadyctl: warning: dataroom \(shown)\n")
    }
}
