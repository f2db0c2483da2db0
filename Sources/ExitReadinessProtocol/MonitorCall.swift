import ExitReadiness

/// A call of the `io.exitready.Monitor` interface with its parameters checked against the IDL:
/// what the server dispatches on and what the client sends.
public enum MonitorCall: Sendable, Equatable {
    case getStatus
    /// `top`: how many findings over the whole portfolio the reply lists (default 10).
    case getScores(top: Int?)
    case getContract(id: String)
    /// The register of information export (template B_07.01) of the last evaluation.
    case getRegister
    /// The Prometheus text exposition of the daemon's state.
    case getMetrics
    /// `every` false: one point per day, the last evaluation of each.
    case getHistory(contract: String?, since: Day?, limit: Int?, every: Bool)
    case getAlerts(since: Day?, limit: Int?)
    /// A contract's plan to `target` (nil: the ready threshold), or with `budget` the portfolio plan.
    case getPlan(contract: String?, target: Double?, budget: Double?)
    /// The forecast of one contract, or of the portfolio and every contract, over `horizon` days
    /// (nil: the default horizon).
    case getForecast(contract: String?, horizon: Int?)
    case watch
    case evaluate
    case reload

    /// The findings a `GetScores` reply lists when the call does not say.
    public static let defaultTopFindings = 10
    /// The most findings a `GetScores` reply lists; `GetContract` gives all of a contract's.
    public static let maximumTopFindings = 1000

    /// Reads a call of the Monitor interface.
    /// - Parameters:
    ///   - member: the method name without the interface (`GetContract`).
    ///   - parameters: the call's parameters object.
    /// - Throws: `methodNotFound` for a method the interface lacks, `invalidParameter` for an
    ///   unknown parameter, a missing required one or a value of the wrong type.
    public init(member: some StringProtocol, parameters: JSONValue) throws(VarlinkServiceError) {
        switch member {
        case "GetStatus":
            try VarlinkParameters.none(parameters)
            self = .getStatus
        case "GetScores":
            let reader = try VarlinkParameters(parameters, declared: ["top"])
            self = .getScores(top: try reader.optionalInt("top", in: 0...Self.maximumTopFindings))
        case "GetContract":
            let reader = try VarlinkParameters(parameters, declared: ["id"])
            self = .getContract(id: try reader.string("id"))
        case "GetRegister":
            try VarlinkParameters.none(parameters)
            self = .getRegister
        case "GetMetrics":
            try VarlinkParameters.none(parameters)
            self = .getMetrics
        case "GetHistory":
            let reader = try VarlinkParameters(parameters, declared: ["contract", "since", "limit", "every"])
            self = .getHistory(
                contract: try reader.optionalString("contract"), since: try reader.optionalDay("since"),
                limit: try reader.optionalInt("limit", in: 1...Int.max),
                every: try reader.optionalBool("every") ?? false)
        case "GetAlerts":
            let reader = try VarlinkParameters(parameters, declared: ["since", "limit"])
            self = .getAlerts(since: try reader.optionalDay("since"), limit: try reader.optionalInt("limit", in: 1...Int.max))
        case "GetPlan":
            let reader = try VarlinkParameters(parameters, declared: ["contract", "target", "budget"])
            let contract = try reader.optionalString("contract")
            let target = try reader.optionalDouble("target")
            let budget = try reader.optionalDouble("budget")
            // One of contract and budget; a target only for a contract, above 0 and at most 100;
            // a budget in half-days up to 1000 days.
            if let target, contract == nil || !(target > 0 && target <= 100) {
                throw .invalidParameter(parameter: "target")
            }
            if let budget, contract != nil || !PortfolioPlanner.isValid(budgetDays: budget) {
                throw .invalidParameter(parameter: "budget")
            }
            if contract == nil && budget == nil { throw .invalidParameter(parameter: "contract") }
            self = .getPlan(contract: contract, target: target, budget: budget)
        case "GetForecast":
            let reader = try VarlinkParameters(parameters, declared: ["contract", "horizon"])
            self = .getForecast(
                contract: try reader.optionalString("contract"),
                horizon: try reader.optionalInt("horizon", in: 1...ContractForecast.maximumHorizonDays))
        case "Watch":
            try VarlinkParameters.none(parameters)
            self = .watch
        case "Evaluate":
            try VarlinkParameters.none(parameters)
            self = .evaluate
        case "Reload":
            try VarlinkParameters.none(parameters)
            self = .reload
        default: throw .methodNotFound(method: MonitorInterface.name + "." + member)
        }
    }

    /// The method name without the interface.
    public var member: String {
        switch self {
        case .getStatus: "GetStatus"
        case .getScores: "GetScores"
        case .getContract: "GetContract"
        case .getRegister: "GetRegister"
        case .getMetrics: "GetMetrics"
        case .getHistory: "GetHistory"
        case .getAlerts: "GetAlerts"
        case .getPlan: "GetPlan"
        case .getForecast: "GetForecast"
        case .watch: "Watch"
        case .evaluate: "Evaluate"
        case .reload: "Reload"
        }
    }

    /// The parameters object, with absent optional parameters left out.
    public var parameters: JSONValue {
        var members: [(String, JSONValue)] = []
        switch self {
        case .getScores(let top):
            if let top { members.append(("top", .integer(top))) }
        case .getContract(let id): members.append(("id", .string(id)))
        case .getHistory(let contract, let since, let limit, let every):
            if let contract { members.append(("contract", .string(contract))) }
            if let since { members.append(("since", .string(since.iso))) }
            if let limit { members.append(("limit", .integer(limit))) }
            if every { members.append(("every", .bool(true))) }
        case .getAlerts(let since, let limit):
            if let since { members.append(("since", .string(since.iso))) }
            if let limit { members.append(("limit", .integer(limit))) }
        case .getPlan(let contract, let target, let budget):
            if let contract { members.append(("contract", .string(contract))) }
            if let target { members.append(("target", .number(target))) }
            if let budget { members.append(("budget", .number(budget))) }
        case .getForecast(let contract, let horizon):
            if let contract { members.append(("contract", .string(contract))) }
            if let horizon { members.append(("horizon", .integer(horizon))) }
        case .getStatus, .getRegister, .getMetrics, .watch, .evaluate, .reload: break
        }
        return .object(members)
    }

    /// Only root, the daemon's own user and the admin group may call it.
    public var isPrivileged: Bool {
        switch self {
        case .evaluate, .reload: true
        default: false
        }
    }

    /// The call as sent; `Watch` is always called with `more`.
    public var varlinkCall: VarlinkCall {
        VarlinkCall(method: MonitorInterface.name + "." + member, parameters: parameters, more: self == .watch)
    }
}

extension VarlinkParameters {
    /// Checks that a method without parameters got none.
    static func none(_ parameters: JSONValue) throws(VarlinkServiceError) {
        _ = try VarlinkParameters(parameters, declared: [])
    }
}
