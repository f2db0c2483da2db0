/// The dataroom family (D00–D02, D90): does the contract's folder hold current copies of every
/// document the checklist requires?
///
/// Which file answers each requirement does not depend on the day, so it is found once; the
/// forecast then grades the same files on later days.
struct DataroomChecks {
    let folder: ContractFolder?
    /// The requirements that apply, each with the newest matching file of at least `min_bytes`.
    private let matches: [(requirement: Requirement, newest: DataroomFile?)]
    /// The local calendar date of a modification time.
    let localDay: @Sendable (Int64) -> Day

    init(
        criticality: Criticality, folder: ContractFolder?, checklist: Checklist,
        localDay: @escaping @Sendable (Int64) -> Day
    ) {
        self.folder = folder
        self.localDay = localDay
        guard let folder else {
            matches = []
            return
        }
        matches = checklist.requirements(for: criticality).map { requirement in
            var newest: DataroomFile?
            for file in folder.files where file.size >= requirement.minBytes && requirement.matches(file.path) {
                if newest == nil || file.modified > newest!.modified { newest = file }
            }
            return (requirement, newest)
        }
    }

    func evaluate(on today: Day) -> FamilyResult {
        guard folder != nil else {
            return .wholeFamilyLost(.d00, "The contract has no folder in the dataroom")
        }
        var earned = 0.0
        var total = 0.0
        var losses: [Loss] = []
        for (requirement, newest) in matches {
            let (credit, detail) = assess(requirement, newest: newest, on: today)
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

    /// The days on which a requirement's newest file turns stale: it is fresh while its age is
    /// at most `max_age_days`.
    func stalenessDays() -> [Day] {
        matches.compactMap { requirement, newest in
            guard let newest, requirement.maxAgeDays > 0 else { return nil }
            return localDay(newest.modified).adding(days: requirement.maxAgeDays + 1)
        }
    }

    /// g: 1 when the newest matching file of at least `min_bytes` is fresh, 0.5 when all are
    /// stale, 0 when there is none.
    private func assess(_ requirement: Requirement, newest: DataroomFile?, on today: Day) -> (Double, FindingDetail?) {
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
