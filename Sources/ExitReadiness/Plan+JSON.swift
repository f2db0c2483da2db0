/// The plan documents (`exitreadyctl plan --json`, Varlink `GetPlan`): gains rounded to two
/// decimals, scores to one.
extension ContractPlan {
    public var json: JSONValue {
        .object([
            ("contract", .string(contract)),
            ("target", .number(target)),
            ("score", .number(roundHalfAwayFromZero(score, decimals: 1))),
            ("score_after", .number(roundHalfAwayFromZero(scoreAfter, decimals: 1))),
            ("effort_days", .number(effortDays)),
            ("reachable", .bool(reachable)),
            ("steps", .array(steps.map { $0.json(withContract: false) })),
        ])
    }
}

extension PortfolioPlan {
    public var json: JSONValue {
        .object([
            ("budget_days", .number(budgetDays)),
            ("effort_days", .number(effortDays)),
            ("score", .number(score.map { roundHalfAwayFromZero($0, decimals: 1) })),
            ("score_after", .number(scoreAfter.map { roundHalfAwayFromZero($0, decimals: 1) })),
            ("portfolio_gain", .number(gain)),
            ("actions", .integer(steps.count)),
            ("contracts", .integer(Set(steps.map(\.contract)).count)),
            ("steps", .array(steps.map { $0.json(withContract: true) })),
        ])
    }
}

extension PlanStep {
    /// A step; in a portfolio plan it names its contract, and its score after is the contract's.
    /// `action`: the action register's row for its finding (an open or done one: accepted
    /// findings are not planned), null when there is none.
    public func json(withContract: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = withContract ? [("contract", .string(contract))] : []
        members += [
            ("code", .string(finding.code.rawValue)),
            ("subject", .string(finding.subject)),
            ("fixes", .string(finding.code.title)),
            ("gain", .number(roundHalfAwayFromZero(finding.gain, decimals: 2))),
            ("effort_days", .number(effortDays)),
            ("score_after", .number(roundHalfAwayFromZero(scoreAfter, decimals: 1))),
            ("action", finding.action.map { $0.json(accepted: finding.isAccepted) } ?? .null),
        ]
        return .object(members)
    }
}
