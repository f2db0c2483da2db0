/// How a band is shown in the report: a word, a text marker and a pattern, so that it never
/// depends on colour alone (print in grey, colour blindness).
struct ReportBand {
    /// `ready`, `at-risk`, `not-ready`, or `unknown` for anything else.
    let name: String

    init(_ band: String?) {
        switch band {
        case "ready", "at-risk", "not-ready": name = band ?? "unknown"
        default: name = "unknown"
        }
    }

    /// The marker before the word: a cross, a triangle, a tick.
    var marker: String {
        switch name {
        case "not-ready": "✕"
        case "at-risk": "▲"
        case "ready": "✓"
        default: "?"
        }
    }

    /// Sorting rank of the contracts table: not-ready first.
    var rank: Int {
        switch name {
        case "not-ready": 0
        case "at-risk": 1
        case "ready": 2
        default: 3
        }
    }

    /// The id of the SVG pattern that fills this band's shapes (defined once in the page).
    var patternID: String { "pattern-\(name)" }

    /// The band badge's mustache context: the word, the marker and the CSS class.
    var context: [String: Any] { ["band": name, "marker": marker, "class": "band-\(name)"] }
}
