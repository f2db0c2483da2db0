import Foundation
import Testing

@Suite("exitreadyctl check on the demo")
struct CheckCommandTests {
    /// 2026-11-15 12:00 UTC: two weeks before the golden evaluation date.
    static let demoFileTime: TimeInterval = 1_794_744_000
    static let environment = ["TZ": "Europe/Amsterdam"]

    @Test func goldenJSON() throws {
        let demo = try DemoCopy(
            modified: Self.demoFileTime, worldReadable: ["klantlijn-inbound/personnel/roster-pseudonymised.csv"])
        let result = try Binaries.run(
            "exitreadyctl", demo.checkArguments + ["--now", "2026-12-01", "--json=pretty"],
            environment: Self.environment)
        #expect(result.status == 1, "the demo portfolio is at-risk: \(result.stderr)")
        let golden = Binaries.packageRoot.appendingPathComponent("Tests/EndToEndTests/Golden/demo-2026-12-01.json")
        // The provenance's time is the run's: the golden document has a placeholder.
        let stamp = try Regex(#""evaluated_at": "[0-9T:Z-]{20}""#)
        let output = result.stdout.replacing(stamp, with: #""evaluated_at": "TIME""#, maxReplacements: 1)
        if ProcessInfo.processInfo.environment["EXITREADY_UPDATE_GOLDEN"] == "1" {
            try output.write(to: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(output == expected, "regenerate with EXITREADY_UPDATE_GOLDEN=1 after checking the difference")
    }

    /// Both documents name what they were computed from; the inventory's and the checklist's
    /// digests are what coreutils gives an auditor, the dataroom's only with a scan cache.
    @Test func theProvenanceIsWhatCoreutilsRecomputes() throws {
        let demo = try DemoCopy(modified: Self.demoFileTime)
        let arguments = demo.checkArguments + ["--now", "2026-12-01", "--json"]
        let command = "find . -type f ! -path '*/.*' -printf '%P\\n' | LC_ALL=C sort | xargs -d '\\n' sha256sum | sha256sum"
        let inventory = try Binaries.run("/bin/sh", ["-c", command], currentDirectory: URL(fileURLWithPath: demo.inventory))
        let dataroom = try Binaries.run("/bin/sh", ["-c", command], currentDirectory: URL(fileURLWithPath: demo.dataroom))
        let checklist = try Binaries.run("/usr/bin/sha256sum", [Binaries.packageRoot.path + "/etc/exitready/dataroom.yaml"])
        let parse = { (text: String) in try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any] }
        let database = demo.directory.path("scan.db")
        for extra in [[], ["--summary"], ["--database", database]] {
            let result = try Binaries.run("exitreadyctl", arguments + extra, environment: Self.environment)
            let provenance = try #require(parse(result.stdout)["provenance"] as? [String: Any], "\(extra)")
            #expect(provenance["inventory_sha256"] as? String == String(inventory.stdout.prefix(64)))
            #expect(provenance["checklist_sha256"] as? String == String(checklist.stdout.prefix(64)))
            #expect(provenance["rules"] as? Int == 1)
            let digest = provenance["dataroom"] as? [String: Any]
            if extra.first == "--database" {
                #expect(digest?["sha256"] as? String == String(dataroom.stdout.prefix(64)))
            } else {
                #expect(provenance["dataroom"] is NSNull)
            }
        }
    }

    /// `--json` alone is one line when standard output is not a terminal; `--json=pretty` and
    /// `--json=short` choose; the document is the same; a style that is not one is refused.
    @Test func jsonStylesAreShortWhenPipedAndPrettyOnRequest() throws {
        let demo = try DemoCopy(modified: Self.demoFileTime)
        let arguments = demo.checkArguments + ["--now", "2026-12-01"]
        let piped = try Binaries.run("exitreadyctl", arguments + ["--json"], environment: Self.environment)
        let short = try Binaries.run("exitreadyctl", arguments + ["--json=short"], environment: Self.environment)
        let pretty = try Binaries.run("exitreadyctl", arguments + ["--json=pretty"], environment: Self.environment)
        #expect(piped.stdout.split(separator: "\n").count == 1 && piped.stdout.hasSuffix("}\n"))
        #expect(Binaries.withoutProvenance(piped.stdout) == Binaries.withoutProvenance(short.stdout))
        #expect(pretty.stdout.hasPrefix("{\n  \"evaluated\": \"2026-12-01\",\n"))
        // The same document but for the time of the run in the provenance. The runs may fall in
        // different seconds, so the time is taken out before comparing; each document is
        // re-encoded with sorted keys to compare values, not layout.
        let canonical = { (text: String) in
            var document = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            var provenance = try #require(document["provenance"] as? [String: Any])
            #expect(provenance.removeValue(forKey: "evaluated_at") is String)
            document["provenance"] = provenance
            return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
        }
        #expect(try canonical(piped.stdout) == canonical(pretty.stdout))
        let wrong = try Binaries.run("exitreadyctl", arguments + ["--json=yaml"], environment: Self.environment)
        #expect(wrong.status == 64)
        #expect(wrong.stderr.contains("--json=yaml is not a JSON style; expected --json, --json=pretty or --json=short"))
        #expect(wrong.stdout.isEmpty)
    }

    /// `check --summary --json`: the shape of the daemon's GetScores, small at any size.
    @Test func theSummaryListsContractsWithoutTheirFindings() throws {
        let demo = try DemoCopy(modified: Self.demoFileTime)
        let arguments = demo.checkArguments + ["--now", "2026-12-01", "--json"]
        let summary = try Binaries.run("exitreadyctl", arguments + ["--summary", "--top", "3"], environment: Self.environment)
        let full = try Binaries.run("exitreadyctl", arguments, environment: Self.environment)
        let parse = { (text: String) in try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any] }
        let document = try parse(summary.stdout)
        let contracts = document["contracts"] as! [[String: Any]]
        let fullContracts = try parse(full.stdout)["contracts"] as! [[String: Any]]
        #expect(contracts.map { $0["id"] as! String } == fullContracts.map { $0["id"] as! String })
        #expect(contracts.allSatisfy { $0["findings"] == nil && $0["finding_counts"] != nil })
        for (brief, whole) in zip(contracts, fullContracts) {
            let counts = brief["finding_counts"] as! [String: Int]
            #expect(counts.values.reduce(0, +) == (whole["findings"] as! [Any]).count, "\(brief["id"]!)")
        }
        let top = document["top_findings"] as! [[String: Any]]
        #expect(top.count == 3)
        #expect(top.first?["code"] as? String == "C01" && top.first?["contract"] as? String == "belronde-outbound")
        #expect(summary.stdout.utf8.count * 3 < full.stdout.utf8.count)
    }

    @Test(arguments: [(nil, Int32(1)), ("klantlijn-inbound", 0), ("dialoog-email", 1), ("rheinruf-de", 2)] as [(String?, Int32)])
    func exitStatusFollowsTheBand(_ contract: String?, _ status: Int32) throws {
        let demo = try DemoCopy(modified: Self.demoFileTime)
        var arguments = demo.checkArguments + ["--now", "2026-12-01"]
        if let contract { arguments += ["--contract", contract] }
        let result = try Binaries.run("exitreadyctl", arguments, environment: Self.environment)
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
    }

    @Test func humanSummaryShowsPortfolioContractsAndTopFindings() throws {
        let demo = try DemoCopy(modified: Self.demoFileTime)
        let result = try Binaries.run(
            "exitreadyctl", demo.checkArguments + ["--now", "2026-12-01"], environment: Self.environment)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("EXITREADY WARNING - ") == true, "the monitoring line first: \(lines.first ?? "")")
        #expect(lines.dropFirst().first?.hasPrefix("Portfolio 63.3 at-risk") == true, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("klantlijn-inbound") && $0.contains("95.2") && $0.contains("ready") })
        #expect(lines.contains { $0.hasPrefix("nachtwacht-overflow") && $0.contains("(ended)") })
        #expect(result.stdout.contains("Top findings"))
        #expect(!result.stdout.contains("\u{1B}["), "no colour codes without a terminal")
    }

    @Test func contractDetailListsEveryFindingWithItsRemedy() throws {
        let demo = try DemoCopy(modified: Self.demoFileTime)
        let json = try Binaries.run(
            "exitreadyctl", demo.checkArguments + ["--now", "2026-12-01", "--contract", "dialoog-email", "--json"],
            environment: Self.environment)
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let findings = document["findings"] as! [[String: Any]]
        let text = try Binaries.run(
            "exitreadyctl", demo.checkArguments + ["--now", "2026-12-01", "--contract", "dialoog-email"],
            environment: Self.environment)
        #expect(!findings.isEmpty)
        for finding in findings {
            #expect(text.stdout.contains(finding["remedy"] as! String))
            #expect(text.stdout.contains(finding["message"] as! String))
        }
        #expect(text.stdout.contains("P04 [claims-tracker] critical"))
    }

    @Test func unknownInputsExitWithStatus3() throws {
        let demo = try DemoCopy(modified: Self.demoFileTime)
        let cases: [([String], String)] = [
            (demo.checkArguments + ["--now", "2026-02-30"], "--now 2026-02-30 is not a valid date"),
            (demo.checkArguments + ["--contract", "nope"], "no contract nope"),
            (
                ["check", "--inventory", "/nonexistent", "--dataroom", demo.dataroom, "--checklist", DemoCopy.checklist],
                "/nonexistent:1:1: cannot open the directory"
            ),
            (
                ["check", "--inventory", demo.inventory, "--dataroom", "/nonexistent", "--checklist", DemoCopy.checklist],
                "cannot read the dataroom /nonexistent"
            ),
            (
                ["check", "--inventory", demo.inventory, "--dataroom", demo.dataroom, "--checklist", "/nonexistent.yaml"],
                "/nonexistent.yaml:1:1: cannot open the file"
            ),
        ]
        for (arguments, message) in cases {
            let result = try Binaries.run("exitreadyctl", arguments, environment: Self.environment)
            #expect(result.status == 3, "\(arguments)")
            #expect(result.stderr.contains(message), "\(result.stderr)")
            #expect(
                result.stdout.hasPrefix("EXITREADY UNKNOWN - ") && result.stdout.split(separator: "\n").count == 1,
                "only the monitoring line: \(result.stdout)")
        }
    }

