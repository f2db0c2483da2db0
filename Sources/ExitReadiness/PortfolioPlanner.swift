import Synchronization

/// Finds the actions within a budget of person-days that raise the portfolio score most.
///
/// The portfolio gain of a set of actions is `Σ w·(S(A_c) − S(∅_c)) / Σ w` over the active
/// contracts (weights 3, 2, 1 by criticality). The answer is the exact optimum; among optimal
/// sets, the least effort, then the fewest actions. With C = 2B half-days:
///
/// 1. Contracts without a C01 finding gain additively, so their actions go into one pool. Of
///    the actions with effort `e`, only the `C / e` largest gains can be in an optimum (at most
///    that many fit; swapping for a larger gain never loses), which leaves at most about
///    `C · ln C` of them whatever the portfolio's size. One knapsack gives the pool's best gain
///    for every exact effort: `O(C² ln C)`.
/// 2. A contract with a C01 finding is capped at 40 until C01 is resolved, so its gains do not
///    simply add up. Its curve (best gain and fewest actions for every exact effort) is the
///    better of two cases. With C01: C01's gain (and the cap it lifts) plus an additive
///    knapsack of the other actions. Without: the other actions add up until the score reaches
///    40; below that an additive knapsack is exact, and at the least effort that reaches 40 a
///    small search finds the fewest actions that do (more effort gains nothing more). Each is
///    `O(actions × C)`; contracts are spread over all cores.
/// 3. A grouped knapsack over the pool and these curves, one point per group, gives the
///    optimum, after dropping points that cost more without gaining more and, for each effort,
///    all but the best points (`leading`): `O(C³)` at most, whatever the number of contracts.
///
/// Ties compare values within `PlanSearch.tolerance`.
public struct PortfolioPlanner: Sendable {
    public let effort: EffortTable

    /// The largest budget, in days.
    public static let maximumBudgetDays = 1000.0

    public init(effort: EffortTable = EffortTable()) {
        self.effort = effort
    }

    /// A budget is a multiple of 0.5 from 0 to 1000 days.
    public static func isValid(budgetDays: Double) -> Bool {
        budgetDays >= 0 && budgetDays <= maximumBudgetDays && (budgetDays * 2).rounded() == budgetDays * 2
    }

    /// One choice of a group: an exact effort with its weighted gain and action count.
    struct Point {
        var effort: Int
        var value: Double
        var count: Int32
        var kind: Kind = .additive

        enum Kind {
            /// A knapsack choice: of the pool, or of a capped contract without C01.
            case additive
            /// A capped contract without C01 that reaches the cap with the fewest actions.
            case reachesCap
            /// A capped contract with C01 and other actions.
            case withC01
        }
    }

    private struct Group {
        /// Index into the active contracts; nil for the pool.
        var contract: Int?
        var points: [Point]
    }

