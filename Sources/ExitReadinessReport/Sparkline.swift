/// A one-line chart of a series with the eight block characters ▁▂▃▄▅▆▇█, for trends in a
/// terminal (`exitreadyctl history`).
public enum Sparkline {
    public static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// One character per value, oldest first, in at most `width` characters; a missing value
    /// is a space.
    ///
    /// More values than `width` are shown in `width` cells, each the last present value of a
    /// run of consecutive values (runs differ in length by one at most), so that the chart
    /// keeps its whole period and its last cell is the newest value.
    ///
    /// The lowest value gets ▁ and the highest █, but the scale spans at least `minimumSpan`
    /// (centred on the values), so that a wobble of a tenth of a point does not look like a
    /// cliff; a constant series sits in the middle.
    public static func render(_ values: [Double?], width: Int = .max, minimumSpan: Double = 10) -> String {
        let cells = downsample(values, to: max(width, 0))
        let present = cells.compactMap { $0 }.filter(\.isFinite)
        guard let low = present.min(), let high = present.max() else {
            return String(repeating: " ", count: cells.count)
        }
        var bottom = low
        var span = high - low
        if span < minimumSpan {
            bottom = (low + high) / 2 - minimumSpan / 2
            span = minimumSpan
        }
        let top = Double(blocks.count - 1)
        return String(
            cells.map { value -> Character in
                guard let value, value.isFinite else { return " " }
                let level = Int(((value - bottom) / span * top).rounded())
                return blocks[min(max(level, 0), blocks.count - 1)]
            })
    }

    /// The values themselves when they fit in `width`, else one per run of consecutive values:
    /// the run's last present value (nil when it has none).
    static func downsample(_ values: [Double?], to width: Int) -> [Double?] {
        guard values.count > width else { return values }
        return (0..<width).map { cell in
            let run = values[cell * values.count / width..<(cell + 1) * values.count / width]
            return run.last { $0 != nil } ?? nil
        }
    }
}
