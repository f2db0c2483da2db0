/// The 0/1 knapsack of actions whose gains add up: for every exact effort up to the capacity,
/// the largest total gain, then the fewest actions; `O(items × capacity)` time, and as many
/// bits when the choices are kept to trace a best set back.
///
/// Adding gains and then counting is exact here because nothing caps the sum (for a capped
/// sum, see `PlanSearch.Fronts` and `FewestActionsSearch`).
struct AdditiveKnapsack {
    let items: [PlanItem]
    let capacity: Int
    /// Best total gain per exact effort; -infinity where no set costs exactly that.
    private(set) var value: [Double]
    private(set) var count: [Int32]
    /// `taken[i × (capacity + 1) + x]`: item i improved effort x (empty unless kept).
    private var taken: [Bool]

    init(items: [PlanItem], capacity: Int, keepChoices: Bool) {
        self.items = items
        self.capacity = capacity
        value = [Double](repeating: -.infinity, count: capacity + 1)
        count = [Int32](repeating: 0, count: capacity + 1)
        value[0] = 0
        taken = keepChoices ? [Bool](repeating: false, count: items.count * (capacity + 1)) : []
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
                        if keepChoices { taken[row + x] = true }
                    }
                }
                x -= 1
            }
        }
    }

    /// The items of the best set with exactly `effort`; needs `keepChoices`.
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
