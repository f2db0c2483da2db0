import ExitReadiness
import ExitReadinessReport
import Testing

@Suite("Finding order for people")
struct FindingOrderTests {
    @Test func criticalAndSecurityFirstThenByImpact() {
        func finding(_ code: String, _ severity: String, _ impact: Double) -> JSONValue {
            .object([("code", .string(code)), ("severity", .string(severity)), ("impact", .number(impact))])
        }
        let findings = [
            finding("C01", "warning", 9), finding("P04", "critical", 2), finding("D01", "info", 9),
            finding("S02", "security", 5), finding("T01", "critical", 0),
        ]
        let order = EvaluationReport.urgentFirst(findings).map { $0["code"]?.stringValue ?? "" }
        #expect(order == ["S02", "P04", "T01", "C01", "D01"])
    }

    @Test func theTopFindingsTableShowsTheSummarysListInItsOrderUpToTheLimit() {
        func finding(_ contract: String, _ code: String, _ severity: String, _ impact: Double) -> JSONValue {
            .object([
                ("contract", .string(contract)), ("code", .string(code)), ("severity", .string(severity)),
                ("impact", .number(impact)), ("message", .string(code)),
            ])
        }
        let document = JSONValue.object([
            (
                "top_findings",
                .array([
                    finding("b", "S02", "security", 1), finding("a", "P04", "critical", 0.5), finding("a", "C01", "warning", 9),
                    finding("b", "D01", "warning", 9),
                ])
            )
        ])
        let table = EvaluationReport(document: document, style: .plain).topFindingsTable(limit: 3)
        let rows = table.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ").prefix(2).joined(separator: " ") }
        #expect(rows == ["b S02", "a P04", "a C01"], "\(table)")
        #expect(EvaluationReport(document: .object([]), style: .plain).topFindingsTable(limit: 3).isEmpty)
    }
}
