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

    @Test func topFindingsTakeTheUrgentOnesFromEveryContract() {
        func finding(_ code: String, _ severity: String, _ impact: Double) -> JSONValue {
            .object([
                ("code", .string(code)), ("severity", .string(severity)), ("impact", .number(impact)),
                ("message", .string(code)),
            ])
        }
        func contract(_ id: String, _ findings: [JSONValue]) -> JSONValue {
            .object([("id", .string(id)), ("findings", .array(findings))])
        }
        let document = JSONValue.object([
            (
                "contracts",
                .array([
                    contract("a", [finding("C01", "warning", 9), finding("C02", "warning", 8), finding("P04", "critical", 0.5)]),
                    contract("b", [finding("D01", "warning", 9), finding("S02", "security", 1)]),
                ])
            )
        ])
        let table = EvaluationReport(document: document, style: .plain).topFindingsTable(limit: 4)
        let codes = table.split(separator: "\n").dropFirst(2).map { $0.split(separator: " ")[1] }
        #expect(codes == ["S02", "P04", "C01", "D01"], "\(table)")
    }
}
