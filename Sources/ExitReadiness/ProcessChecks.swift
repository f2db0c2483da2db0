/// The processes family (P00–P05): is every process, formal or informal, documented, assessed,
/// reviewed and transferable?
struct ProcessChecks {
    let processes: [ProcessRecord]
    let folder: ContractFolder?
    let today: Day

    private static let documentedWeight = 0.40
    private static let assessedWeight = 0.30
    private static let reviewedWeight = 0.15
    private static let transferWeight = 0.15

    /// One process's part of the family: its weight, the points it earns and what it loses.
    struct Part {
        var weight: Double
        var earned: Double
        var losses: [Loss]
    }

    func evaluate() -> FamilyResult {
        guard !processes.isEmpty else {
            return .wholeFamilyLost(.p00, "No processes are registered for the contract")
        }
        let parts = processes.map(part)
        let (score, total) = Self.combine(parts)
        return FamilyResult(score: score, totalPoints: total, losses: parts.flatMap(\.losses))
    }

    /// The family's score and Σ points from the parts of every process, in the register's order.
    static func combine(_ parts: [Part]) -> (score: Double, totalPoints: Double) {
        var earned = 0.0
        var total = 0.0
        for part in parts {
            earned += part.earned
            total += part.weight
        }
        return (100 * earned / total, total)
    }

    /// The part of one process; only its review depends on the day.
    func part(_ process: ProcessRecord) -> Part {
        let weight: Double = process.kind == .informal ? 2 : 1
        let documented: Double = folder?.documentExists(process.document) ?? false ? 1 : 0
        let answered = [process.necessary, process.standardizable, process.transferable].count { $0 != .unknown }
        let assessed = Double(answered) / 3
        let reviewed = recency(process.reviewed, limit: 365, today: today)
        let transfer: Double = process.transferable == .yes || process.necessary == .no ? 1 : 0
        let quality =
            Self.documentedWeight * documented + Self.assessedWeight * assessed
            + Self.reviewedWeight * reviewed + Self.transferWeight * transfer

        var losses: [Loss] = []
        func lose(_ code: FindingCode, _ partWeight: Double, _ part: Double, _ issue: FindingDetail.ProcessIssue) {
            guard part < 1 else { return }
            losses.append(
                Loss(
                    code: code, subject: process.process, lost: weight * partWeight * (1 - part),
                    fraction: part, detail: .process(kind: process.kind, name: process.name, issue: issue)))
        }
        lose(.p01, Self.documentedWeight, documented, .documentMissing(path: process.document))
        lose(
            .p02, Self.assessedWeight, assessed,
            .notFullyAssessed(process.necessary, process.standardizable, process.transferable))
        lose(.p03, Self.reviewedWeight, reviewed, .review(last: process.reviewed))
        if process.necessary == .yes && process.transferable == .no {
            lose(.p04, Self.transferWeight, transfer, .notTransferable)
        } else {
            lose(.p05, Self.transferWeight, transfer, .transferabilityUnknown)
        }
        return Part(weight: weight, earned: weight * quality, losses: losses)
    }
}
