import ExitReadiness
import ExitReadinessBoard
import Testing

@Suite("The report for a board: parts, order, escaping, optional documents")
struct BoardReportTests {
    private static func contract(
        _ id: String, band: String, score: Double, status: String = "active", nextBandChange: JSONValue? = nil,
        notice: String = "2027-03-01", daysLeft: Int = 86
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(id)), ("supplier", .string("Supplier of \(id)")), ("status", .string(status)),
            ("criticality", .string("standard")), ("score", .number(score)), ("band", .string(band)),
            (
                "families",
                .object([
                    ("contract", .number(score)), ("dataroom", .number(50)), ("processes", .number(70)), ("staff", .number(90)),
                ])
            ),
            ("term_end", .string("2027-12-31")), ("notice_deadline", .string(notice)),
            ("days_to_notice_deadline", .integer(daysLeft)), ("effort_to_ready", .number(12.5)),
        ]
        if let nextBandChange { members.append(("next_band_change", nextBandChange)) }
        return .object(members)
    }

    private static func summary(_ contracts: [JSONValue], provenance: JSONValue? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("evaluated", .string("2026-12-05")),
            (
                "portfolio",
                .object([
                    ("score", .number(63.3)), ("band", .string("at-risk")), ("weakest", .string("b")),
                    ("active_contracts", .integer(contracts.count)),
                ])
            ),
            ("contracts", .array(contracts)),
        ]
        if let provenance { members.append(("provenance", provenance)) }
        return .object(members)
    }

    private static func report(_ summary: JSONValue) -> BoardReport {
        BoardReport(
            title: "Exit readiness", source: "the inventory /x, evaluated offline", summary: summary,
            since: Day(iso: "2025-12-05")!, scoring: BoardReport.Scoring(ScoringPolicy()))
    }

    private static let demo = summary([
        contract("ready-one", band: "ready", score: 90), contract("weak", band: "not-ready", score: 20),
        contract("middle", band: "at-risk", score: 70), contract("weaker", band: "not-ready", score: 10),
        contract("old", band: "not-ready", score: 5, status: "ended"),
    ])

    @Test func sectionsAreTheActiveNotReadyContractsWeakestFirstWithinTheLimit() {
        #expect(BoardReport.sectionIDs(Self.demo, named: [], all: false, limit: 50) == (["weaker", "weak"], 0))
        #expect(BoardReport.sectionIDs(Self.demo, named: [], all: false, limit: 1) == (["weaker"], 1))
        #expect(BoardReport.sectionIDs(Self.demo, named: ["middle"], all: false, limit: 1) == (["middle"], 0))
        #expect(
            BoardReport.sectionIDs(Self.demo, named: [], all: true, limit: 1).ids == [
                "old", "weaker", "weak", "middle", "ready-one",
            ])
    }

    @Test func theSevenPartsComeInOrderAndTheTableIsNotReadyFirst() {
        let html = Self.report(Self.demo).html()
        let parts = ["cover", "trend", "deadlines", "contracts", "changes", "sections", "appendix"].map {
            html.range(of: "id=\"part-\($0)\"")?.lowerBound
        }
        #expect(parts.allSatisfy { $0 != nil })
        #expect(parts.compactMap { $0 } == parts.compactMap { $0 }.sorted())
        let table = html[html.range(of: "id=\"part-contracts\"")!.lowerBound...]
        let rows = ["old", "weaker", "weak", "middle", "ready-one"].map { table.range(of: "<bdi>\($0)</bdi>")!.lowerBound }
        #expect(rows == rows.sorted())
        #expect(html.contains("The forecast") || html.contains("<!-- Forecast: the place for the forecast chart"))
    }

    @Test func offlineReportsSayThereIsNoTrendAndNoChanges() {
        let html = Self.report(Self.demo).html()
        #expect(html.contains("No trend: this report was made offline"))
        #expect(html.contains("No changes: this report was made offline"))
    }

    @Test func aDaemonWithoutChangesIsSaidSoAndChangesAreShownWhenGiven() {
        var report = Self.report(Self.demo)
        report.portfolioHistory = []
        report.changes = .unavailable("this exitreadyd does not report changes.")
        #expect(report.html().contains("Changes unavailable: this exitreadyd does not report changes."))
        report.changes = .available(
            .object([
                ("since", .string("2025-12-05")), ("evaluated", .string("2026-12-05")),
                (
                    "changes",
                    .array([
                        .object([
                            ("contract", .string("weak")), ("score_then", .number(30)), ("band_then", .string("not-ready")),
                            ("score_now", .number(20)), ("band_now", .string("not-ready")),
                            (
                                "appeared",
                                .array([.object([("code", .string("C05")), ("subject", .null), ("impact", .number(2.5))])])
                            ),
                            ("resolved", .array([])),
                        ])
                    ])
                ),
            ]))
        let html = report.html()
        #expect(html.contains("1 contract changed since 2025-12-05."))
        #expect(html.contains("<li><bdi>C05 (2.50 points)</bdi></li>"))
        #expect(html.contains("−10.0"))
    }

    @Test func theNextBandChangeIsShownWhenAContractCarriesOne() {
        let change = JSONValue.object([("day", .string("2027-02-01")), ("band", .string("not-ready"))])
        let html = Self.report(Self.summary([Self.contract("a", band: "at-risk", score: 65, nextBandChange: change)])).html()
        #expect(html.contains("2027-02-01 → not-ready"))
        let without = Self.report(Self.summary([Self.contract("a", band: "at-risk", score: 65)])).html()
        #expect(without.contains("<td data-label=\"Next band change\">—</td>"))
    }

    @Test func provenanceIsShownOnCoverAndAppendixOrItsAbsenceSaid() {
        #expect(Self.report(Self.demo).html().components(separatedBy: "The evaluation carries no provenance").count == 3)
        let provenance = JSONValue.object([
            ("exitready", .string("0.2.0")), ("rules", .integer(1)),
            (
                "weights",
                .object([
                    ("contract", .integer(30)), ("dataroom", .integer(25)), ("processes", .integer(25)), ("staff", .integer(20)),
                ])
            ),
            ("bands", .object([("ready", .number(80)), ("at_risk", .number(60))])),
            ("evaluated_at", .string("2026-12-05T23:10:04Z")), ("inventory_sha256", .string("ab12")),
            ("checklist_sha256", .string("cd34")), ("dataroom", .null),
        ])
        let html = Self.report(Self.summary([Self.contract("a", band: "ready", score: 90)], provenance: provenance)).html()
        #expect(html.components(separatedBy: "<dt>inventory SHA-256</dt><dd><code>ab12</code></dd>").count == 3)
        #expect(html.contains("<code>contract 30, dataroom 25, processes 25, staff 20</code>"))
        #expect(html.contains("<code>no scan with hashes</code>"))
    }

    @Test func inventoryStringsAreEscapedInTablesAndCharts() {
        let hostile = "<script>x</script>\"'&\u{202E}"
        var report = Self.report(Self.summary([Self.contract(hostile, band: "not-ready", score: 10)]))
        report.portfolioHistory = []
        let html = report.html()
        #expect(!html.contains("<script>"))
        #expect(html.contains("<bdi>&lt;script&gt;x&lt;/script&gt;&quot;&#39;&amp;\u{202E}</bdi>"))
        let chart = html[html.range(of: "<figure id=\"chart-deadlines-1\">")!.lowerBound...]
        #expect(chart.contains(">◆ &lt;script&gt;x&lt;/script&gt;&quot;&#39;&amp;\u{202E}</text>"))
    }

    @Test func deadlinesHaveOneRowPerActiveContractInFiguresOfAtMostFortyRows() {
        // Contract i's notice deadline is 10 i days away; ids run the other way, so that the
        // order shown is the deadlines'. The first 13 (0 to 120 days) are inside the notice window.
        let today = Day(iso: "2026-12-05")!
        let contracts = (0..<100).map { i in
            Self.contract(
                "c\(999 - i)", band: ["ready", "at-risk", "not-ready"][i % 3], score: 50,
                notice: today.adding(days: 10 * i).iso, daysLeft: 10 * i)
        }
        let ended = Self.contract("gone", band: "ready", score: 90, status: "ended")
        let html = Self.report(Self.summary(contracts + [ended])).html()
        let part = html[html.range(of: "id=\"part-deadlines\"")!.lowerBound..<html.range(of: "id=\"part-contracts\"")!.lowerBound]
        let figures = part.components(separatedBy: "<figure id=\"chart-deadlines-").dropFirst().map {
            String($0[..<$0.range(of: "</figure>")!.lowerBound])
        }
        #expect(figures.map { $0.components(separatedBy: "<rect class=\"bar\"").count - 1 } == [40, 40, 20])
        for (number, figure) in figures.enumerated() {
            #expect(figure.hasPrefix("\(number + 1)\"><figcaption>"))
            #expect(figure.contains(">today</text>") && figure.contains(">+24 months</text>"))
            let label = "aria-label=\"Notice deadlines and term ends in the next 24 months, contracts \(number * 40 + 1) to "
            #expect(figure.contains(label))
        }
        #expect(part.components(separatedBy: "<rect class=\"window\"").count - 1 == 13)
        #expect(part.components(separatedBy: "<p class=\"legend\">").count - 1 == 1)
        #expect(part.contains("13 are inside the notice window. One row per active contract, nearest notice deadline first"))
        #expect(part.contains(", in 3 figures of at most 40 rows."))
        let ids = (0..<100).map { "c\(999 - $0)" }
        let chart = figures.joined()
        let labels = ids.map { id in
            chart.range(of: ">\(id)</text>")?.lowerBound ?? chart.range(of: ">◆ \(id)</text>")?.lowerBound
        }
        #expect(labels.allSatisfy { $0 != nil } && labels.compactMap { $0 } == labels.compactMap { $0 }.sorted())
        let table = part[part.range(of: "<table class=\"stack deadlines\">")!.lowerBound...]
        #expect(table.components(separatedBy: "<tr><td>").count - 1 == 100)
        let cells = ids.map { table.range(of: "<bdi>\($0)</bdi>")!.lowerBound }
        #expect(cells == cells.sorted())
        #expect(table.components(separatedBy: "<tr><td>◆ <bdi>").count - 1 == 13)
        #expect(!part.contains("gone"))
        let one = Self.report(Self.demo).html()
        #expect(one.contains("<figcaption>Notice deadlines and term ends, 2026-12-05 to 2028-12-05</figcaption>"))
        #expect(!one.contains("chart-deadlines-2"))
    }
}
