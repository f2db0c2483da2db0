import ExitReadiness

/// The report's charts as SVG, drawn from numbers the report already holds. Every string from
/// the inventory is escaped; bands are filled with the page's patterns (see `ReportBand`).
/// Written by hand: the charts are a few lines, rectangles and labels, which no SVG library
/// would make shorter.
enum ReportCharts {
    /// A daily score in a chart.
    struct Point {
        let day: Day
        let score: Double?
    }

    /// A contract's row in the deadlines timeline.
    struct DeadlineRow {
        let id: String
        let band: ReportBand
        let noticeDeadline: Day?
        let termEnd: Day?
        let inNoticeWindow: Bool
    }

    private static let width = 720.0

    /// Scores from `from` to `to` as a line over the three band zones, the band thresholds as
    /// dashed lines, and a triangle under each day in `alertDays`.
    static func trend(
        _ points: [Point], from: Day, to: Day, ready: Double, atRisk: Double, alertDays: [Day], label: String
    ) -> String {
        let (left, right, top, bottom) = (44.0, width - 96, 12.0, 196.0)
        let span = Double(max(1, to.days(since: from)))
        func x(_ day: Day) -> Double { left + Double(day.days(since: from)) / span * (right - left) }
        func y(_ score: Double) -> Double { bottom - min(max(score, 0), 100) / 100 * (bottom - top) }
        var svg = svgOpen(height: 232, label: label)
        let zones: [(ReportBand, Double, Double)] = [
            (ReportBand("ready"), 100, ready), (ReportBand("at-risk"), ready, atRisk), (ReportBand("not-ready"), atRisk, 0),
        ]
        for (band, high, low) in zones where high > low {
            svg += rect(x: left, y: y(high), width: right - left, height: y(low) - y(high), fill: band.patternID, cls: "zone")
        }
        for score in stride(from: 0.0, through: 100, by: 20) {
            svg += "<line class=\"grid\" x1=\"\(n(left))\" y1=\"\(n(y(score)))\" x2=\"\(n(right))\" y2=\"\(n(y(score)))\"/>"
            svg += text(DecimalText.fixed(score, 0), x: left - 6, y: y(score) + 4, anchor: "end")
        }
        for (name, score) in [("ready", ready), ("at-risk", atRisk)] {
            svg += "<line class=\"threshold\" x1=\"\(n(left))\" y1=\"\(n(y(score)))\" x2=\"\(n(right))\" y2=\"\(n(y(score)))\"/>"
            svg += text("\(name) ≥ \(DecimalText.fixed(score, 1))", x: right + 4, y: y(score) + 4, anchor: "start")
        }
        svg += polylines(points.map { point in point.score.map { (x(point.day), y($0)) } })
        for day in alertDays {
            let at = x(day)
            svg += "<path class=\"alert\" d=\"M\(n(at)) \(n(bottom + 2))l5 9h-10z\"><title>alert on \(day.iso)</title></path>"
        }
        svg += text(from.iso, x: left, y: 226, anchor: "start")
        svg += text(to.iso, x: right, y: 226, anchor: "end")
        return svg + "</svg>"
    }

    /// The next 24 months from `today`: one row per contract with a bar to its term end filled
    /// by its band, a diamond at its notice deadline, and rows inside the notice window marked.
    /// Each call is one figure with its own month grid; the report splits long lists over several.
    static func deadlines(_ rows: [DeadlineRow], today: Day, label: String) -> String {
        let (left, right, rowHeight, top) = (212.0, width - 10, 22.0, 26.0)
        let end = today.adding(months: 24)
        let span = Double(end.days(since: today))
        func x(_ day: Day) -> Double {
            left + Double(min(max(day.days(since: today), 0), end.days(since: today))) / span * (right - left)
        }
        let height = top + Double(rows.count) * rowHeight + 8
        var svg = svgOpen(height: height, label: label)
        for month in stride(from: 0, through: 24, by: 6) {
            let day = today.adding(months: month)
            svg += "<line class=\"grid\" x1=\"\(n(x(day)))\" y1=\"\(n(top - 6))\" x2=\"\(n(x(day)))\" y2=\"\(n(height - 4))\"/>"
            svg += text(month == 0 ? "today" : "+\(month) months", x: x(day), y: top - 10, anchor: month == 24 ? "end" : "middle")
        }
        for (index, row) in rows.enumerated() {
            let middle = top + Double(index) * rowHeight + rowHeight / 2
            if row.inNoticeWindow {
                svg +=
                    "<rect class=\"window\" x=\"0\" y=\"\(n(middle - rowHeight / 2))\" width=\"\(n(width))\" "
                    + "height=\"\(n(rowHeight))\"/>"
            }
            let name = (row.inNoticeWindow ? "◆ " : "") + HTMLText.label(row.id, limit: 26)
            svg += text(name, x: 4, y: middle + 4, anchor: "start", cls: row.inNoticeWindow ? "urgent" : nil)
            let barEnd = row.termEnd.map { x($0) } ?? right
            svg += rect(x: left, y: middle - 6, width: max(barEnd - left, 2), height: 12, fill: row.band.patternID, cls: "bar")
            if let notice = row.noticeDeadline, notice <= end {
                let at = x(notice)
                svg += "<path class=\"notice\" d=\"M\(n(at)) \(n(middle - 9))l6 9-6 9-6-9z\"/>"
            }
        }
        return svg + "</svg>"
    }

    private static func svgOpen(height: Double, label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" "
            + "aria-label=\"\(HTMLText.escape(label))\" preserveAspectRatio=\"xMinYMin meet\">"
    }

    private static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, cls: String) -> String {
        "<rect class=\"\(cls)\" x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"url(#\(fill))\"/>"
    }

    /// A label; `start`, SVG's default anchor, is left out, as the deadlines chart has thousands of them.
    private static func text(_ content: String, x: Double, y: Double, anchor: String, cls: String? = nil) -> String {
        let anchorAttribute = anchor == "start" ? "" : " text-anchor=\"\(anchor)\""
        let classAttribute = cls.map { " class=\"\($0)\"" } ?? ""
        return "<text x=\"\(n(x))\" y=\"\(n(y))\"\(anchorAttribute)\(classAttribute)>\(HTMLText.escape(content))</text>"
    }

    /// One polyline per run of points without a gap; a lone point is a dot.
    private static func polylines(_ points: [(Double, Double)?]) -> String {
        var svg = ""
        var run: [(Double, Double)] = []
        func flush() {
            if run.count == 1 {
                svg += "<circle class=\"line-dot\" cx=\"\(n(run[0].0))\" cy=\"\(n(run[0].1))\" r=\"3\"/>"
            } else if run.count > 1 {
                svg += "<polyline class=\"line\" points=\"" + run.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ") + "\"/>"
            }
            run = []
        }
        for point in points {
            if let point { run.append(point) } else { flush() }
        }
        flush()
        return svg
    }

    /// A coordinate with one decimal, as short as SVG allows.
    private static func n(_ value: Double) -> String {
        let text = DecimalText.fixed(value, 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }
}
