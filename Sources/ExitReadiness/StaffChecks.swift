/// The staff family (S00–S04): are the key persons known, covered by successors, handing over
/// their knowledge, and staying until the exit is done?
///
/// Who succeeds whom does not depend on the day, so it is looked up once; the forecast then
/// grades the same staff on later days.
struct StaffChecks {
    let staff: [StaffMember]
    /// For each key person, the members its successor names: none when it names no one or
    /// itself. A team is small and has few key persons: comparing names beats hashing them.
    private let successors: [[Int]]

    init(staff: [StaffMember]) {
        self.staff = staff
        successors = staff.map { member in
            guard member.isKey, let successor = member.successor, successor != member.person else { return [] }
            return staff.indices.filter { staff[$0].person == successor }
        }
    }

    /// The family on `today`; key persons should stay at least until `exitHorizon` (term end
    /// plus termination assistance).
    func evaluate(on today: Day, exitHorizon: Day) -> FamilyResult {
        let keyPersons = staff.indices.filter { staff[$0].isKey && staff[$0].isActive(on: today) }
        guard !keyPersons.isEmpty else {
            return .wholeFamilyLost(.s00, "No active key persons are identified for the contract")
        }
        let share = 1 / Double(keyPersons.count)
        var losses: [Loss] = []

        var covered = 0.0
        var transferred = 0.0
        var staying = 0.0
        for index in keyPersons {
            let person = staff[index]
            if successors[index].contains(where: { staff[$0].isActive(on: today) }) {
                covered += 1
            } else {
                let problem: FindingDetail.SuccessorProblem =
                    person.successor.map { $0 == person.person ? .ownSuccessor : .successorGone }
                    ?? .none
                losses.append(
                    Loss(
                        code: .s01, subject: person.person, lost: 40 * share, fraction: 0,
                        detail: .successor(person: person.person, side: person.side, role: person.role, problem: problem)))
            }

            let credit = person.knowledgeTransfer.credit
            transferred += credit
            if credit < 1 {
                losses.append(
                    Loss(
                        code: .s02, subject: person.person, lost: 20 * share * (1 - credit), fraction: credit,
                        detail: .knowledgeTransfer(person: person.person, state: person.knowledgeTransfer)))
            }

            if let leave = person.plannedLeave, leave <= exitHorizon {
                losses.append(
                    Loss(
                        code: .s04, subject: person.person, lost: 20 * share, fraction: 0,
                        detail: .plannedLeave(person: person.person, leave: leave, horizon: exitHorizon)))
            } else {
                staying += 1
            }
        }

        let (turnoverCredit, leavers, base) = turnover(on: today)
        if turnoverCredit < 1 {
            losses.append(
                Loss(
                    code: .s03, lost: 20 * (1 - turnoverCredit), fraction: turnoverCredit,
                    detail: .turnover(leavers: leavers, base: base)))
        }

        let keyCount = Double(keyPersons.count)
        let earned =
            40 * (covered / keyCount) + 20 * (transferred / keyCount) + 20 * turnoverCredit
            + 20 * (staying / keyCount)
        return FamilyResult(score: 100 * earned / 100, totalPoints: 100, losses: losses)
    }

    /// t = leavers in (today−180, today] / max(1, persons active on today−180 who had joined by then).
    private func turnover(on today: Day) -> (credit: Double, leavers: Int, base: Int) {
        let windowStart = today.adding(days: -180)
        var leavers = 0
        var base = 0
        for member in staff {
            if let left = member.left, left > windowStart, left <= today { leavers += 1 }
            if member.joined <= windowStart && member.isActive(on: windowStart) { base += 1 }
        }
        let rate = Double(leavers) / Double(max(1, base))
        let credit: Double
        if rate <= 0.10 {
            credit = 1
        } else if rate >= 0.40 {
            credit = 0
        } else {
            credit = (0.40 - rate) / 0.30
        }
        return (credit, leavers, base)
    }
}
