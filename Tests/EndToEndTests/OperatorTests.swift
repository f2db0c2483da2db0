import Foundation
import Testing

/// What a new operator meets first: the monitoring line, tables on a narrow terminal,
/// suggestions for typos and shell completion, with the real exitreadyctl on the demo.
@Suite("exitreadyctl for operators")
struct OperatorTests {
    static let environment = CheckCommandTests.environment

    private func check(_ demo: DemoCopy, _ extra: [String] = [], columns: Int? = nil) throws -> Binaries.Result {
        var environment = Self.environment
        if let columns { environment["COLUMNS"] = String(columns) }
        return try Binaries.run("exitreadyctl", demo.checkArguments + ["--now", "2026-12-01"] + extra, environment: environment)
    }

    /// Terminal columns of a line: every character here is one column wide but `…` and `·`.
    private func width(_ line: Substring) -> Int { line.count }

    @Test func checkStartsWithAMonitoringPluginLine() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let result = try check(demo)
        #expect(result.status == 1)
        let first = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        let parts = first.components(separatedBy: " | ")
        #expect(parts.count == 2, "\(first)")
        #expect(parts[0] == "EXITREADY WARNING - portfolio 63.3 at-risk, 5 active contracts, weakest rheinruf-de 22.7")
        let items = parts[1].split(separator: " ").map(String.init)
        #expect(items.first == "portfolio=63.3;80:;60:;0;100")
        #expect(items.contains("'klantlijn-inbound'=95.2;80:;60:;0;100"))
        #expect(items.count == 6, "the portfolio and the five active contracts: \(items)")
        #expect(!items.contains { $0.contains("nachtwacht-overflow") }, "an ended contract is no measurement")
        let pattern = #/^('[a-z0-9-]+'|portfolio)=\d+\.\d;\d+(\.\d+)?:;\d+(\.\d+)?:;0;100$/#
        #expect(items.allSatisfy { $0.wholeMatch(of: pattern) != nil }, "\(items)")
        #expect(result.stdout.split(separator: "\n")[1].hasPrefix("Portfolio 63.3 at-risk"))
    }

    @Test func checkOfOneContractAndJSONAndUnknown() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let contract = try check(demo, ["--contract", "rheinruf-de"])
        #expect(contract.status == 2)
        #expect(
            contract.stdout.hasPrefix(
                "EXITREADY CRITICAL - contract rheinruf-de 22.7 not-ready | 'rheinruf-de'=22.7;80:;60:;0;100\n"))
        let json = try check(demo, ["--json"])
        #expect(json.stdout.hasPrefix("{"), "--json stays pure JSON")
        let missing = try Binaries.run(
            "exitreadyctl",
            [
                "check", "--inventory", "/nonexistent", "--dataroom", demo.dataroom,
                "--checklist", DemoCopy.checklist,
            ], environment: Self.environment)
        #expect(missing.status == 3)
        #expect(missing.stdout.hasPrefix("EXITREADY UNKNOWN - "), "\(missing.stdout)")
        #expect(missing.stderr.contains("/nonexistent:1:1: cannot open the directory"))
    }

    @Test func statusWithoutADaemonIsUnknownOnStandardOutput() throws {
        let directory = try TemporaryDirectory()
        let result = try Binaries.run("exitreadyctl", ["status", "--socket", directory.path("no-daemon")])
        #expect(result.status == 3)
        #expect(result.stdout == "EXITREADY UNKNOWN - exitreadyd cannot be reached\n")
        #expect(result.stderr.contains("cannot connect to \(directory.path("no-daemon"))"))
        let json = try Binaries.run("exitreadyctl", ["status", "--json", "--socket", directory.path("no-daemon")])
        #expect(json.status == 3)
        #expect(json.stdout.isEmpty, "--json prints no plugin line")
    }

    @Test(arguments: [60, 100])
    func tablesFitTheColumns(_ columns: Int) throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let longSupplier = "Klantlijn " + String(repeating: "Contactcenter ", count: 35) + "B.V."
        try TerminalSafetyTests.replace(
            "Klantlijn Contact B.V.", with: longSupplier,
            in: demo.inventory + "/contracts/klantlijn-inbound.yaml")
        for extra in [[], ["--contract", "klantlijn-inbound"]] {
            let result = try check(demo, extra, columns: columns)
            let lines = result.stdout.split(separator: "\n").dropFirst()  // the plugin line is for machines
            #expect(lines.allSatisfy { width($0) <= columns }, "\(lines.filter { width($0) > columns })")
            #expect(result.stdout.contains("…"))
        }
        // Not a terminal and no COLUMNS: nothing is cut.
        let whole = try check(demo, ["--contract", "klantlijn-inbound"])
        #expect(whole.stdout.contains(longSupplier))
    }

    @Test func topFindingsListCriticalAndSecurityFirst() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let result = try check(demo, ["--top", "5"])
        let table = result.stdout.components(separatedBy: "Top findings")[1].split(separator: "\n").dropFirst(2)
        let severities = table.map { $0.split(separator: " ", omittingEmptySubsequences: true)[2] }
        let urgent = severities.prefix { $0 == "critical" || $0 == "security" }
        #expect(
            !urgent.isEmpty && severities.dropFirst(urgent.count).allSatisfy { $0 != "critical" && $0 != "security" },
            "\(severities)")
        #expect(result.stdout.contains("(exitreadyctl check --contract ID shows all, with remedies)"))
        // The detail lists them first too; --json keeps the document's order (impact first).
        let detail = try check(demo, ["--contract", "dialoog-email"])
        let titles = detail.stdout.split(separator: "\n").filter {
            $0.wholeMatch(of: #/[A-Z]\d\d( \[.*\])? [a-z]+( −[\d.]+)?/#) != nil
        }
        let detailSeverities = titles.map {
            String($0.split(separator: " ").first { ["critical", "security", "warning", "info"].contains($0) } ?? "")
        }
        let firstOther = detailSeverities.firstIndex { $0 != "critical" && $0 != "security" } ?? detailSeverities.count
        #expect(detailSeverities.dropFirst(firstOther).allSatisfy { $0 != "critical" && $0 != "security" }, "\(detailSeverities)")
        #expect(detailSeverities.contains("critical"))
        let json = try check(demo, ["--contract", "dialoog-email", "--json"])
        let document = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let impacts = (document["findings"] as! [[String: Any]]).map { $0["impact"] as! Double }
        #expect(impacts == impacts.sorted(by: >))
    }

    @Test func suggestsContractsAndCommands() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let contract = try check(demo, ["--contract", "dialoog-mail"])
        #expect(contract.status == 3)
        #expect(contract.stderr.contains("no contract dialoog-mail in \(demo.inventory); did you mean dialoog-email?"))
        let command = try Binaries.run("exitreadyctl", ["scroes"])
        #expect(command.status == 64)
        #expect(command.stderr.contains("did you mean 'scores'?"), "\(command.stderr)")
        let nested = try Binaries.run("exitreadyctl", ["dataroom", "scna"])
        #expect(nested.stderr.contains("did you mean 'scan'?"), "\(nested.stderr)")
    }
}
