import Testing

@testable import ExitReadiness
@testable import ExitReadinessReport

@Suite("Prometheus metrics exposition")
struct MetricsExpositionTests {
    static let families = [
        "exitready_build_info", "exitready_portfolio_score", "exitready_contract_score", "exitready_contract_family_score",
        "exitready_contract_band", "exitready_contract_notice_deadline_timestamp_seconds", "exitready_contract_findings",
        "exitready_contract_effort_to_ready_days", "exitready_contract_next_band_change_timestamp_seconds",
        "exitready_last_evaluation_timestamp_seconds",
        "exitready_evaluation_duration_seconds", "exitready_evaluations_total",
        "exitready_evaluation_failures_total", "exitready_inventory_valid", "exitready_dataroom_reachable",
        "exitready_dataroom_files", "exitready_alerts_total",
    ]

    static func contract(_ id: String, supplier: String = "Acme", score: Double, band: Band, findings: [Finding] = [])
        -> ContractScore
    {
        ContractScore(
            id: id, supplier: supplier, service: "Voice", criticality: .important, status: .active, score: score,
            uncappedScore: score, band: band,
            families: FamilyScores(contract: 70.04, dataroom: 55.55, processes: 61, staff: 72.5),
            termEnd: Day(iso: "2027-06-30")!, noticeDeadline: Day(iso: "2026-12-31")!, exitHorizon: Day(iso: "2027-12-31")!,
            findings: findings, effortToReady: score >= 80 ? 0 : (id == "acme" ? 12.5 : nil),
            nextBandChange: id == "acme" ? BandChange(day: Day(iso: "2027-01-15")!, band: .notReady) : nil)
    }

    static let evaluation = Evaluation(
        evaluated: Day(iso: "2026-12-01")!,
        portfolio: PortfolioScore(score: 71.26, band: .atRisk, weakest: "acme", activeContracts: 2),
        contracts: [
            contract(
                "acme", supplier: "Acme \"Global\" \\ Ltd\nEU", score: 64.24, band: .atRisk,
                findings: [
                    Finding(code: .s01, subject: "p-0042", severity: .warning, impact: 5, detail: .text("x")),
                    Finding(code: .s02, subject: "p-0042", severity: .info, impact: 1, detail: .text("x")),
                    Finding(code: .c02, severity: .info, impact: 1, detail: .text("x")),
                ]),
            contract("zeta", score: 85, band: .ready),
        ])

    static let daemon = MetricsExposition.Daemon(
        version: "0.1.0", rules: 1, lastEvaluation: 1_796_115_600.5, evaluationDuration: 2.25, evaluations: 3,
        evaluationFailures: 1, inventoryValid: false, dataroomReachable: true, dataroomFiles: 42,
        alerts: [("band-dropped", 2), ("score-dropped", 0)])

    static let text = MetricsExposition(evaluation: evaluation, daemon: daemon, dayStart: { _ in 1_798_671_600 }).text

    @Test func everyFamilyHasHelpAndTypeOnceAndItsSamplesFollowIt() {
        let lines = Self.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.last == "", "the text ends with a line feed")
        let helps = lines.filter { $0.hasPrefix("# HELP ") }.map { String($0.split(separator: " ")[2]) }
        let types = lines.filter { $0.hasPrefix("# TYPE ") }.map { String($0.split(separator: " ")[2]) }
        #expect(helps == Self.families && types == Self.families)
        #expect(Self.text.contains("\nexitready_contract_effort_to_ready_days{contract=\"acme\"} 12.5\n"))
        #expect(Self.text.contains("\nexitready_contract_effort_to_ready_days{contract=\"zeta\"} 0\n"))
        // A band that holds has no next change.
        #expect(!Self.text.contains("exitready_contract_next_band_change_timestamp_seconds{contract=\"zeta\""))
        // Samples of a family come right after its TYPE line, never interleaved with another family.
        var current = ""
        for line in lines where !line.isEmpty {
            if line.hasPrefix("# TYPE ") { current = String(line.split(separator: " ")[2]) }
            if !line.hasPrefix("#") { #expect(line.hasPrefix(current + "{") || line.hasPrefix(current + " "), "\(line)") }
        }
        #expect(Self.text.contains("# TYPE exitready_evaluations_total counter\n"))
        #expect(Self.text.contains("# TYPE exitready_alerts_total counter\n"))
        #expect(Self.text.contains("# TYPE exitready_contract_score gauge\n"))
    }