    @Test func invalidInventoryIsReportedAndNothingEvaluated() throws {
        let demo = try DemoCopy(modified: Self.demoFileTime)
        let contract = demo.inventory + "/contracts/webcare-social.yaml"
        var text = try String(contentsOfFile: contract, encoding: .utf8)
        text = text.replacingOccurrences(of: "criticality: standard", with: "criticality: low")
        try text.write(toFile: contract, atomically: true, encoding: .utf8)
        let result = try Binaries.run("exitreadyctl", demo.checkArguments, environment: Self.environment)
        #expect(result.status == 3)
        #expect(result.stderr.contains("webcare-social.yaml:"))
        #expect(result.stderr.contains("criticality: \"low\" is not allowed; expected critical, important or standard"))
        #expect(result.stdout.hasPrefix("EXITREADY UNKNOWN - nothing was evaluated"))
    }
}

@Suite("exitreadyctl validate")
struct ValidateCommandTests {
    @Test func demoIsValid() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let result = try Binaries.run(
            "exitreadyctl", ["validate", "--inventory", demo.inventory, "--checklist", DemoCopy.checklist])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("checklist: \(DemoCopy.checklist) (--checklist)\nvalid: 6 contracts"))
    }

    @Test func everyErrorOnItsOwnLine() throws {
        let directory = try TemporaryDirectory()
        try directory.write(
            "inventory/contracts/acme.yaml",
            """
            id: acme
            supplier: Acme
            service: Inbound
            criticality: hgih
            start: 2026-01-01
            end: 2025-01-01
            notice_days: -3
            """)
        try directory.write(
            "inventory/staff.csv",
            "contract,person,side,key,joined\nacme,p1,vendor,yes,2020-01-01\nbeta,p2,client,no,2020-01-01\n")
        let result = try Binaries.run(
            "exitreadyctl",
            [
                "validate", "--inventory", directory.path("inventory"),
                "--checklist", DemoCopy.checklist,
            ])
        #expect(result.status == 1)
        let file = directory.path("inventory/contracts/acme.yaml")
        let staff = directory.path("inventory/staff.csv")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "checklist: \(DemoCopy.checklist) (--checklist)",
                "\(file):4:14: criticality: \"hgih\" is not allowed; expected critical, important or standard",
                "\(file):6:6: end: 2025-01-01 is not after start 2026-01-01",
                "\(file):7:14: notice_days: -3 is too small; expected a whole number from 0 to 36500",
                "\(staff):2:9: side: \"vendor\" is not allowed; expected supplier or client",
                "\(staff):3:1: contract \"beta\" is not in the inventory (no file of that name in contracts/)",
            ], "\(result.stdout)")
        #expect(result.stderr.contains("5 errors in 2 files"))
    }

    @Test func jsonListsDiagnostics() throws {
        let directory = try TemporaryDirectory()
        try directory.write("inventory/contracts/acme.yaml", "id: acme\n")
        let result = try Binaries.run(
            "exitreadyctl",
            [
                "validate", "--json", "--inventory", directory.path("inventory"),
                "--checklist", DemoCopy.checklist,
            ])
        #expect(result.status == 1)
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(list.count == 6)  // supplier, service, criticality, start, end, notice_days
        #expect(list.allSatisfy { $0["line"] as? Int == 1 && $0["column"] as? Int == 1 })
    }
}
