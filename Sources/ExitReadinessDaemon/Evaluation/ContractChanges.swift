import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessStore

/// What changed for one contract between a day and the last evaluation (GetChanges'
/// `ContractChanges`): a finding is its code and subject; those of the last evaluation that the
/// contract did not have then appeared, those it had then and has no more were resolved.
struct ContractChanges {
    let contract: String
    let then: ContractBaseline?
    let now: ContractScore
    let appeared: [JSONValue]
    let resolved: [JSONValue]

    /// Nil when neither the findings nor the rounded score changed.
    init?(now: ContractScore, then: ContractBaseline?) {
        let before = (try? then?.findings.map { try JSONParser.parse($0).arrayValue ?? [] }) ?? nil
        let current = now.findings.map(\.briefJSON)
        let beforeKeys = Set((before ?? []).map(Self.key))
        let currentKeys = Set(current.map(Self.key))
        appeared = current.filter { !beforeKeys.contains(Self.key($0)) }
        resolved = (before ?? []).filter { !currentKeys.contains(Self.key($0)) }
        guard !appeared.isEmpty || !resolved.isEmpty || then?.score != now.roundedScore else { return nil }
        contract = now.id
        self.then = then
        self.now = now
    }

    var json: JSONValue {
        .object([
            ("contract", .string(contract)), ("score_then", .number(then?.score)), ("band_then", .string(then?.band?.rawValue)),
            ("score_now", .number(now.roundedScore)), ("band_now", .string(now.band.rawValue)),
            ("appeared", .array(appeared)), ("resolved", .array(resolved)),
        ])
    }

    /// A finding's identity: code and subject.
    private static func key(_ finding: JSONValue) -> String {
        (finding["code"]?.stringValue ?? "") + "\u{0}" + (finding["subject"]?.stringValue ?? "\u{1}")
    }
}
