/// The machine-readable evaluation document (`exitreadyctl check --json`, `GetScores`).
extension Evaluation {
    public var json: JSONValue {
        .object([
            ("evaluated", .string(evaluated.iso)),
            ("portfolio", portfolio.json),
            ("contracts", .array(contracts.map { $0.json(today: evaluated) })),
        ])
    }

    /// The document for a summary: every contract, but of the findings only the `limit` shown
    /// first over the whole portfolio: critical and security ones, then the rest, each by impact
    /// (ties: contract order, then report order).
    /// Wording half a million findings to show ten is what this avoids.
    public func summaryJSON(topFindings limit: Int) -> JSONValue {
        // Critical and security findings first, then the rest, each by rounded impact; ties keep
        // contract order, then report order.
        var top: [(key: (urgent: Int, impact: Double), contract: Int, finding: Int)] = []
        for (contractIndex, contract) in contracts.enumerated() where limit > 0 {
            for (findingIndex, finding) in contract.findings.enumerated() {
                let key = (
                    urgent: finding.severity == .critical || finding.severity == .security ? 1 : 0,
                    impact: finding.roundedImpact
                )
                guard top.count < limit || key > top[top.count - 1].key else { continue }
                let position = top.firstIndex { $0.key < key } ?? top.count
                top.insert((key, contractIndex, findingIndex), at: position)
                if top.count > limit { top.removeLast() }
            }
        }
        let shown = Dictionary(grouping: top, by: \.contract).mapValues { Set($0.map(\.finding)) }
        return .object([
            ("evaluated", .string(evaluated.iso)),
            ("portfolio", portfolio.json),
            (
                "contracts",
                .array(
                    contracts.enumerated().map { index, contract in
                        contract.json(today: evaluated, findingIndexes: shown[index] ?? [])
                    })
            ),
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
    /// The contract's document; with `findingIndexes`, only those findings.
    public func json(today: Day, findingIndexes: Set<Int>? = nil) -> JSONValue {
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
            ("effort_to_ready", .number(effortToReady)),
            ("findings", .array(findings.indices.filter { findingIndexes?.contains($0) ?? true }.map { findings[$0].json })),
        ])
    }
}

extension FamilyScores {
    public var json: JSONValue {
        .object(
            Family.allCases.filter { $0 != .timeline }.map { family in
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
