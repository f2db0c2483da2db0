/// Applies a contract's rows of the action register to its scored findings
/// (exitready-inventory(5), ACTION REGISTER).
///
/// A row belongs to the finding with the same code and subject. The finding gets the row as its
/// `action`; an acceptance in force marks it accepted (it still costs its points). A row that
/// the findings contradict yields a finding of its own: A01 (open and past its due date), A02
/// (the acceptance lapsed) or A03 (done, yet the finding persists). A row whose finding is gone
/// yields nothing: the work was done.
public struct ActionRegister: Sendable {
    /// One contract's rows.
    public let rows: [RegisteredAction]
    public let today: Day

    public init(rows: [RegisteredAction], today: Day) {
        self.rows = rows
        self.today = today
    }

    public func apply(to score: inout ContractScore) {
        guard !rows.isEmpty else { return }
        var position: [FindingKey: Int] = [:]
        for (index, finding) in score.findings.enumerated() {
            position[FindingKey(code: finding.code, subject: finding.subject)] = index
        }
        var raised: [Finding] = []
        for row in rows {
            guard let index = position[FindingKey(code: row.code, subject: row.subject)] else { continue }
            score.findings[index].action = row
            if let problem = problem(of: row, on: today) {
                raised.append(
                    Finding(
                        code: problem.code, subject: row.reference, severity: .warning, impact: 0,
                        detail: .registeredAction(reference: row.reference, problem: problem.detail)))
            } else if row.state == .accepted {
                score.findings[index].isAccepted = true
            }
        }
        guard !raised.isEmpty else { return }
        score.findings += raised
        score.findings.sort(by: Finding.reportOrder)
    }

    /// The findings (A01–A03) the rows raise on a day when the findings named are present.
    func raisedKeys(present: Set<FindingKey>, on day: Day) -> [FindingKey] {
        rows.compactMap { row in
            guard present.contains(FindingKey(code: row.code, subject: row.subject)),
                let problem = problem(of: row, on: day)
            else { return nil }
            return FindingKey(code: problem.code, subject: row.reference)
        }
    }

    /// What a row whose finding persists says is wrong on a day, if anything.
    private func problem(
        of row: RegisteredAction, on today: Day
    ) -> (code: FindingCode, detail: FindingDetail.ActionProblem)? {
        switch row.state {
        case .open:
            guard let due = row.due, due < today else { return nil }
            return (.a01, .overdue(due: due, daysLate: today.days(since: due), owner: row.owner))
        case .accepted:
            guard let until = row.until, until < today else { return nil }
            return (.a02, .acceptanceLapsed(until: until))
        case .done:
            return (.a03, .doneButPersists)
        }
    }
}
