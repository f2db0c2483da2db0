/// The dataroom family (D00–D02, D90): does the contract's folder hold current copies of every
/// document the checklist requires?
struct DataroomChecks {
    let criticality: Criticality
    let folder: ContractFolder?
    let checklist: Checklist
    let today: Day
    /// The local calendar date of a modification time.
    let localDay: @Sendable (Int64) -> Day

    func evaluate() -> FamilyResult {
        guard let folder else {
            return .wholeFamilyLost(.d00, "The contract has no folder in the dataroom")
        }
        let requirements = checklist.requirements(for: criticality)
        var earned = 0.0
        var total = 0.0
        var losses: [Loss] = []
        for requirement in requirements {
            let (credit, detail) = assess(requirement, in: folder)
            earned += requirement.weight * credit
            total += requirement.weight
            if credit < 1, let detail {
                losses.append(
                    Loss(
                        code: credit == 0 ? .d01 : .d02, subject: requirement.id,
                        lost: requirement.weight * (1 - credit), fraction: credit, detail: detail))
            }
        }
        return FamilyResult(score: total > 0 ? 100 * earned / total : 100, totalPoints: total, losses: losses)
    }

    /// World-readable files: a security finding each, no points.
    func exposedFiles() -> [DataroomFile] {
        folder?.files.filter(\.isWorldReadable) ?? []
    }

    /// g: 1 when the newest matching file of at least `min_bytes` is fresh, 0.5 when all are
    /// stale, 0 when there is none.
    private func assess(_ requirement: Requirement, in folder: ContractFolder) -> (Double, FindingDetail?) {
        var newest: DataroomFile?
        for file in folder.files where file.size >= requirement.minBytes && requirement.matches(file.path) {
            if newest == nil || file.modified > newest!.modified { newest = file }
        }
        guard let newest else {
            return (
                0,
                .requirementMissing(
                    title: requirement.title, minBytes: requirement.minBytes,
                    patterns: requirement.patterns)
            )
        }
        guard requirement.maxAgeDays > 0 else { return (1, nil) }
        let modified = localDay(newest.modified)
        let age = max(0, today.days(since: modified))
        if age <= requirement.maxAgeDays { return (1, nil) }
        return (
            0.5,
            .requirementStale(
                title: requirement.title, newest: newest.displayPath, modified: modified, age: age,
                limit: requirement.maxAgeDays)
        )
    }
}
