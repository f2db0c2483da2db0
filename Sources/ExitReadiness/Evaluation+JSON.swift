/// The machine-readable evaluation document (`exitreadyctl check --json`, `GetScores`).
extension Evaluation {
    public var json: JSONValue {
        .object([
            ("evaluated", .string(evaluated.iso)),
            ("portfolio", portfolio.json),
            ("contracts", .array(contracts.map { $0.json(today: evaluated) })),
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
    public func json(today: Day) -> JSONValue {
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
            ("findings", .array(findings.map(\.json))),
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
