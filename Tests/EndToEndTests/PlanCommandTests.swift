import Foundation
import Testing

@Suite("exitreadyctl plan, offline on the demo")
struct PlanCommandTests {
    static let environment = CheckCommandTests.environment

    private func plan(_ demo: DemoCopy, _ arguments: [String]) throws -> Binaries.Result {
        try Binaries.run(
            "exitreadyctl",
            ["plan"] + arguments + Array(demo.checkArguments.dropFirst()) + ["--now", "2026-12-05"],
            environment: Self.environment)
    }

    private func json(_ result: Binaries.Result) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
    }

    /// The missing exit plan caps belronde-outbound at 40; writing it is the whole plan.
    @Test func theExitPlanAloneMakesBelrondeReady() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let result = try plan(demo, ["belronde-outbound", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try json(result)
        #expect(document["score"] as? Double == 40.0)
        #expect(document["target"] as? Double == 80.0)
        #expect(document["effort_days"] as? Double == 10.0)
        #expect(document["reachable"] as? Bool == true)
        let steps = document["steps"] as! [[String: Any]]
        #expect(steps.map { $0["code"] as? String } == ["C01"])
        #expect(steps[0]["gain"] as? Double == 5.22)
        #expect(steps[0]["score_after"] as? Double == document["score_after"] as? Double)

        let text = try plan(demo, ["belronde-outbound"])
        #expect(text.stdout.hasPrefix("belronde-outbound: 40.0 → "), "\(text.stdout)")
        #expect(text.stdout.contains("exit plan document exists"))
    }

    /// The best 30 days of the demo: 19 actions over four contracts.
    @Test func thirtyDaysOfWorkForThePortfolio() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let document = try json(try plan(demo, ["--budget", "30", "--json"]))
        #expect(document["budget_days"] as? Double == 30.0)
        #expect(document["effort_days"] as? Double == 30.0)
        #expect(document["score"] as? Double == 63.3)
        #expect(document["score_after"] as? Double == 74.8)
        #expect(document["actions"] as? Int == 19)
        #expect(document["contracts"] as? Int == 4)
        let steps = document["steps"] as! [[String: Any]]
        #expect(steps.first?["contract"] as? String == "belronde-outbound" && steps.first?["code"] as? String == "C01")
        let text = try plan(demo, ["--budget", "30"])
        #expect(text.stdout.hasPrefix("Portfolio 63.3 → 74.8 with 19 actions over 4 contracts: 30 days"), "\(text.stdout)")
    }

    @Test func csvRowsAppendToTheActionRegister() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let result = try plan(demo, ["dialoog-email", "--csv"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "contract,code,subject,owner,due,state,until,note")
        #expect(lines.count > 1)
        for line in lines.dropFirst() {
            #expect(line.hasPrefix("dialoog-email,") && line.hasSuffix(",,,open,,"), "\(line)")
        }
    }

    /// [Effort] of --config changes plans and effort to ready alike.
    @Test func aConfigurationSetsTheEfforts() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        try demo.directory.write("exitreadyd.conf", "[Effort]\nC01=2.5\n")
        let config = ["--config", demo.directory.path("exitreadyd.conf")]
        let document = try json(try plan(demo, ["belronde-outbound", "--json"] + config))
        #expect(document["effort_days"] as? Double == 2.5)
        let check = try Binaries.run(
            "exitreadyctl", demo.checkArguments + ["--now", "2026-12-05", "--contract", "belronde-outbound", "--json"] + config,
            environment: Self.environment)
        #expect(try json(check)["effort_to_ready"] as? Double == 2.5)
    }

    @Test func aBadConfigurationNamesItsLine() throws {
        let demo = try DemoCopy(modified: CheckCommandTests.demoFileTime)
        let file = demo.directory.path("exitreadyd.conf")
        try demo.directory.write("exitreadyd.conf", "[Effort]\nC01=10\nC02=0.25\n")
        for arguments in [["plan", "belronde-outbound"], ["check"]] {
            let result = try Binaries.run(
                "exitreadyctl", arguments + Array(demo.checkArguments.dropFirst()) + ["--config", file],
                environment: Self.environment)
            #expect(result.status == 3)
            #expect(result.stderr.contains("\(file):3: C02=0.25: expected days in steps of 0.5"), "\(result.stderr)")
        }
    }

    @Test(arguments: [
        ([], "name a contract, or give --budget DAYS"),
        (["a", "--budget", "5"], "give a contract or --budget, not both"),
        (["--budget", "5", "--target", "70"], "--target is for a contract plan"),
        (["a", "--target", "0"], "--target must be above 0 and at most 100"),
        (["--budget", "2.25"], "--budget must be days in steps of 0.5, from 0 to 1000"),
        (["--budget", "5", "--csv"], "--csv is for a contract plan"),
    ])
    func badRequestsAreRefused(_ arguments: [String], _ message: String) throws {
        let result = try Binaries.run("exitreadyctl", ["plan"] + arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
