import Testing

@testable import ExitReadiness

/// The summary document (`check --summary --json`, `GetScores`) and the streamed full document.
@Suite("Evaluation documents: the summary and the streamed full document")
struct SummaryDocumentTests {
    static let today = Day(iso: "2026-12-01")!

    static func finding(_ code: FindingCode, _ severity: Severity, _ impact: Double, subject: String? = nil) -> Finding {
        Finding(code: code, subject: subject, severity: severity, impact: impact, detail: .text("\(code.rawValue) lost"))
    }

    static func contract(_ id: String, score: Double = 70, findings: [Finding]) -> ContractScore {
        ContractScore(
            id: id, supplier: "Supplier \"\(id)\"", service: "Service", criticality: .important, status: .active,
            score: score, uncappedScore: score, band: ScoringPolicy().band(forRoundedScore: score),
            families: FamilyScores(contract: score, dataroom: score, processes: score, staff: score),
            termEnd: today.adding(days: 400), noticeDeadline: today.adding(days: 300),
            exitHorizon: today.adding(days: 500),
            findings: findings.sorted { Finding.reportOrder($0, $1) })
    }

    static func evaluation(_ contracts: [ContractScore]) -> Evaluation {
        let portfolio = PortfolioEvaluator(
            scorer: ContractScorer(
                policy: ScoringPolicy(), checklist: Checklist(requirements: []), today: today, localDay: { _ in today })
        ).portfolio(of: contracts)
        return Evaluation(evaluated: today, portfolio: portfolio, contracts: contracts)
    }

    @Test func topFindingsTakeTheUrgentOnesFromEveryContract() {
        let evaluation = Self.evaluation([
            Self.contract(
                "a",
                findings: [Self.finding(.c01, .warning, 9), Self.finding(.c02, .warning, 8), Self.finding(.p04, .critical, 0.5)]),
            Self.contract("b", findings: [Self.finding(.d01, .warning, 9), Self.finding(.d90, .security, 0, subject: "f")]),
        ])
        let top = evaluation.topFindings(4)
        #expect(top.map { "\($0.contract) \($0.finding.code.rawValue)" } == ["a P04", "b D90", "a C01", "b D01"])
        let listed = evaluation.summaryJSON(topFindings: 4)["top_findings"]?.arrayValue ?? []
        #expect(listed.map { $0["contract"]?.stringValue ?? "" } == ["a", "b", "a", "b"])
        #expect(listed.first?["message"] == .string("P04 lost"))
        #expect(evaluation.summaryJSON(topFindings: 0)["top_findings"] == .array([]))
    }

    @Test func summaryContractsCountFindingsAndNameTheCostliestWithoutListingThem() throws {
        let evaluation = Self.evaluation([
            Self.contract(
                "a",
                findings: [
                    Self.finding(.t01, .critical, 0), Self.finding(.s01, .warning, 2.5, subject: "p1"),
                    Self.finding(.c05, .info, 1.25), Self.finding(.d90, .security, 0, subject: "x"),
                ]),
            Self.contract("b", score: 100, findings: [Self.finding(.d90, .security, 0, subject: "y")]),
        ])
        let contracts = try #require(evaluation.summaryJSON(topFindings: 10)["contracts"]?.arrayValue)
        #expect(contracts[0]["findings"] == nil)
        #expect(
            contracts[0]["finding_counts"]
                == .object([
                    ("info", .integer(1)), ("warning", .integer(1)), ("critical", .integer(1)), ("security", .integer(1)),
                ]))
        #expect(
            contracts[0]["costliest_finding"]
                == .object([
                    ("code", .string("S01")), ("subject", .string("p1")), ("impact", .number(2.5)),
                ]))
        #expect(contracts[1]["costliest_finding"] == .null, "a finding that costs nothing is not the costliest")
        let full = try #require(evaluation.json["contracts"]?.arrayValue?.first)
        #expect(contracts[0]["service"] == nil && contracts[0]["exit_horizon"] == nil)
        for key in ["id", "supplier", "score", "band", "families", "term_end", "notice_deadline", "days_to_notice_deadline"] {
            #expect(contracts[0][key] == full[key], "\(key) as in the full document")
        }
    }

    @Test(arguments: [0, 1, Evaluation.streamBatch - 1, Evaluation.streamBatch * 9 + 5])
    func theStreamedDocumentIsTheDocument(contractCount: Int) {
        let contracts = (0..<contractCount).map { index in
            Self.contract(
                "c\(index)", score: Double(index % 100),
                findings: (0..<(index % 4)).map { Self.finding(.s01, .warning, Double($0) + 0.5, subject: "p\($0)\n\"") })
        }
        var evaluation = Self.evaluation(contracts)
        // With a provenance (as check --json has) and without.
        if contractCount % 2 == 1 {
            evaluation.provenance = Provenance(
                exitready: "0.1.0", policy: ScoringPolicy(), evaluatedAt: "2026-12-05T23:10:04Z",
                inventorySHA256: String(repeating: "a", count: 64), checklistSHA256: String(repeating: "b", count: 64),
                dataroom: contractCount > 1 ? DataroomDigest(scannedAt: "2026-12-05T23:10:00Z", files: 3, sha256: "c") : nil)
        }
        for pretty in [true, false] {
            var streamed: [UInt8] = []
            var pieces = 0
            evaluation.writeJSON(pretty: pretty) { bytes in
                streamed += bytes
                pieces += 1
            }
            #expect(streamed == evaluation.json.encoded(pretty: pretty), "pretty: \(pretty), \(contractCount) contracts")
            #expect((evaluation.json["provenance"] != nil) == (evaluation.provenance != nil))
            #expect(pieces >= 2 + (contractCount + Evaluation.streamBatch - 1) / Evaluation.streamBatch)
        }
    }
}