    /// The best plan within `budgetDays` (which must pass `isValid(budgetDays:)`).
    public func plan(_ evaluation: Evaluation, budgetDays: Double) -> PortfolioPlan {
        precondition(Self.isValid(budgetDays: budgetDays), "invalid budget \(budgetDays)")
        let capacity = Int(budgetDays * 2)
        let active = evaluation.contracts.filter { $0.status == .active }
        let totalWeight = active.reduce(0) { $0 + $1.criticality.portfolioWeight }
        guard capacity > 0, totalWeight > 0 else {
            return PortfolioPlan(
                budgetDays: budgetDays, effortDays: 0, score: evaluation.portfolio.score,
                scoreAfter: evaluation.portfolio.score, gain: 0, steps: [])
        }
        let problems = active.map { ContractPlanner.Problem($0, effort: effort, target: 100) }
        let weights = active.map { $0.criticality.portfolioWeight / totalWeight }

        // 1. The pool: actions of contracts without a cap, gains weighted.
        var pooled: [(contract: Int, action: PlanItem)] = []
        var poolItems: [PlanItem] = []
        var capped: [Int] = []
        for index in active.indices {
            if problems[index].cap == .infinity {
                for item in problems[index].others {
                    poolItems.append(PlanItem(finding: pooled.count, effort: item.effort, gain: item.gain * weights[index]))
                    pooled.append((index, item))
                }
            } else {
                capped.append(index)
            }
        }
        let pool = AdditiveKnapsack(
            items: PlanSearch.prune(poolItems, capacity: capacity), capacity: capacity, keepChoices: true)
        let poolCurve = (1...capacity).map { Point(effort: $0, value: pool.value[$0], count: pool.count[$0]) }
        var groups = [Group(contract: nil, points: Self.rising(poolCurve))]

        // 2. The curves of capped contracts.
        let curves = Mutex([[Point]](repeating: [], count: capped.count))
        let chunk = 32
        ParallelWork.run(iterations: (capped.count + chunk - 1) / chunk) { part in
            let range = part * chunk..<min((part + 1) * chunk, capped.count)
            let computed = range.map { curve(problems[capped[$0]], weight: weights[capped[$0]], capacity: capacity) }
            curves.withLock { $0.replaceSubrange(range, with: computed) }
        }
        for (index, points) in zip(capped, curves.withLock { $0 }) where !points.isEmpty {
            groups.append(Group(contract: index, points: points))
        }

        groups = Self.leading(groups, capacity: capacity)

        // 3. The grouped knapsack, by exact effort.
        var value = [Double](repeating: -.infinity, count: capacity + 1)
        var count = [Int32](repeating: 0, count: capacity + 1)
        value[0] = 0
        var choice = [Int32](repeating: -1, count: groups.count * (capacity + 1))
        for (g, group) in groups.enumerated() {
            let row = g * (capacity + 1)
            var x = capacity
            while x >= 1 {
                for (p, point) in group.points.enumerated() {
                    guard point.effort <= x else { break }
                    let before = value[x - point.effort]
                    guard before > -.infinity else { continue }
                    let candidate = before + point.value
                    let actions = count[x - point.effort] + point.count
                    if candidate > value[x] + PlanSearch.tolerance
                        || (candidate >= value[x] - PlanSearch.tolerance && actions < count[x])
                    {
                        value[x] = candidate
                        count[x] = actions
                        choice[row + x] = Int32(p)
                    }
                }
                x -= 1
            }
        }
        var best = 0
        for x in 1...capacity where value[x] > value[best] + PlanSearch.tolerance { best = x }

        // Back from the best effort to each group's point, then to its actions.
        var chosen = [[PlanItem]](repeating: [], count: active.count)
        var x = best
        for g in groups.indices.reversed() where x > 0 {
            let p = choice[g * (capacity + 1) + x]
            guard p >= 0 else { continue }
            let point = groups[g].points[Int(p)]
            if let contract = groups[g].contract {
                chosen[contract] = items(of: problems[contract], at: point, capacity: capacity)
            } else {
                for item in pool.items(atEffort: point.effort) {
                    chosen[pooled[item.finding].contract].append(pooled[item.finding].action)
                }
            }
            x -= point.effort
        }
        var steps: [PlanStep] = []
        for (index, items) in chosen.enumerated() where !items.isEmpty {
            steps += problems[index].ordered(items, contract: active[index])
        }
        let score = evaluation.portfolio.score
        return PortfolioPlan(
            budgetDays: budgetDays, effortDays: Double(best) / 2, score: score,
            scoreAfter: score.map { $0 + value[best] }, gain: value[best], steps: steps)
    }

    /// The points worth choosing, by effort: each gains more than every cheaper one (a point
    /// that costs more and gains no more is never better in any combination).
    private static func rising(_ points: [Point]) -> [Point] {
        var kept: [Point] = []
        for point in points where point.value > (kept.last?.value ?? 0) + PlanSearch.tolerance { kept.append(point) }
        return kept
    }

