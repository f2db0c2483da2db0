/// One action a plan may take: a finding, its effort in half-days and what it gains.
struct PlanItem {
    /// Index of the finding (in its contract's findings, or wherever the caller keeps them).
    var finding: Int
    var effort: Int
    var gain: Double
}

/// The exact searches behind plans: 0/1 knapsacks over half-days, where a score
/// `s ← min(s + g, cap)` grows with each action taken (the cap is C01's, or none).
///
/// Efforts are whole half-days, so a table over every effort up to a capacity is exact.
enum PlanSearch {
    /// Values closer than this are equal: sums of the same gains in another order differ in the
    /// last bits, and the tie rules must not depend on that.
    static let tolerance = 1e-9

    /// The items that can be in a best choice within `capacity`: none costing more than it, and
    /// of those with the same effort `e` only the `capacity / e` largest gains (at most that many
    /// fit, and swapping one for a larger gain of the same effort never loses). This leaves at
    /// most about `capacity · ln(capacity)` items, however many there were.
    static func prune(_ items: [PlanItem], capacity: Int) -> [PlanItem] {
        guard capacity > 0 else { return [] }
        var byEffort: [Int: [PlanItem]] = [:]
        for item in items where item.effort <= capacity { byEffort[item.effort, default: []].append(item) }
        var kept: [PlanItem] = []
        for effort in byEffort.keys.sorted() {
            let group = byEffort[effort]!
            let room = capacity / effort
            if group.count <= room {
                kept += group
            } else {
                // Stable: among equal gains, the earlier item stays.
                let order = group.indices.sorted { group[$0].gain != group[$1].gain ? group[$0].gain > group[$1].gain : $0 < $1 }
                kept += order.prefix(room).sorted().map { group[$0] }
            }
        }
        return kept
    }

    /// The effort of taking items by gain per effort until `reaches` holds, nil if all of them
    /// do not reach it: an upper bound of the least effort.
    static func greedyEffort(_ items: [PlanItem], start: Double, cap: Double, reaches: (Double) -> Bool) -> Int? {
        var value = start
        var effort = 0
        if reaches(value) { return 0 }
        let order = items.sorted { $0.gain * Double($1.effort) > $1.gain * Double($0.effort) }
        for item in order {
            value = min(value + item.gain, cap)
            effort += item.effort
            if reaches(value) { return effort }
        }
        return nil
    }

    /// The least total effort, at most `capacity`, of items whose value reaches: the largest
    /// value for each exact effort, `O(items × capacity)`.
    static func leastEffort(
        _ items: [PlanItem], start: Double, cap: Double, capacity: Int, reaches: (Double) -> Bool
    ) -> Int? {
        guard capacity >= 0 else { return nil }
        if reaches(start) { return 0 }
        var best = [Double](repeating: -.infinity, count: capacity + 1)
        best[0] = start
        var reach = capacity + 1
        for item in items where item.effort < reach {
            var x = reach - 1
            while x >= item.effort {
                let before = best[x - item.effort]
                if before > -.infinity {
                    let value = min(before + item.gain, cap)
                    if value > best[x] {
                        best[x] = value
                        if reaches(value) { reach = x }
                    }
                }
                x -= 1
            }
        }
        return reach <= capacity ? reach : nil
    }

    /// One choice of items with an exact effort: how many it takes, the value it reaches, and
    /// where it came from (for the table with layers).
    struct Entry {
        var count: Int32
        var value: Double
        /// Index of the entry this one extends, in the previous layer's front.
        var previous: Int32
        var taken: Bool
    }

    /// For every exact effort up to the capacity, the Pareto front of (fewest actions, highest
    /// value): the exact answer to "least effort, then fewest actions, then highest value", and
    /// to capped values, where fewer actions can reach the cap as well as more.
    ///
    /// Fronts hold entries by count ascending with values strictly rising. Every item's table is
    /// kept, so a choice can be traced back to its items.
    struct Fronts {
        let items: [PlanItem]
        let capacity: Int
        /// Per layer (0: no item yet; i: after items[0..<i]) the entries of all efforts, and
        /// where each effort's front starts (capacity + 2 offsets).
        private var entries: [[Entry]] = []
        private var starts: [[Int32]] = []

        init(items: [PlanItem], start: Double, cap: Double, capacity: Int) {
            self.items = items
            self.capacity = capacity
            var layerEntries = [Entry(count: 0, value: start, previous: -1, taken: false)]
            var layerStarts = [Int32](repeating: 1, count: capacity + 2)
            layerStarts[0] = 0
            entries.append(layerEntries)
            starts.append(layerStarts)
            var nextEntries: [Entry] = []
            var nextStarts = [Int32](repeating: 0, count: capacity + 2)
            for item in items {
                nextEntries.removeAll(keepingCapacity: true)
                for x in 0...capacity {
                    nextStarts[x] = Int32(nextEntries.count)
                    let keep = Int(layerStarts[x])..<Int(layerStarts[x + 1])
                    let take =
                        x >= item.effort
                        ? Int(layerStarts[x - item.effort])..<Int(layerStarts[x - item.effort + 1]) : 0..<0
                    Self.merge(
                        keep: keep, take: take, from: layerEntries, gain: item.gain, cap: cap, into: &nextEntries)
                }
                nextStarts[capacity + 1] = Int32(nextEntries.count)
                swap(&layerEntries, &nextEntries)
                swap(&layerStarts, &nextStarts)
                entries.append(layerEntries)
                starts.append(layerStarts)
            }
        }

        /// Merges the front without the item and the front with it (both by count ascending)
        /// into one Pareto front.
        private static func merge(
            keep: Range<Int>, take: Range<Int>, from layer: [Entry], gain: Double, cap: Double, into result: inout [Entry]
        ) {
            var i = keep.lowerBound
            var j = take.lowerBound
            var best = -Double.infinity
            while i < keep.upperBound || j < take.upperBound {
                var candidate: Entry
                let kept = i < keep.upperBound ? layer[i] : nil
                let taken: Entry? =
                    j < take.upperBound
                    ? Entry(
                        count: layer[j].count + 1, value: min(layer[j].value + gain, cap), previous: Int32(j), taken: true)
                    : nil
                if let kept,
                    taken == nil || kept.count < taken!.count
                        || (kept.count == taken!.count && kept.value >= taken!.value - PlanSearch.tolerance)
                {
                    candidate = Entry(count: kept.count, value: kept.value, previous: Int32(i), taken: false)
                    i += 1
                    if let taken, taken.count == kept.count { j += 1 }
                } else {
                    candidate = taken!
                    j += 1
                    if let kept, kept.count == candidate.count { i += 1 }
                }
                if candidate.value > best + PlanSearch.tolerance {
                    best = candidate.value
                    result.append(candidate)
                }
            }
        }

        /// The front of the last layer at exact effort `x`.
        func front(at x: Int) -> ArraySlice<Entry> {
            let layer = entries.count - 1
            return entries[layer][Int(starts[layer][x])..<Int(starts[layer][x + 1])]
        }

        /// The items of the last layer's entry at `index` (an index into `entries`, as
        /// `front(at:)` gives it).
        func items(ofEntryAt index: Int) -> [PlanItem] {
            var chosen: [PlanItem] = []
            var position = index
            var layer = entries.count - 1
            while layer > 0 {
                let entry = entries[layer][position]
                if entry.taken { chosen.append(items[layer - 1]) }
                position = Int(entry.previous)
                layer -= 1
            }
            return chosen.reversed()
        }
    }
}
