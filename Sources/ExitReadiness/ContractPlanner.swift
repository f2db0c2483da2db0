/// Plans the least work that brings one contract to a target score.
///
/// Candidates are the findings that cost points (of the contract, dataroom, processes and staff
/// families) and are not accepted. Resolving a set A gives `U(A) = U + Σ gain` over the uncapped
/// score U, and the score `S(A) = U(A)`, or `min(U(A), 40)` while a C01 finding is not in A.
/// The plan is the set with the least effort whose rounded score reaches the target; among
/// those, the fewest actions, then the highest score.
///
/// The search splits on C01 (taken or not) and in each case runs a 0/1 knapsack over half-days
/// up to an upper bound of the answer that a greedy pass finds, on the items that pruning
/// keeps (`PlanSearch.prune`): `O(items × bound × front)`, where the fronts of (actions,
/// score) pairs are short in practice.
public struct ContractPlanner: Sendable {
    public let policy: ScoringPolicy
    public let effort: EffortTable

    public init(policy: ScoringPolicy = ScoringPolicy(), effort: EffortTable = EffortTable()) {
        self.policy = policy
        self.effort = effort
    }

    /// The plan to `target` (default: the ready threshold).
    public func plan(_ score: ContractScore, target: Double? = nil) -> ContractPlan {
        let target = target ?? policy.readyThreshold
        let problem = Problem(score, effort: effort, target: target)
        var chosen: [PlanItem] = []
        var reachable = true
        if !problem.reaches(score.score) {
            if let least = problem.leastEffort() {
                chosen = problem.cheapest(effort: least)
            } else {
                reachable = false
                chosen = problem.all
            }
        }
        let steps = problem.ordered(chosen, contract: score)
        return ContractPlan(
            contract: score.id, target: target, score: score.score, scoreAfter: steps.last?.scoreAfter ?? score.score,
            effortDays: Double(chosen.reduce(0) { $0 + $1.effort }) / 2, reachable: reachable, steps: steps)
    }

    /// Days of the plan to the ready threshold: 0 when ready, nil when it cannot be reached.
    public func effortToReady(_ score: ContractScore) -> Double? {
        let problem = Problem(score, effort: effort, target: policy.readyThreshold)
        if problem.reaches(score.score) { return 0 }
        return problem.leastEffort().map { Double($0) / 2 }
    }

    /// The findings of a contract that a plan may resolve, as items (gain unweighted).
    static func candidates(of score: ContractScore, effort: EffortTable) -> [PlanItem] {
        var items: [PlanItem] = []
        // By index, reading the fields where they lie: a finding copied out of the array
        // retains and releases its strings.
        for index in score.findings.indices where !score.findings[index].isAccepted {
            let (code, gain) = (score.findings[index].code, score.findings[index].gain)
            if costsPoints(code, gain: gain), let halfDays = effort.halfDays(for: code) {
                items.append(PlanItem(finding: index, effort: halfDays, gain: gain))
            }
        }
        return items
    }

    /// A check of a scored family that lost points.
    static func costsPoints(_ finding: Finding) -> Bool {
        costsPoints(finding.code, gain: finding.gain)
    }

    private static func costsPoints(_ code: FindingCode, gain: Double) -> Bool {
        switch code.family {
        case .contract, .dataroom, .processes, .staff: gain > 0
        default: false
        }
    }

    /// One contract's planning problem, split on C01.
    struct Problem {
        let target: Double
        let start: Double
        let uncapped: Double
        /// The cap while C01 is not resolved (infinite without a C01 finding).
        let cap: Double
        let c01: PlanItem?
        let others: [PlanItem]

        init(_ score: ContractScore, effort: EffortTable, target: Double) {
            self.target = target
            start = score.score
            uncapped = score.uncappedScore
            cap = score.findings.contains { $0.code == .c01 } ? ContractScorer.noExitPlanCap : .infinity
            let items = ContractPlanner.candidates(of: score, effort: effort)
            let c01Index = items.firstIndex { score.findings[$0.finding].code == .c01 }
            c01 = c01Index.map { items[$0] }
            others = items.indices.filter { $0 != c01Index }.map { items[$0] }
        }

