import ExitReadiness

/// Template B_07.01 of the DORA register of information as CSV (exitready-inventory(5)): one
/// row per active contract with a `register` block, in contract id order, with the EBA codes of
/// each closed list. Everything is copied from the inventory except c0080, whether an exit plan
/// exists, which is measured: the evaluation's C01.
public struct RegisterExport: Sendable, Equatable {
    /// UTF-8 without a byte order mark, CRLF line ends, fields quoted as RFC 4180 needs.
    public let csv: String
    /// Active contracts without a `register` block, by id: they are not in the file.
    public let missing: [String]

    public static let header = [
        "c0010", "c0020", "c0030", "c0040", "c0050", "c0060", "c0070", "c0080", "c0090", "c0100", "c0110", "c0120",
    ]
    /// c0070 when no audit was ever done.
    public static let noAudit = "9999-12-31"

    public init(_ evaluation: Evaluation) {
        var lines = [Self.header.joined(separator: ",")]
        var missing: [String] = []
        for contract in evaluation.contracts.sorted(by: { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) })
        where contract.status == .active {
            guard let row = Self.row(contract) else {
                missing.append(contract.id)
                continue
            }
            lines.append(row.map(Self.field).joined(separator: ","))
        }
        csv = lines.map { $0 + "\r\n" }.joined()
        self.missing = missing
    }

    /// The twelve cells of a contract's row; nil without a `register` block.
    public static func row(_ contract: ContractScore) -> [String]? {
        guard let entry = contract.register else { return nil }
        let exitPlanExists = !contract.findings.contains { $0.code == .c01 }
        let alternatives: String =
            switch contract.alternatives {
            case nil: "eba_BT:x21"
            case let list? where list.isEmpty: "eba_BT:x29"
            default: "eba_BT:x28"
            }
        return [
            entry.reference,
            entry.providerCode,
            code(entry.providerCodeType),
            "eba_TA:" + entry.ictServiceType.rawValue,
            code(entry.substitutability),
            entry.substitutabilityReason.map(code) ?? "",
            contract.lastAudit?.iso ?? noAudit,
            exitPlanExists ? "eba_BT:x28" : "eba_BT:x29",
            code(entry.reintegration),
            code(entry.discontinuationImpact),
            alternatives,
            (contract.alternatives ?? []).joined(separator: "; "),
        ]
    }

    static func code(_ type: RegisterEntry.ProviderCodeType) -> String {
        switch type {
        case .lei: "eba_qCO:qx2000"
        case .national: "eba_qCO:qx2001"
        case .euid: "eba_qCO:qx2002"
        case .crn: "eba_qCO:qx2003"
        case .vat: "eba_qCO:qx2004"
        }
    }

    static func code(_ substitutability: RegisterEntry.Substitutability) -> String {
        switch substitutability {
        case .notSubstitutable: "eba_ZZ:x959"
        case .highlyComplex: "eba_ZZ:x960"
        case .medium: "eba_ZZ:x961"
        case .easy: "eba_ZZ:x962"
        }
    }

    static func code(_ reason: RegisterEntry.SubstitutabilityReason) -> String {
        switch reason {
        case .lackOfAlternatives: "eba_ZZ:x963"
        case .migration: "eba_ZZ:x964"
        case .both: "eba_ZZ:x965"
        }
    }

    static func code(_ reintegration: RegisterEntry.Reintegration) -> String {
        switch reintegration {
        case .easy: "eba_ZZ:x798"
        case .difficult: "eba_ZZ:x966"
        case .highlyComplex: "eba_ZZ:x967"
        case .notApplicable: "eba_ZZ:x0"
        }
    }

    static func code(_ impact: RegisterEntry.DiscontinuationImpact) -> String {
        switch impact {
        case .low: "eba_ZZ:x791"
        case .medium: "eba_ZZ:x792"
        case .high: "eba_ZZ:x793"
        case .notAssessed: "eba_ZZ:x799"
        }
    }

    /// RFC 4180: a field holding a comma, a double quote, CR or LF is quoted, its quotes doubled.
    static func field(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        let doubled = value.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"")
        return "\"" + doubled + "\""
    }
}
