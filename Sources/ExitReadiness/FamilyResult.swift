/// A family's score and the points each of its checks lost.
struct FamilyResult {
    /// 0–100, unrounded.
    var score: Double
    /// The family's Σ points; a loss costs `lost / totalPoints` of the family's weight.
    var totalPoints: Double
    var losses: [Loss]

    /// A family that scores zero as a whole (D00, P00, S00): one loss worth the whole family.
    static func wholeFamilyLost(_ code: FindingCode, _ text: String) -> FamilyResult {
        FamilyResult(score: 0, totalPoints: 1, losses: [Loss(code: code, lost: 1, fraction: 0, detail: .text(text))])
    }

    /// Scores weighted checks: `100 × Σ(points × f) / Σ points`; every check short of full
    /// points becomes a loss.
    static func fromChecks(_ checks: [Check]) -> FamilyResult {
        var earned = 0.0
        var total = 0.0
        var losses: [Loss] = []
        for check in checks {
            earned += check.points * check.fraction
            total += check.points
            if check.fraction < 1 {
                losses.append(
                    Loss(
                        code: check.code, subject: check.subject,
                        lost: check.points * (1 - check.fraction), fraction: check.fraction,
                        detail: check.detail))
            }
        }
        return FamilyResult(score: total > 0 ? 100 * earned / total : 100, totalPoints: total, losses: losses)
    }
}

/// `recency(d, L)`: 1 when the date is at most L days old, 0.5 when at most 2L, else 0 (also when absent).
func recency(_ day: Day?, limit: Int, today: Day) -> Double {
    guard let day else { return 0 }
    let age = max(0, today.days(since: day))
    if age <= limit { return 1 }
    if age <= 2 * limit { return 0.5 }
    return 0
}
