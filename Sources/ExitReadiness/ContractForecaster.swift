/// Forecasts one contract over a horizon. Every input of the evaluation is constant between
/// dates the inventory names (a recency limit passing, a document turning stale, a join, leave
/// or planned leave, the turnover window's edges, a renewal, a notice window opening, an action
/// falling due), so the contract is evaluated on those days only, and on each of them only the
/// families the day's events touch are scored again; of the processes, only the ones whose
/// review ages. The result equals scoring every day.
struct ContractForecaster {
    /// The scorer of today's evaluation.
    let scorer: ContractScorer
    let horizonDays: Int
    /// False when only scores and bands are wanted (a next band change): the findings that
    /// appear and disappear are then neither compared nor listed, which halves the work.
    var tracksFindings = true

    /// What an event day may change.
    private struct Touches: OptionSet {
        let rawValue: UInt8
        static let contract = Touches(rawValue: 1)
        static let dataroom = Touches(rawValue: 2)
        /// The event's process, whose review ages.
        static let process = Touches(rawValue: 4)
        static let staff = Touches(rawValue: 8)
        /// The term end, the notice deadline and the status; the staff's exit horizon with them.
        static let timeline = Touches(rawValue: 16)
        /// Findings that follow from the others and the day: T01, R01, A01–A03.
        static let derived = Touches(rawValue: 32)
    }

    func forecast(
        _ contract: Contract, staff: [StaffMember], processes: [ProcessRecord], folder: ContractFolder?,
        dataroom: DataroomChecks, actions: [RegisteredAction]
    ) -> ContractForecast {
        let today = scorer.today
        let events = eventDays(contract, staff: staff, processes: processes, dataroom: dataroom, actions: actions)

        var state = DayState(
            forecaster: self, contract: contract, staff: staff, processes: processes, folder: folder,
            dataroom: dataroom, actions: actions)
        let start = state.score
        let startBand = state.band
        let startStatus = state.status
        var steps: [ForecastStep] = []
        var index = 0
        var touchedProcesses: [Int] = []
        while index < events.count {
            let day = events[index].day
            var touches: Touches = []
            touchedProcesses.removeAll(keepingCapacity: true)
            while index < events.count && events[index].day == day {
                touches.formUnion(events[index].touches)
                if let process = events[index].process { touchedProcesses.append(process) }
                index += 1
            }
            let before = (score: state.score, status: state.status)
            let change = state.move(to: day, touching: touches, processes: touchedProcesses)
            if state.score != before.score || state.status != before.status || !change.appeared.isEmpty
                || !change.disappeared.isEmpty
            {
                steps.append(
                    ForecastStep(
                        day: day, score: state.score, band: state.band, status: state.status, appeared: change.appeared,
                        disappeared: change.disappeared, worsened: change.worsened))
            }
        }
        return ContractForecast(
            contract: contract.id, criticality: contract.criticality, today: today, horizonDays: horizonDays,
            score: start, band: startBand, status: startStatus, steps: steps)
    }

    /// The days within the horizon on which something may change, in order, with what it may
    /// change: for `.process`, the index of the process.
    private func eventDays(
        _ contract: Contract, staff: [StaffMember], processes: [ProcessRecord], dataroom: DataroomChecks,
        actions: [RegisteredAction]
    ) -> [(day: Day, touches: Touches, process: Int?)] {
        var events: [(day: Day, touches: Touches, process: Int?)] = []
        /// recency(d, L) drops on d + L + 1 and again on d + 2L + 1.
        func recencyEdges(_ day: Day?, limit: Int, _ touches: Touches, process: Int? = nil) {
            guard let day else { return }
            events.append((day.adding(days: limit + 1), touches, process))
            events.append((day.adding(days: 2 * limit + 1), touches, process))
        }
        recencyEdges(contract.exitPlan?.reviewed, limit: 365, .contract)
        recencyEdges(contract.exitPlan?.tested, limit: 730, .contract)
        recencyEdges(contract.lastAudit, limit: 365, .contract)
        for (index, process) in processes.enumerated() {
            recencyEdges(process.reviewed, limit: 365, .process, process: index)
        }
        for day in dataroom.stalenessDays() { events.append((day, .dataroom, nil)) }
        for member in staff {
            // Inactive from the day it leaves; a leaver in the turnover window (D−180, D] until
            // D = left + 180, which is also when it stops counting as active on D − 180; part
            // of the window's base from D = joined + 180.
            if let left = member.left {
                events.append((left, .staff, nil))
                events.append((left.adding(days: 180), .staff, nil))
            }
            events.append((member.joined.adding(days: 180), .staff, nil))
        }
        for row in actions {
            if let due = row.due { events.append((due.adding(days: 1), .derived, nil)) }
            if let until = row.until { events.append((until.adding(days: 1), .derived, nil)) }
        }
        // The term rolls over the day after each notice deadline; the notice window opens
        // `noticeWindowDays` before it; a contract that does not renew ends the day after its end.
        let last = scorer.today.adding(days: horizonDays)
        var timeline = ExitTimeline(contract: contract, today: scorer.today)
        while true {
            events.append((timeline.noticeDeadline.adding(days: -scorer.policy.noticeWindowDays), .timeline, nil))
            guard contract.renewalMonths > 0, timeline.noticeDeadline < last else { break }
            let rollover = timeline.noticeDeadline.adding(days: 1)
            events.append((rollover, .timeline, nil))
            timeline = ExitTimeline(contract: contract, today: rollover)
        }
        if contract.renewalMonths == 0 { events.append((contract.end.adding(days: 1), .timeline, nil)) }
        // Most dates lie in the past: dropped before sorting.
        events.removeAll { $0.day <= scorer.today || $0.day > last || (!tracksFindings && $0.touches == .derived) }
        events.sort { $0.day < $1.day }
        return events
    }