    @Test func samplesCarryTheRoundedScoresAndTheDocumentedLabels() {
        let expected = [
            "exitready_build_info{version=\"0.1.0\",rules=\"1\"} 1",
            "exitready_portfolio_score 71.3",
            "exitready_contract_score{contract=\"zeta\",supplier=\"Acme\",criticality=\"important\",status=\"active\"} 85",
            "exitready_contract_family_score{contract=\"acme\",family=\"contract\"} 70",
            "exitready_contract_family_score{contract=\"acme\",family=\"dataroom\"} 55.6",
            "exitready_contract_band{contract=\"acme\",band=\"ready\"} 0",
            "exitready_contract_band{contract=\"acme\",band=\"at-risk\"} 1",
            "exitready_contract_band{contract=\"acme\",band=\"not-ready\"} 0",
            "exitready_contract_notice_deadline_timestamp_seconds{contract=\"acme\"} 1798671600",
            "exitready_contract_next_band_change_timestamp_seconds{contract=\"acme\",band=\"not-ready\"} 1798671600",
            "exitready_contract_findings{contract=\"acme\",severity=\"info\"} 2",
            "exitready_contract_findings{contract=\"acme\",severity=\"warning\"} 1",
            "exitready_contract_findings{contract=\"acme\",severity=\"critical\"} 0",
            "exitready_contract_findings{contract=\"zeta\",severity=\"security\"} 0",
            "exitready_last_evaluation_timestamp_seconds 1796115600.5",
            "exitready_evaluation_duration_seconds 2.25",
            "exitready_evaluations_total 3",
            "exitready_evaluation_failures_total 1",
            "exitready_inventory_valid 0",
            "exitready_dataroom_reachable 1",
            "exitready_dataroom_files 42",
            "exitready_alerts_total{kind=\"band-dropped\"} 2",
            "exitready_alerts_total{kind=\"score-dropped\"} 0",
        ]
        let lines = Set(Self.text.split(separator: "\n").map(String.init))
        for line in expected { #expect(lines.contains(line), "\(line)") }
    }

    @Test func labelValuesEscapeBackslashQuoteAndLineFeed() {
        #expect(
            Self.text.contains(
                "exitready_contract_score{contract=\"acme\",supplier=\"Acme \\\"Global\\\" \\\\ Ltd\\nEU\",criticality="))
        #expect(MetricsExposition.escape("plain") == "plain")
        #expect(MetricsExposition.escape("a\\b\"c\nd") == "a\\\\b\\\"c\\nd")
    }

    @Test func personIdentifiersNeverAppear() {
        #expect(!Self.text.contains("p-0042"))
    }

    @Test func whatIsNotKnownIsLeftOutButItsFamilyStays() {
        let text = MetricsExposition(
            evaluation: nil, daemon: MetricsExposition.Daemon(version: "0.1.0", rules: 1), dayStart: { _ in 0 }
        ).text
        #expect(text.contains("# TYPE exitready_portfolio_score gauge\n"))
        for name in ["exitready_portfolio_score ", "exitready_contract_", "exitready_last_evaluation_timestamp_seconds "] {
            #expect(!text.split(separator: "\n").contains { $0.hasPrefix(name) }, "\(name)")
        }
        #expect(text.contains("\nexitready_evaluations_total 0\n"))
    }
}
