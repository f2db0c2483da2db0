/// The fewest actions with exactly a given effort whose gains together reach a threshold:
/// what a capped contract needs once more gain no longer counts. A table of the largest gain
/// per (actions, exact effort), `O(items × effort × maximumCount)`; callers pass a small
/// `maximumCount` (the count of a set known to reach).
enum FewestActionsSearch {
    static func fewest(_ items: [PlanItem], effort: Int, maximumCount: Int, reaches: (Double) -> Bool) -> [PlanItem]? {
        let width = effort + 1
        let layers = maximumCount + 1
        var best = [Double](repeating: -.infinity, count: layers * width)
        best[0] = 0
        // taken[(i × layers + k) × width + x]: item i made k actions at effort x better.
        var taken = [Bool](repeating: false, count: items.count * layers * width)
        for (i, item) in items.enumerated() where item.effort <= effort {
            var k = maximumCount
            while k >= 1 {
                var x = effort
                while x >= item.effort {
                    let before = best[(k - 1) * width + x - item.effort]
                    if before > -.infinity, before + item.gain > best[k * width + x] {
                        best[k * width + x] = before + item.gain
                        taken[(i * layers + k) * width + x] = true
                    }
                    x -= 1
                }
                k -= 1
            }
        }
        guard maximumCount >= 1, let count = (1...maximumCount).first(where: { reaches(best[$0 * width + effort]) }) else {
            return nil
        }
        var chosen: [PlanItem] = []
        var k = count
        var x = effort
        for i in items.indices.reversed() where k > 0 && taken[(i * layers + k) * width + x] {
            chosen.append(items[i])
            k -= 1
            x -= items[i].effort
        }
        return chosen
    }
}
