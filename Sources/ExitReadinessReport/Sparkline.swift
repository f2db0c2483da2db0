/// A one-line chart of a series with the eight block characters ▁▂▃▄▅▆▇█, for trends in a
/// terminal (`exitreadyctl history`).
public enum Sparkline {
    public static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per value, oldest first; a missing value is a space.
    ///
    /// The lowest value gets ▁ and the highest █, but the scale spans at least `minimumSpan`
    /// (centred on the values), so that a wobble of a tenth of a point does not look like a
    /// cliff; a constant series sits in the middle.
    public static func render(_ values: [Double?], minimumSpan: Double = 10) -> String {
        let present = values.compactMap { $0 }.filter(\.isFinite)
        guard let low = present.min(), let high = present.max() else {
            return String(repeating: " ", count: values.count)
        }
        var bottom = low
        var span = high - low
        if span < minimumSpan {
            bottom = (low + high) / 2 - minimumSpan / 2
            span = minimumSpan
        }
        let top = Double(blocks.count - 1)
        return String(values.map { value -> Character in
            guard let value, value.isFinite else { return " " }
            let level = Int(((value - bottom) / span * top).rounded())
            return blocks[min(max(level, 0), blocks.count - 1)]
        })
    }
}