    /// The points of contract groups that can be in an optimum, for each effort `x` only the
    /// `C − x + 1` best (largest gain, then fewest actions): a group whose point at `x` is not
    /// among them can give way to one of them that has nothing allocated, since next to a
    /// group spending `x` at most `C − x` others spend anything. This leaves at most
    /// `C(C + 1)/2` points however many contracts there are. The pool (first) keeps all of its.
    private static func leading(_ groups: [Group], capacity: Int) -> [Group] {
        struct Candidate {
            var value: Double
            var count: Int32
            var group: Int
            var point: Point
        }
        var byEffort = [[Candidate]](repeating: [], count: capacity + 1)
        for g in groups.indices.dropFirst() {
            for point in groups[g].points {
                byEffort[point.effort].append(Candidate(value: point.value, count: point.count, group: g, point: point))
            }
        }
        var kept = [[Point]](repeating: [], count: groups.count)
        kept[0] = groups[0].points
        for x in 1...capacity where !byEffort[x].isEmpty {
            let room = capacity - x + 1
            var candidates = byEffort[x]
            if candidates.count > room {
                candidates.sort { lhs, rhs in
                    if lhs.value != rhs.value { return lhs.value > rhs.value }
                    if lhs.count != rhs.count { return lhs.count < rhs.count }
                    return lhs.group < rhs.group
                }
                candidates.removeLast(candidates.count - room)
            }
            for candidate in candidates { kept[candidate.group].append(candidate.point) }
        }
        return groups.indices.compactMap { g in
            g == 0 || !kept[g].isEmpty ? Group(contract: groups[g].contract, points: kept[g]) : nil
        }
    }

    /// 2. A capped contract's best weighted gain for each exact effort.
    private func curve(_ problem: ContractPlanner.Problem, weight: Double, capacity: Int) -> [Point] {
        var best = [Point?](repeating: nil, count: capacity + 1)
        func offer(_ point: Point) {
            if let current = best[point.effort],
                current.value > point.value + PlanSearch.tolerance
                    || (current.value >= point.value - PlanSearch.tolerance && current.count <= point.count)
            {
                return
            }
            best[point.effort] = point
        }
        if problem.start < problem.cap {
            // Without C01: additive below the cap; at the least effort that reaches it, the
            // fewest actions that do.
            let items = PlanSearch.prune(problem.others, capacity: capacity)
            let knapsack = AdditiveKnapsack(items: items, capacity: capacity, keepChoices: false)
            let reaches = { (gain: Double) in problem.start + gain >= problem.cap - PlanSearch.tolerance }
            for x in 1...capacity where knapsack.value[x] > -.infinity {
                if reaches(knapsack.value[x]) {
                    let fewest = FewestActionsSearch.fewest(
                        items, effort: x, maximumCount: Int(knapsack.count[x]), reaches: reaches)
                    if let fewest {
                        offer(
                            Point(
                                effort: x, value: (problem.cap - problem.start) * weight, count: Int32(fewest.count),
                                kind: .reachesCap))
                    }
                    break
                }
                offer(Point(effort: x, value: knapsack.value[x] * weight, count: knapsack.count[x]))
            }
        }
        if let c01 = problem.c01, c01.effort <= capacity {
            let room = capacity - c01.effort
            let knapsack = AdditiveKnapsack(
                items: PlanSearch.prune(problem.others, capacity: room), capacity: room, keepChoices: false)
            let lifted = problem.uncapped + c01.gain - problem.start
            for x in 0...room where knapsack.value[x] > -.infinity {
                offer(
                    Point(
                        effort: x + c01.effort, value: (lifted + knapsack.value[x]) * weight, count: knapsack.count[x] + 1,
                        kind: .withC01))
            }
        }
        return Self.rising(best.compactMap { $0 })
    }

    /// The actions behind a point of a capped contract's curve: the same search again, with
    /// its choices kept.
    private func items(of problem: ContractPlanner.Problem, at point: Point, capacity: Int) -> [PlanItem] {
        switch point.kind {
        case .additive:
            return AdditiveKnapsack(
                items: PlanSearch.prune(problem.others, capacity: capacity), capacity: capacity, keepChoices: true
            ).items(atEffort: point.effort)
        case .reachesCap:
            return FewestActionsSearch.fewest(
                PlanSearch.prune(problem.others, capacity: capacity), effort: point.effort,
                maximumCount: Int(point.count), reaches: { problem.start + $0 >= problem.cap - PlanSearch.tolerance }) ?? []
        case .withC01:
            let c01 = problem.c01!
            let room = capacity - c01.effort
            return [c01]
                + AdditiveKnapsack(
                    items: PlanSearch.prune(problem.others, capacity: room), capacity: room, keepChoices: true
                ).items(atEffort: point.effort - c01.effort)
        }
    }
}
