import ExitReadiness
import ExitReadinessProtocol
import Testing

@Suite("io.exitready.Monitor calls")
struct MonitorCallTests {
    private func read(_ member: String, _ parameters: [(String, JSONValue)] = []) throws(VarlinkServiceError) -> MonitorCall {
        try MonitorCall(member: member, parameters: .object(parameters))
    }

    @Test func readsEveryMethod() throws {
        #expect(try read("GetStatus") == .getStatus)
        #expect(try read("GetScores") == .getScores(top: nil))
        #expect(try read("GetScores", [("top", .integer(0))]) == .getScores(top: 0))
        #expect(try read("GetScores", [("top", .integer(1000))]) == .getScores(top: 1000))
        #expect(try read("GetContract", [("id", .string("acme"))]) == .getContract(id: "acme"))
        #expect(try read("GetRegister") == .getRegister)
        #expect(try read("GetMetrics") == .getMetrics)
        #expect(try read("GetHistory") == .getHistory(contract: nil, since: nil, limit: nil, every: false))
        #expect(
            try read("GetHistory", [("contract", .string("acme")), ("since", .string("2026-09-01")), ("limit", .integer(5))])
                == .getHistory(contract: "acme", since: Day(iso: "2026-09-01"), limit: 5, every: false))
        #expect(
            try read("GetHistory", [("every", .bool(true))]) == .getHistory(contract: nil, since: nil, limit: nil, every: true))
        #expect(try read("GetHistory", [("every", .null)]) == .getHistory(contract: nil, since: nil, limit: nil, every: false))
        #expect(try read("GetAlerts", [("since", .null), ("limit", .number(10))]) == .getAlerts(since: nil, limit: 10))
        #expect(
            try read("GetChanges", [("contract", .string("acme")), ("since", .string("2026-09-01"))])
                == .getChanges(contract: "acme", since: Day(iso: "2026-09-01")))
        #expect(try read("GetChanges") == .getChanges(contract: nil, since: nil))
        #expect(try read("Watch") == .watch)
        #expect(try read("Evaluate") == .evaluate)
        #expect(try read("Reload") == .reload)
    }

    @Test func wrongParameterTypesAreInvalidParameters() {
        #expect(throws: VarlinkServiceError.invalidParameter(parameter: "id")) { try read("GetContract", [("id", .integer(5))]) }
        #expect(throws: VarlinkServiceError.invalidParameter(parameter: "id")) { try read("GetContract") }
        for top: JSONValue in [.integer(-1), .integer(1001), .string("10")] {
            #expect(throws: VarlinkServiceError.invalidParameter(parameter: "top")) { try read("GetScores", [("top", top)]) }
        }
        #expect(throws: VarlinkServiceError.invalidParameter(parameter: "since")) {
            try read("GetHistory", [("since", .string("90d"))])
        }
        #expect(throws: VarlinkServiceError.invalidParameter(parameter: "since")) {
            try read("GetChanges", [("since", .string("2026-02-30"))])
        }
        #expect(throws: VarlinkServiceError.invalidParameter(parameter: "every")) {
            try read("GetHistory", [("every", .string("yes"))])
        }
        #expect(throws: VarlinkServiceError.invalidParameter(parameter: "limit")) {
            try read("GetAlerts", [("limit", .integer(0))])
        }
        #expect(throws: VarlinkServiceError.invalidParameter(parameter: "limit")) {
            try read("GetAlerts", [("limit", .number(1.5))])
        }
        #expect(throws: VarlinkServiceError.invalidParameter(parameter: "limt")) {
            try read("GetAlerts", [("limt", .integer(3))])
        }
        #expect(throws: VarlinkServiceError.invalidParameter(parameter: "id")) { try read("GetScores", [("id", .string("x"))]) }
    }

    /// A plan is of a contract (target optional, above 0 and at most 100) or of the portfolio
    /// (budget in half-days up to 1000), never both.
    @Test func planRequestsAreChecked() throws {
        #expect(try read("GetPlan", [("contract", .string("a"))]) == .getPlan(contract: "a", target: nil, budget: nil))
        #expect(
            try read("GetPlan", [("contract", .string("a")), ("target", .integer(100))])
                == .getPlan(contract: "a", target: 100, budget: nil))
        #expect(try read("GetPlan", [("budget", .number(0.5))]) == .getPlan(contract: nil, target: nil, budget: 0.5))
        for (parameters, name): ([(String, JSONValue)], String) in [
            ([], "contract"),
            ([("target", .integer(80))], "target"),
            ([("contract", .string("a")), ("target", .integer(0))], "target"),
            ([("contract", .string("a")), ("target", .number(100.5))], "target"),
            ([("contract", .string("a")), ("target", .string("80"))], "target"),
            ([("contract", .string("a")), ("budget", .integer(5))], "budget"),
            ([("budget", .number(2.25))], "budget"),
            ([("budget", .integer(-1))], "budget"),
            ([("budget", .integer(1001))], "budget"),
        ] {
            #expect(throws: VarlinkServiceError.invalidParameter(parameter: name)) { try read("GetPlan", parameters) }
        }
    }

    @Test func unknownMethodsAreNamedInFull() {
        #expect(throws: VarlinkServiceError.methodNotFound(method: "io.exitready.Monitor.Explode")) { try read("Explode") }
    }

    @Test func callsCarryTheirParametersAndOnlyWatchWantsMore() throws {
        for call: MonitorCall in [
            .getStatus, .getScores(top: nil), .getContract(id: "x"), .getRegister, .getMetrics,
            .getHistory(contract: "x", since: Day(iso: "2026-01-31"), limit: 3, every: false),
            .getHistory(contract: nil, since: nil, limit: nil, every: true),
            .getAlerts(since: nil, limit: 7), .watch, .evaluate, .reload,
            .getChanges(contract: "x", since: Day(iso: "2026-01-31")), .getChanges(contract: nil, since: nil),
            .getPlan(contract: "x", target: 72.5, budget: nil), .getPlan(contract: nil, target: nil, budget: 30),
        ] {
            let varlink = call.varlinkCall
            #expect(varlink.interface == "io.exitready.Monitor")
            #expect(try MonitorCall(member: varlink.member, parameters: varlink.parameters) == call)
            #expect(varlink.more == (call == .watch))
            #expect(call.isPrivileged == (call == .evaluate || call == .reload))
        }
    }

    @Test func serviceCallsAreChecked() throws {
        #expect(try VarlinkServiceInterface.Call(member: "GetInfo", parameters: .object([])) == .getInfo)
        #expect(
            try VarlinkServiceInterface.Call(
                member: "GetInterfaceDescription",
                parameters: .object([("interface", .string("x.y"))]))
                == .getInterfaceDescription(interface: "x.y"))
        #expect(throws: VarlinkServiceError.invalidParameter(parameter: "interface")) {
            try VarlinkServiceInterface.Call(member: "GetInterfaceDescription", parameters: .object([]))
        }
        #expect(throws: VarlinkServiceError.methodNotFound(method: "org.varlink.service.Ping")) {
            try VarlinkServiceInterface.Call(member: "Ping", parameters: .object([]))
        }
    }
}
