import ExitReadiness
import Testing
import ExitReadinessReport

@Suite("Finding order for people")
struct FindingOrderTests {
    @Test func criticalAndSecurityFirstThenByImpact() {
        func finding(_ code: String, _ severity: String, _ impact: Double) -> JSONValue {
            .object([("code", .string(code)), ("severity", .string(severity)), ("impact", .number(impact))])
        }
        let findings = [finding("C01", "warning", 9), finding("P04", "critical", 2), finding("D01", "info", 9),
                        finding("S02", "security", 5), finding("T01", "critical", 0)]
        let order = EvaluationReport.urgentFirst(findings, finding: { $0 }).map { $0["code"]?.stringValue ?? "" }
        #expect(order == ["S02", "P04", "T01", "C01", "D01"])
    }
}