        var all: [PlanItem] { (c01.map { [$0] } ?? []) + others }

        func reaches(_ value: Double) -> Bool {
            // Rounding to a tenth adds at most 0.05: a value well below the target cannot reach
            // it, and the knapsack asks about many such values.
            value > target - 0.5 && roundHalfAwayFromZero(value, decimals: 1) >= target
        }

        /// The least effort in half-days that reaches the target; nil when nothing does.
        func leastEffort() -> Int? {
            // No score passes the cap while C01 stays: when the cap itself falls short of the
            // target, only plans that resolve C01 are worth searching.
            let reachableWithoutC01 = reaches(cap)
            var bound =
                reachableWithoutC01 ? PlanSearch.greedyEffort(others, start: start, cap: cap, reaches: reaches) : nil
            if let c01, let rest = PlanSearch.greedyEffort(others, start: uncapped + c01.gain, cap: .infinity, reaches: reaches) {
                bound = min(bound ?? .max, rest + c01.effort)
            }
            guard let bound else { return nil }
            var least =
                reachableWithoutC01
                ? PlanSearch.leastEffort(
                    PlanSearch.prune(others, capacity: bound), start: start, cap: cap, capacity: bound, reaches: reaches)
                : nil
            if let c01, bound >= c01.effort {
                let room = bound - c01.effort
                if let rest = PlanSearch.leastEffort(
                    PlanSearch.prune(others, capacity: room), start: uncapped + c01.gain, cap: .infinity,
                    capacity: room, reaches: reaches)
                {
                    least = min(least ?? .max, rest + c01.effort)
                }
            }
            return least
        }

        /// Of the sets with exactly `effort` that reach the target, the one with the fewest
        /// actions, then the highest score.
        func cheapest(effort: Int) -> [PlanItem] {
            var best: (count: Int32, value: Double, items: () -> [PlanItem])?
            func consider(_ fronts: PlanSearch.Fronts, at x: Int, extra: [PlanItem]) {
                let front = fronts.front(at: x)
                // The front rises in value with the count: its first entry that reaches has the
                // fewest actions, and among those the highest value.
                guard let index = front.indices.first(where: { reaches(front[$0].value) }) else { return }
                let entry = front[index]
                let count = entry.count + Int32(extra.count)
                if let current = best,
                    current.count < count || (current.count == count && current.value >= entry.value)
                {
                    return
                }
                best = (count, entry.value, { extra + fronts.items(ofEntryAt: index) })
            }
            consider(
                PlanSearch.Fronts(
                    items: PlanSearch.prune(others, capacity: effort), start: start, cap: cap, capacity: effort),
                at: effort, extra: [])
            if let c01, effort >= c01.effort {
                let room = effort - c01.effort
                consider(
                    PlanSearch.Fronts(
                        items: PlanSearch.prune(others, capacity: room), start: uncapped + c01.gain, cap: .infinity,
                        capacity: room), at: room, extra: [c01])
            }
            return best?.items() ?? []
        }

        /// The steps in plan order (C01 first, then gain per effort, gain, report order), each
        /// with the score once it is done.
        func ordered(_ items: [PlanItem], contract: ContractScore) -> [PlanStep] {
            let sorted = items.sorted { lhs, rhs in
                let lhsC01 = lhs.finding == c01?.finding
                let rhsC01 = rhs.finding == c01?.finding
                if lhsC01 != rhsC01 { return lhsC01 }
                let lhsRate = lhs.gain * Double(rhs.effort)
                let rhsRate = rhs.gain * Double(lhs.effort)
                if lhsRate != rhsRate { return lhsRate > rhsRate }
                if lhs.gain != rhs.gain { return lhs.gain > rhs.gain }
                return lhs.finding < rhs.finding
            }
            var gained = 0.0
            var capped = cap < .infinity
            return sorted.map { item in
                gained += item.gain
                if item.finding == c01?.finding { capped = false }
                let score = capped ? min(uncapped + gained, cap) : uncapped + gained
                return PlanStep(
                    contract: contract.id, finding: contract.findings[item.finding], effortDays: Double(item.effort) / 2,
                    scoreAfter: score)
            }
        }
    }
}
