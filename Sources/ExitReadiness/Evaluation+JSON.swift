/// The machine-readable evaluation document (`exitreadyctl check --json`, `GetScores`).
extension Evaluation {
    public var json: JSONValue {
        withProvenance([
            ("evaluated", .string(evaluated.iso)),
            ("portfolio", portfolio.json),
            ("contracts", .array(contracts.map { $0.json(today: evaluated) })),
        ])
    }

    /// The summary document (`check --summary --json`, `GetScores`): every contract with its
    /// scores, dates, findings counted per severity and its costliest finding, and the first
    /// `topFindings` findings over the whole portfolio (`topFindings(_:)`), without the rest of
    /// the findings. It stays small at ten thousand contracts; `contract(withID:)` has them all.
    public func summaryJSON(topFindings limit: Int) -> JSONValue {
        withProvenance([
            ("evaluated", .string(evaluated.iso)),
            ("portfolio", portfolio.json),
            ("contracts", .array(contracts.map { $0.summaryJSON(today: evaluated) })),
            (
                "top_findings",
                .array(
                    topFindings(limit).map { entry in
                        guard case .object(let fields) = entry.finding.json else { return .null }
                        return .object([("contract", .string(entry.contract))] + fields)
                    })
            ),
        ])
    }

    /// The document's members with `provenance`, when known, after the first two (the day and
    /// the portfolio).
    func withProvenance(_ members: [(String, JSONValue)]) -> JSONValue {
        guard let provenance else { return .object(members) }
        return .object(Array(members.prefix(2)) + [("provenance", provenance.json)] + members.dropFirst(2))
    }

    /// The first `limit` findings over all contracts, as people should see them: critical and
    /// security ones first, then the rest, each by rounded impact (ties: contract order, then
    /// report order); accepted findings are not among them. Wording half a million findings to
    /// show ten is what this avoids.
    public func topFindings(_ limit: Int) -> [(contract: String, finding: Finding)] {
        var top: [(key: (urgent: Int, impact: Double), contract: Int, finding: Int)] = []
        for (contractIndex, contract) in contracts.enumerated() where limit > 0 {
            // By index: a finding copied out of the array retains and releases its strings.
            for findingIndex in contract.findings.indices where !contract.findings[findingIndex].isAccepted {
                let urgent = contract.findings[findingIndex].severity.isUrgent
                let key = (urgent: urgent ? 1 : 0, impact: contract.findings[findingIndex].roundedImpact)
                guard top.count < limit || key > top[top.count - 1].key else { continue }
                let position = top.firstIndex { $0.key < key } ?? top.count
                top.insert((key, contractIndex, findingIndex), at: position)
                if top.count > limit { top.removeLast() }
            }
        }
        return top.map { (contracts[$0.contract].id, contracts[$0.contract].findings[$0.finding]) }
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
    /// The contract's document, with every finding.
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
            ("effort_to_ready", .number(effortToReady)),
            ("next_band_change", nextBandChange?.json ?? .null),
            ("findings", .array(findings.map(\.json))),
        ])
    }
}

extension ContractScore {
    /// The contract in a summary: what a table of contracts shows (no service, no exit horizon),
    /// its findings counted per severity, and the costliest of them (the first in report order
    /// that costs points). Ten thousand of them stay under 5 MB.
    public func summaryJSON(today: Day) -> JSONValue {
        // Counted by position in `Severity.allCases`, reading each finding's severity where it
        // lies: cheaper than hashing it, or copying the finding with its strings.
        let severities = Severity.allCases
        var counts = [Int](repeating: 0, count: severities.count)
        for index in findings.indices { counts[severities.firstIndex(of: findings[index].severity)!] += 1 }
        let costliest = findings.first { $0.impact > 0 && !$0.isAccepted }
        return .object([
            ("id", .string(id)),
            ("supplier", .string(supplier)),
            ("status", .string(status.rawValue)),
            ("criticality", .string(criticality.rawValue)),
            ("score", .number(roundedScore)),
            ("band", .string(band.rawValue)),
            ("families", families.json),
            ("term_end", .string(termEnd.iso)),
            ("notice_deadline", .string(noticeDeadline.iso)),
            ("days_to_notice_deadline", .integer(noticeDeadline.days(since: today))),
            ("effort_to_ready", .number(effortToReady)),
            ("next_band_change", nextBandChange?.json ?? .null),
            ("finding_counts", .object(zip(severities, counts).map { ($0.rawValue, .integer($1)) })),
            ("costliest_finding", costliest.map(\.briefJSON) ?? .null),
        ])
    }
}

extension FamilyScores {
    public var json: JSONValue {
        .object(
            Family.scored.map { family in
                (family.rawValue, .number(roundHalfAwayFromZero(self[family], decimals: 1)))
            })
    }
}

extension Finding {
    /// With `action` only when the action register has a row for the finding.
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("code", .string(code.rawValue)),
            ("family", .string(family.rawValue)),
            ("severity", .string(severity.rawValue)),
            ("subject", .string(subject)),
            ("impact", .number(roundedImpact)),
            ("message", .string(message)),
            ("remedy", .string(remedy)),
        ]
        if let action { members.append(("action", action.json(accepted: isAccepted))) }
        return .object(members)
    }

    /// The finding in a few words: code, subject and impact, without message and remedy.
    public var briefJSON: JSONValue {
        .object([
            ("code", .string(code.rawValue)),
            ("subject", .string(subject)),
            ("impact", .number(roundedImpact)),
        ])
    }
}
