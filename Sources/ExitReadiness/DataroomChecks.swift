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
            return .wholeFamilyLost(.d00, message: "The contract has no folder in the dataroom")
        }
        let requirements = checklist.requirements(for: criticality)
        var earned = 0.0, total = 0.0
        var losses: [Loss] = []
        for requirement in requirements {
            let (credit, message) = assess(requirement, in: folder)
            earned += requirement.weight * credit
            total += requirement.weight
            if credit < 1 {
                losses.append(Loss(code: credit == 0 ? .d01 : .d02, subject: requirement.id,
                                   lost: requirement.weight * (1 - credit), fraction: credit, message: message))
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
    private func assess(_ requirement: Requirement, in folder: ContractFolder) -> (Double, String) {
        var newest: DataroomFile?
        for file in folder.files where file.size >= requirement.minBytes && requirement.matches(file.path) {
            if newest == nil || file.modified > newest!.modified { newest = file }
        }
        let patterns = requirement.patterns.map(\.description).joined(separator: ", ")
        guard let newest else {
            let size = requirement.minBytes > 1 ? " of at least \(requirement.minBytes) bytes" : ""
            return (0, "Missing: \(requirement.title) (no file\(size) matches \(patterns))")
        }
        guard requirement.maxAgeDays > 0 else { return (1, "") }
        let modified = localDay(newest.modified)
        let age = max(0, today.days(since: modified))
        if age <= requirement.maxAgeDays { return (1, "") }
        return (0.5, "Stale: \(requirement.title) (newest, \(newest.displayPath), dated \(modified.iso), "
            + "is \(age) days old; limit \(requirement.maxAgeDays))")
    }
}
