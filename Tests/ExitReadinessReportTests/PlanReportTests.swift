import ExitReadiness
import ExitReadinessReport
import Testing

@Suite("Plans for people and for the action register")
struct PlanReportTests {
    private static func plan(reachable: Bool, subject: String?) -> JSONValue {
        .object([
            ("contract", .string("acme")), ("target", .number(95)), ("score", .number(60)),
            ("score_after", .number(88.2)), ("effort_days", .number(12.5)), ("reachable", .bool(reachable)),
            (
                "steps",
                .array([
                    .object([
                        ("code", .string("P01")), ("subject", .string(subject)), ("fixes", .string("process documented")),
                        ("gain", .number(2.5)), ("effort_days", .number(2)), ("score_after", .number(62.5)),
                    ])
                ])
            ),
        ])
    }

    @Test func subjectsAreQuotedForCSVWhereNeeded() {
        #expect(
            PlanReport.actionRows(Self.plan(reachable: true, subject: "a,\"b\""))
                == "contract,code,subject,owner,due,state,until,note\nacme,P01,\"a,\"\"b\"\"\",,,open,,\n")
        #expect(PlanReport.actionRows(Self.plan(reachable: true, subject: nil)).hasSuffix("\nacme,P01,,,,open,,\n"))
    }

    @Test func anUnreachableTargetIsSaidSo() {
        let text = PlanReport(style: .plain).contractPlan(Self.plan(reachable: false, subject: "p1"))
        #expect(text.hasPrefix("acme: the target 95.0 cannot be reached: all 1 open action together take it from 60.0 to 88.2"))
        #expect(text.contains("process documented"))
    }
}
