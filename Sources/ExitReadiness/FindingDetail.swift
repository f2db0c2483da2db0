/// What a finding is about, kept as data; `text` words it for people.
///
/// Scoring a large portfolio yields hundreds of thousands of findings, most of which nobody
/// reads in a summary: keeping the facts and wording them on demand keeps scoring cheap.
public enum FindingDetail: Sendable, Equatable {
    /// A finding that needs no particulars.
    case text(String)
    case exitPlanDocumentMissing(path: String)
    /// A review, test or audit, never done or done `age` days ago.
    case dated(DatedActivity, day: Day?, age: Int, limit: Int)
    case triggersMissing(listed: Set<ExitTrigger>)
    case terminationAssistance(months: Int?)
    case ipUnsettled([IPClass: IPOwner])
    case financialPlan(hasDocument: Bool, hasCost: Bool)
    case kpi(met: Int, total: Int, periods: Int)
    case requirementMissing(title: String, minBytes: Int64, patterns: [Glob])
    case requirementStale(title: String, newest: String, modified: Day, age: Int, limit: Int)
    case worldReadable(path: String, mode: UInt32)
    case process(kind: ProcessRecord.Kind, name: String, issue: ProcessIssue)
    case successor(person: String, side: StaffMember.Side, role: String, problem: SuccessorProblem)
    case knowledgeTransfer(person: String, state: StaffMember.KnowledgeTransfer)
    case turnover(leavers: Int, base: Int)
    case plannedLeave(person: String, leave: Day, horizon: Day)
    case noticeDeadline(deadline: Day, daysLeft: Int, termEnd: Day, band: Band)
    /// A01–A03: a row of the action register (named `CODE` or `CODE/SUBJECT`) that the
    /// findings contradict.
    case registeredAction(reference: String, problem: ActionProblem)

    public enum DatedActivity: Sendable, Equatable {
        case exitPlanReview, exitPlanTest, audit
    }

    public enum ProcessIssue: Sendable, Equatable {
        case documentMissing(path: String?)
        case notFullyAssessed(ProcessRecord.Answer, ProcessRecord.Answer, ProcessRecord.Answer)
        case review(last: Day?)
        case notTransferable
        case transferabilityUnknown
    }

    public enum ActionProblem: Sendable, Equatable {
        case overdue(due: Day, daysLate: Int, owner: String?)
        case acceptanceLapsed(until: Day)
        case doneButPersists
    }

    public enum SuccessorProblem: Sendable, Equatable {
        case none, ownSuccessor, successorGone
    }

    /// One sentence for people.
    public var text: String {
        switch self {
        case .text(let text):
            return text
        case .exitPlanDocumentMissing(let path):
            return "Exit plan document \(path) is not in the dataroom (or is empty)"
        case .dated(let activity, let day, let age, let limit):
            let (what, verb) =
                switch activity {
                case .exitPlanReview: ("Exit plan", "reviewed")
                case .exitPlanTest: ("Exit plan", "tested")
                case .audit: ("Independent audit", "done")
                }
            guard let day else { return "\(what) never \(verb)" }
            return "\(what) last \(verb) \(day.iso), \(age) days ago (limit \(limit))"
        case .triggersMissing(let listed):
            let missing = ExitTrigger.allCases.filter { !listed.contains($0) }.map(\.rawValue)
            return "Exit triggers not defined: " + missing.joined(separator: ", ")
        case .terminationAssistance(let months):
            return months.map { "Termination assistance covers \($0) of 6 months" } ?? "No termination assistance agreed"
        case .ipUnsettled(let ip):
            let unsettled = IPClass.allCases.compactMap { ipClass -> String? in
                let owner = ip[ipClass] ?? .unclear
                return owner.credit < 1 ? "\(ipClass.rawValue) (\(owner.rawValue))" : nil
            }
            return "IP not owned by the client or shared: " + unsettled.joined(separator: ", ")
        case .financialPlan(let hasDocument, let hasCost):
            switch (hasDocument, hasCost) {
            case (false, false): return "No financial exit plan"
            case (false, true): return "The financial exit plan document is not in the dataroom"
            default: return "The double running cost of the exit is not estimated"
            }
        case .kpi(let met, let total, let periods):
            let percent = roundHalfAwayFromZero(Double(met) / Double(total) * 100, decimals: 1)
            return "KPIs met \(met) of \(total) times (\(percent)%) over the last \(periods) months"
        case .requirementMissing(let title, let minBytes, let patterns):
            let size = minBytes > 1 ? " of at least \(minBytes) bytes" : ""
            return "Missing: \(title) (no file\(size) matches \(patterns.map(\.description).joined(separator: ", ")))"
        case .requirementStale(let title, let newest, let modified, let age, let limit):
            return "Stale: \(title) (newest, \(newest), dated \(modified.iso), is \(age) days old; limit \(limit))"
        case .worldReadable(let path, let mode):
            return "\(path) is readable by everyone (mode \(String(mode & 0o7777, radix: 8)))"
        case .process(let kind, let name, let issue):
            return "\(kind == .informal ? "Informal" : "Formal") process \"\(name)\": " + issue.text
        case .successor(let person, let side, let role, let problem):
            let roleText = role.isEmpty ? side.rawValue : "\(side.rawValue), \(role)"
            let why =
                switch problem {
                case .none: "has no successor"
                case .ownSuccessor: "is named as their own successor"
                case .successorGone: "has a successor who has left"
                }
            return "Key person \(person) (\(roleText)) \(why)"
        case .knowledgeTransfer(let person, let state):
            return "Knowledge transfer of key person \(person) is \(state.rawValue)"
        case .turnover(let leavers, let base):
            let percent = roundHalfAwayFromZero(Double(leavers) / Double(max(1, base)) * 100, decimals: 1)
            return "\(leavers) of \(base) team members left in the last 180 days (\(percent)% turnover)"
        case .plannedLeave(let person, let leave, let horizon):
            return "Key person \(person) plans to leave on \(leave.iso), before the exit horizon \(horizon.iso)"
        case .noticeDeadline(let deadline, let daysLeft, let termEnd, let band):
            let when = daysLeft >= 0 ? "in \(daysLeft) days" : "\(-daysLeft) days ago"
            return "Notice deadline \(deadline.iso) is \(when) (term end \(termEnd.iso)) and the contract is \(band.rawValue)"
        case .registeredAction(let reference, let problem):
            switch problem {
            case .overdue(let due, let daysLate, let owner):
                let by = owner.map { " (owner \($0))" } ?? ""
                return "The action on \(reference)\(by) was due \(due.iso), \(daysLate) days ago, and the finding persists"
            case .acceptanceLapsed(let until):
                return "The acceptance of \(reference) lapsed after \(until.iso) and the finding persists"
            case .doneButPersists:
                return "The action register marks \(reference) done, but the finding persists"
            }
        }
    }
}

extension FindingDetail.ProcessIssue {
    var text: String {
        switch self {
        case .documentMissing(let path): path.map { "document \($0) is not in the dataroom" } ?? "not documented"
        case .notFullyAssessed(let necessary, let standardizable, let transferable):
            "necessary/standardizable/transferable \(necessary.rawValue)/\(standardizable.rawValue)/\(transferable.rawValue)"
        case .review(let last): last.map { "last reviewed \($0.iso)" } ?? "never reviewed"
        case .notTransferable: "necessary but not transferable"
        case .transferabilityUnknown: "transferability not established"
        }
    }
}
