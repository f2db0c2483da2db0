/// The machine-readable evaluation document (`exitreadyctl check --json`, `GetScores`).
extension Evaluation {
    public var json: JSONValue { json(findingsPerContract: nil) }

    /// The document with at most `limit` findings per contract (the ones with the largest
    /// impact), for summaries that do not need them all.
    public func json(findingsPerContract limit: Int?) -> JSONValue {
        .object([
            ("evaluated", .string(evaluated.iso)),
            ("portfolio", portfolio.json),
            ("contracts", .array(contracts.map { $0.json(today: evaluated, findingsLimit: limit) })),
        ])
    }
}

extension PortfolioScore {
    public var json: JSONValue {
        .object([
            ("score", .number(roundedScore)),
            ("band", .string(band?.rawValue)),
            ("weakest", .string(weakest)),
            ("active_contracts", .integer(activeContracts)),
        ])
    }
}

extension ContractScore {
    public func json(today: Day, findingsLimit: Int? = nil) -> JSONValue {
        .object([
            ("id", .string(id)),
            ("supplier", .string(supplier)),
            ("service", .string(service)),
            ("status", .string(status.rawValue)),
            ("criticality", .string(criticality.rawValue)),
            ("score", .number(roundedScore)),
            ("band", .string(band.rawValue)),
            ("families", families.json),
            ("term_end", .string(termEnd.iso)),
            ("notice_deadline", .string(noticeDeadline.iso)),
            ("days_to_notice_deadline", .integer(noticeDeadline.days(since: today))),
            ("exit_horizon", .string(exitHorizon.iso)),
            ("findings", .array(findings.prefix(findingsLimit ?? findings.count).map(\.json))),
        ])
    }
}

extension FamilyScores {
    public var json: JSONValue {
        .object(Family.allCases.filter { $0 != .timeline }.map { family in
            (family.rawValue, .number(roundHalfAwayFromZero(self[family], decimals: 1)))
        })
    }
}

extension Finding {
    public var json: JSONValue {
        .object([
            ("code", .string(code.rawValue)),
            ("family", .string(family.rawValue)),
            ("severity", .string(severity.rawValue)),
            ("subject", .string(subject)),
            ("impact", .number(roundedImpact)),
            ("message", .string(message)),
            ("remedy", .string(remedy)),
        ])
    }
}
