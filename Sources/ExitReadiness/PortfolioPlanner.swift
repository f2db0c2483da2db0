/// Finds the actions within a budget of person-days that raise the portfolio score most.
///
/// The portfolio gain of a set of actions is `Σ w·(S(A_c) − S(∅_c)) / Σ w` over the active
/// contracts (weights 3, 2, 1 by criticality). The answer is the exact optimum; among optimal
/// sets, the least effort, then the fewest actions. With C = 2B half-days:
///
/// 1. Contracts without a C01 finding gain additively, so their actions go into one pool. Of
///    the actions with effort `e`, only the `C / e` largest gains can be in an optimum (at most
///    that many fit; swapping for a larger gain never loses), which leaves at most about
///    `C · ln C` of them whatever the portfolio's size. A 0/1 knapsack over half-days gives the
///    pool's best gain for every exact effort: `O(C² ln C)`.
/// 2. A contract with a C01 finding is capped at 40 until C01 is resolved, so its gains do not
///    add up. Its curve (best gain for every exact effort) comes from two knapsacks, without C01
///    (values capped) and with it, over its own pruned actions: `O(actions × C)` each. Points
///    that cost more without gaining more are dropped.
/// 3. A grouped knapsack over the pool and these curves, one choice per group, gives the
///    optimum: `O(groups × C × points per curve)`, where only contracts with a C01 finding are
///    groups of their own.
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
        /// For a contract's curve: with C01 (1) or without (0).
        var regime: Int = 0
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

        // 1. The pool: actions of contracts without a cap, gains weighted.
        var pooled: [(contract: Int, action: PlanItem)] = []
        var poolItems: [PlanItem] = []
        var groups: [Group] = []
        for (index, contract) in active.enumerated() {
            let weight = contract.criticality.portfolioWeight / totalWeight
            let problem = problems[index]
            if problem.cap == .infinity {
                for item in problem.others {
                    poolItems.append(PlanItem(finding: pooled.count, effort: item.effort, gain: item.gain * weight))
                    pooled.append((index, item))
                }
            } else {
                let points = curve(problem, weight: weight, capacity: capacity)
                if !points.isEmpty { groups.append(Group(contract: index, points: points)) }
            }
        }
        let pool = PoolKnapsack(items: PlanSearch.prune(poolItems, capacity: capacity), capacity: capacity)
        groups.insert(Group(contract: nil, points: pool.points), at: 0)

        // 3. The grouped knapsack, by exact effort.
        var value = [Double](repeating: -.infinity, count: capacity + 1)
        var count = [Int32](repeating: 0, count: capacity + 1)
        value[0] = 0
        var choice = [Int32](repeating: -1, count: groups.count * (capacity + 1))
        for (g, group) in groups.enumerated() {
            let row = g * (capacity + 1)
            var x = capacity
            while x >= 1 {
                for (p, point) in group.points.enumerated() where point.effort <= x {
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

        // Back from the best effort to each group's choice, then to the actions.
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
            steps += problems[index].ordered(items.sorted { $0.finding < $1.finding }, contract: active[index])
        }
        let score = evaluation.portfolio.score
        return PortfolioPlan(
            budgetDays: budgetDays, effortDays: Double(best) / 2, score: score,
            scoreAfter: score.map { $0 + value[best] }, gain: value[best], steps: steps)
    }

    /// 2. A capped contract's best weighted gain for each exact effort, dominated points left out.
    private func curve(_ problem: ContractPlanner.Problem, weight: Double, capacity: Int) -> [Point] {
        var best = [Point?](repeating: nil, count: capacity + 1)
        func offer(_ point: Point) {
            guard point.value > PlanSearch.tolerance else { return }
            if let current = best[point.effort],
                current.value > point.value + PlanSearch.tolerance
                    || (current.value >= point.value - PlanSearch.tolerance && current.count <= point.count)
            {
                return
            }
            best[point.effort] = point
        }
        if problem.start < problem.cap {
            let fronts = PlanSearch.Fronts(
                items: PlanSearch.prune(problem.others, capacity: capacity), start: problem.start, cap: problem.cap,
                capacity: capacity, keepLayers: false)
            for x in 1...capacity {
                if let top = fronts.front(at: x).last {
                    offer(Point(effort: x, value: (top.value - problem.start) * weight, count: top.count))
                }
            }
        }
        if let c01 = problem.c01, c01.effort <= capacity {
            let room = capacity - c01.effort
            let fronts = PlanSearch.Fronts(
                items: PlanSearch.prune(problem.others, capacity: room), start: problem.uncapped + c01.gain,
                cap: .infinity, capacity: room, keepLayers: false)
            for x in 0...room {
                if let top = fronts.front(at: x).last {
                    offer(
                        Point(
                            effort: x + c01.effort, value: (top.value - problem.start) * weight, count: top.count + 1,
                            regime: 1))
                }
            }
        }
        var points: [Point] = []
        for point in best.compactMap({ $0 }) where point.value > (points.last?.value ?? 0) + PlanSearch.tolerance {
            points.append(point)
        }
        return points
    }

    /// The actions behind a point of a capped contract's curve: the same search again, with
    /// its layers kept.
    private func items(of problem: ContractPlanner.Problem, at point: Point, capacity: Int) -> [PlanItem] {
        if point.regime == 0 {
            let fronts = PlanSearch.Fronts(
                items: PlanSearch.prune(problem.others, capacity: capacity), start: problem.start, cap: problem.cap,
                capacity: capacity, keepLayers: true)
            let front = fronts.front(at: point.effort)
            return fronts.items(ofEntryAt: front.indices.last!)
        }
        let c01 = problem.c01!
        let room = capacity - c01.effort
        let fronts = PlanSearch.Fronts(
            items: PlanSearch.prune(problem.others, capacity: room), start: problem.uncapped + c01.gain, cap: .infinity,
            capacity: room, keepLayers: true)
        let front = fronts.front(at: point.effort - c01.effort)
        return [c01] + fronts.items(ofEntryAt: front.indices.last!)
    }
}