    /// A finding of a day and the family points it loses (0 for T01, R01, A01–A03 and D90).
    private typealias DayFinding = (key: FindingKey, lost: Double)

    /// How the findings of one day differ from the day before's.
    private struct Change {
        var appeared: [FindingKey] = []
        var disappeared: [FindingKey] = []
        var worsened: [FindingKey] = []

        /// Adds what appeared in `new`, disappeared from `old` and loses more in `new`. A family
        /// lists its findings in the order of its checks, the same every day, so when the same
        /// findings come in the same order only their losses need comparing; otherwise both are
        /// sorted by key and merged.
        mutating func add(from old: [DayFinding], to new: [DayFinding]) {
            if old.elementsEqual(new, by: { $0.key == $1.key }) {
                for (before, after) in zip(old, new) where after.lost > before.lost { worsened.append(after.key) }
                return
            }
            let old = old.sorted { $0.key < $1.key }
            let new = new.sorted { $0.key < $1.key }
            var i = 0
            var j = 0
            while i < old.count || j < new.count {
                if j == new.count || (i < old.count && old[i].key < new[j].key) {
                    disappeared.append(old[i].key)
                    i += 1
                } else if i == old.count || new[j].key < old[i].key {
                    appeared.append(new[j].key)
                    j += 1
                } else {
                    if new[j].lost > old[i].lost { worsened.append(new[j].key) }
                    i += 1
                    j += 1
                }
            }
        }

        /// Each list in key order, once the families have added theirs.
        mutating func sort() {
            appeared.sort()
            disappeared.sort()
            worsened.sort()
        }
    }

    /// The contract's evaluation on one day, kept family by family and, for the processes,
    /// process by process.
    private struct DayState {
        let forecaster: ContractForecaster
        let contract: Contract
        let processes: [ProcessRecord]
        let folder: ContractFolder?
        let dataroom: DataroomChecks
        let staffChecks: StaffChecks
        let actions: ActionRegister
        /// D90: the same every day.
        let exposed: [DayFinding]
        let hasExitPlanDocument: Bool

        var scorer: ContractScorer
        var timeline: ExitTimeline
        /// In the order of `Family.scored`.
        var familyScores: [Double] = []
        /// Each family's findings in the order of its checks; the families' codes never overlap.
        /// With registered processes, theirs are kept in `processFindings` instead.
        var familyFindings: [[DayFinding]] = []
        /// Each registered process's part of its family, in the register's order.
        var processParts: [ProcessChecks.Part] = []
        /// Each registered process's findings; the processes' ids, and so their keys, differ.
        var processFindings: [[DayFinding]] = []
        /// The processes family's Σ points: its weights do not change with the day.
        var processPoints = 0.0
        /// T01, R01 and A01–A03, sorted by key.
        var derived: [DayFinding] = []
        var score = 0.0
        var band = Band.ready
        var status = ContractStatus.active

        init(
            forecaster: ContractForecaster, contract: Contract, staff: [StaffMember], processes: [ProcessRecord],
            folder: ContractFolder?, dataroom: DataroomChecks, actions: [RegisteredAction]
        ) {
            self.forecaster = forecaster
            self.contract = contract
            self.processes = processes
            self.folder = folder
            self.dataroom = dataroom
            staffChecks = StaffChecks(staff: staff)
            self.actions = ActionRegister(rows: actions, today: forecaster.scorer.today)
            exposed = dataroom.exposedFiles().map { (FindingKey(code: .d90, subject: $0.displayPath), 0) }
            hasExitPlanDocument =
                ContractChecks(contract: contract, folder: folder, today: forecaster.scorer.today)
                .hasExitPlanDocument
            scorer = forecaster.scorer
            timeline = ExitTimeline(contract: contract, today: scorer.today)
            for family in Family.scored {
                if family == .processes && !processes.isEmpty {
                    let checks = ProcessChecks(processes: processes, folder: folder, today: scorer.today)
                    processParts = processes.map(checks.part)
                    let (score, points) = ProcessChecks.combine(processParts)
                    processPoints = points
                    familyScores.append(score)
                    familyFindings.append([])
                    if forecaster.tracksFindings {
                        processFindings = processParts.map { Self.findings(of: $0.losses, totalPoints: points) }
                    }
                    continue
                }
                let result = evaluate(family)
                familyScores.append(result.score)
                familyFindings.append(
                    forecaster.tracksFindings ? Self.findings(of: result.losses, totalPoints: result.totalPoints) : [])
            }
            combine()
            if forecaster.tracksFindings { derived = derivedFindings() }
        }

