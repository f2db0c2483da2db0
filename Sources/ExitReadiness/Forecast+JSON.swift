extension BandChange {
    public var json: JSONValue {
        .object([("day", .string(day.iso)), ("band", .string(band.rawValue))])
    }
}

extension ContractForecast {
    /// The contract's forecast over `horizonDays` (at most the forecast's own).
    public func json(horizonDays: Int) -> JSONValue {
        .object([
            ("contract", .string(contract)),
            ("horizon_days", .integer(horizonDays)),
            ("score", .number(roundedScore)),
            ("band", .string(band.rawValue)),
            ("changes", .array(changes(within: horizonDays).map { $0.json(naming: false) })),
            ("next_band_change", nextBandChange(within: horizonDays)?.json ?? .null),
        ])
    }
}

extension PortfolioForecast {
    public var json: JSONValue {
        .object([
            ("score", .number(score)),
            ("band", .string(band?.rawValue)),
            ("changes", .array(changes.map { $0.json(naming: true) })),
            (
                "next_band_change",
                nextBandChange.map { .object([("day", .string($0.day.iso)), ("band", .string($0.band?.rawValue))]) } ?? .null
            ),
        ])
    }
}

extension ForecastChange {
    /// With each finding's contract when `naming` (the portfolio's changes span contracts).
    public func json(naming: Bool) -> JSONValue {
        func findings(_ keys: [ContractFindingKey]) -> JSONValue {
            .array(
                keys.map { finding in
                    var members: [(String, JSONValue)] = naming ? [("contract", .string(finding.contract))] : []
                    members.append(("code", .string(finding.key.code.rawValue)))
                    members.append(("subject", .string(finding.key.subject)))
                    return .object(members)
                })
        }
        return .object([
            ("day", .string(day.iso)),
            ("score", .number(score)),
            ("band", .string(band?.rawValue)),
            ("appeared", findings(appeared)),
            ("disappeared", findings(disappeared)),
            ("worsened", findings(worsened)),
        ])
    }
}
