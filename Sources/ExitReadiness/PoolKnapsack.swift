/// The 0/1 knapsack over the pooled actions of a portfolio plan (contracts without a cap,
/// whose gains add up): for every exact effort up to the capacity, the largest gain, then the
/// fewest actions; `O(items × capacity)` time and bits.
struct PoolKnapsack {
    let items: [PlanItem]
    let capacity: Int
    private var value: [Double]
    private var count: [Int32]
    /// `taken[i × (capacity + 1) + x]`: item i improved effort x.
    private var taken: [Bool]

    init(items: [PlanItem], capacity: Int) {
        self.items = items
        self.capacity = capacity
        value = [Double](repeating: -.infinity, count: capacity + 1)
        count = [Int32](repeating: 0, count: capacity + 1)
        value[0] = 0
        taken = [Bool](repeating: false, count: items.count * (capacity + 1))
        for (i, item) in items.enumerated() {
            let row = i * (capacity + 1)
            var x = capacity
            while x >= item.effort {
                let before = value[x - item.effort]
                if before > -.infinity {
                    let candidate = before + item.gain
                    let actions = count[x - item.effort] + 1
                    if candidate > value[x] + PlanSearch.tolerance
                        || (candidate >= value[x] - PlanSearch.tolerance && actions < count[x])
                    {
                        value[x] = candidate
                        count[x] = actions
                        taken[row + x] = true
                    }
                }
                x -= 1
            }
        }
    }

    /// The pool's curve as group choices: each exact effort that gains more than every smaller one.
    var points: [PortfolioPlanner.Point] {
        var points: [PortfolioPlanner.Point] = []
        var best = PlanSearch.tolerance
        for x in stride(from: 1, through: capacity, by: 1) where value[x] > best {
            points.append(PortfolioPlanner.Point(effort: x, value: value[x], count: count[x]))
            best = value[x] + PlanSearch.tolerance
        }
        return points
    }

    /// The items of the best choice with exactly `effort`.
    func items(atEffort effort: Int) -> [PlanItem] {
        var chosen: [PlanItem] = []
        var x = effort
        for i in items.indices.reversed() where x > 0 && taken[i * (capacity + 1) + x] {
            chosen.append(items[i])
            x -= items[i].effort
        }
        return chosen
    }
}