        /// Evaluates the touched families on `day`, of the processes the `touched` ones, and says
        /// how the findings changed.
        mutating func move(to day: Day, touching touches: Touches, processes touched: [Int]) -> Change {
            scorer = scorer.on(day)
            if touches.contains(.timeline) { timeline = ExitTimeline(contract: contract, today: day) }
            var change = Change()
            for (index, family) in Family.scored.enumerated() where !touches.isDisjoint(with: Self.touches(of: family)) {
                if family == .processes {
                    rescore(touched, into: &change)
                    familyScores[index] = ProcessChecks.combine(processParts).score
                    continue
                }
                let result = evaluate(family)
                familyScores[index] = result.score
                guard forecaster.tracksFindings else { continue }
                let old = familyFindings[index]
                familyFindings[index] = Self.findings(of: result.losses, totalPoints: result.totalPoints)
                change.add(from: old, to: familyFindings[index])
            }
            combine()
            guard forecaster.tracksFindings else { return change }
            let old = derived
            derived = derivedFindings()
            change.add(from: old, to: derived)
            change.sort()
            return change
        }

        /// Scores the parts of the `touched` processes again.
        private mutating func rescore(_ touched: [Int], into change: inout Change) {
            let checks = ProcessChecks(processes: processes, folder: folder, today: scorer.today)
            for process in touched {
                processParts[process] = checks.part(processes[process])
                guard forecaster.tracksFindings else { continue }
                let old = processFindings[process]
                processFindings[process] = Self.findings(of: processParts[process].losses, totalPoints: processPoints)
                change.add(from: old, to: processFindings[process])
            }
        }

        /// What makes a family score again: its own events; for the staff, the timeline too.
        private static func touches(of family: Family) -> Touches {
            switch family {
            case .contract: .contract
            case .dataroom: .dataroom
            case .processes: .process
            default: [.staff, .timeline]
            }
        }

        private func evaluate(_ family: Family) -> FamilyResult {
            let today = scorer.today
            switch family {
            case .contract:
                return ContractChecks(contract: contract, folder: folder, today: today).evaluate()
            case .dataroom:
                return dataroom.evaluate(on: today)
            case .processes:
                return ProcessChecks(processes: processes, folder: folder, today: today).evaluate()
            default:
                let exitHorizon = timeline.termEnd.adding(months: contract.terms.terminationAssistanceMonths ?? 0)
                return staffChecks.evaluate(on: today, exitHorizon: exitHorizon)
            }
        }

        private mutating func combine() {
            let uncapped = scorer.uncappedScore(familyScores)
            score = hasExitPlanDocument ? uncapped : min(uncapped, ContractScorer.noExitPlanCap)
            band = scorer.policy.band(forRoundedScore: roundHalfAwayFromZero(score, decimals: 1))
            status = scorer.status(of: contract)
        }

        /// Findings in the order of their checks, with the share of the family's points each loses.
        private static func findings(of losses: [Loss], totalPoints: Double) -> [DayFinding] {
            losses.map { (FindingKey(code: $0.code, subject: $0.subject), $0.lost / totalPoints) }
        }

        /// The findings that follow from the day's families, band and date: T01, R01, and the
        /// action register's A01–A03 for rows whose finding is present.
        private func derivedFindings() -> [DayFinding] {
            var keys: [FindingKey] = []
            if scorer.noticeDeadlineFinding(timeline, status: status, band: band) != nil { keys.append(FindingKey(code: .t01)) }
            if ContractScorer.contradictedRegister(contract, band: band) != nil {
                keys.append(FindingKey(code: .r01))
            }
            if !actions.rows.isEmpty {
                var present = Set(keys)
                for finding in exposed { present.insert(finding.key) }
                for findings in familyFindings { for finding in findings { present.insert(finding.key) } }
                for findings in processFindings { for finding in findings { present.insert(finding.key) } }
                keys += actions.raisedKeys(present: present, on: scorer.today)
            }
            return keys.sorted().map { ($0, 0) }
        }
    }
}
