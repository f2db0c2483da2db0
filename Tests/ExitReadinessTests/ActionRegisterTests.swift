import Testing

@testable import ExitReadiness

/// The action register applied to scored findings (exitready-inventory(5), ACTION REGISTER).
@Suite("Action register")
struct ActionRegisterTests {
    /// The perfect contract without C15 and C06, and with a key person without a successor (S01).
    static func scored() -> ContractScore {
        var contract = Fixtures.perfectContract()
        contract.communicationPlan = false
        contract.terms.assistanceRatesAgreed = false
        return Fixtures.score(contract, staff: [Fixtures.keyPerson("a", successor: nil), Fixtures.member("b")])
    }

    static func applied(_ rows: [RegisteredAction]) -> ContractScore {
        var score = scored()
        ActionRegister(rows: rows, today: Fixtures.today).apply(to: &score)
        return score
    }

    static func row(
        _ code: FindingCode, _ subject: String? = nil, state: RegisteredAction.State, due: String? = nil,
        until: String? = nil
    ) -> RegisteredAction {
        RegisteredAction(
            contract: "acme", code: code, subject: subject, owner: "Ops", due: due.map(Fixtures.day), state: state,
            until: until.map(Fixtures.day), note: "n")
    }

    @Test func aRowIsAttachedToItsFindingAndChangesNoScore() {
        let rows = [Self.row(.c15, state: .open, due: "2026-12-01"), Self.row(.s01, "a", state: .open)]
        let score = Self.applied(rows)
        #expect(score.finding(.c15)?.action == rows[0])
        #expect(score.finding(.s01, subject: "a")?.action == rows[1])
        #expect(score.finding(.c06)?.action == nil)
        #expect(score.findings.allSatisfy { !$0.isAccepted && $0.family != .actions }, "due today is not overdue")
        #expect(score.score == Self.scored().score)
    }

    @Test func anAcceptanceInForceMarksTheFindingAcceptedButKeepsItsImpact() {
        let score = Self.applied([Self.row(.c15, state: .accepted, until: "2026-12-01")])
        let finding = score.finding(.c15)
        #expect(finding?.isAccepted == true)
        #expect(finding?.impact == Self.scored().finding(.c15)?.impact)
        #expect(score.findings.filter(\.isAccepted).count == 1)
    }

    @Test func aLapsedAcceptanceIsA02AndNotAccepted() throws {
        let score = Self.applied([Self.row(.c15, state: .accepted, until: "2026-11-30")])
        #expect(score.finding(.c15)?.isAccepted == false)
        let a02 = try #require(score.finding(.a02, subject: "C15"))
        #expect(a02.severity == .warning && a02.impact == 0 && a02.family == .actions)
        #expect(a02.message == "The acceptance of C15 lapsed after 2026-11-30 and the finding persists")
    }

    @Test func anOpenRowPastItsDueDateIsA01AndDoneWhileTheFindingPersistsIsA03() throws {
        let score = Self.applied([
            Self.row(.s01, "a", state: .open, due: "2026-11-20"), Self.row(.c06, state: .done),
            Self.row(.c15, state: .open),
        ])
        let a01 = try #require(score.finding(.a01, subject: "S01/a"))
        #expect(a01.message == "The action on S01/a (owner Ops) was due 2026-11-20, 11 days ago, and the finding persists")
        #expect(score.finding(.a03, subject: "C06") != nil)
        #expect(score.findings(.a01).count == 1, "an open row without a due date is never overdue")
    }

    @Test func rowsWhoseFindingIsGoneOrWhoseSubjectDiffersYieldNothing() {
        let score = Self.applied([
            Self.row(.c01, state: .done), Self.row(.s01, "b", state: .open, due: "2026-01-01"),
            Self.row(.c15, "x", state: .done), Self.row(.s01, state: .done),
        ])
        #expect(score.findings == Self.scored().findings)
    }

    @Test func actionFindingsAreSortedLikeEveryFinding() {
        let score = Self.applied([
            Self.row(.c15, state: .done), Self.row(.c06, state: .done), Self.row(.s01, "a", state: .done),
        ])
        let order = score.findings.indices.dropLast().allSatisfy { index in
            !Finding.reportOrder(score.findings[index + 1], score.findings[index])
        }
        #expect(order)
        #expect(score.findings.filter { $0.code == .a03 }.map(\.subject) == ["C06", "C15", "S01/a"])
    }

    @Test func theJSONCarriesTheActionOnlyWhereThereIsOne() {
        let score = Self.applied([Self.row(.c15, state: .accepted, until: "2027-01-31")])
        let action = score.finding(.c15)?.json["action"]
        #expect(action?["state"]?.stringValue == "accepted")
        #expect(action?["until"]?.stringValue == "2027-01-31")
        #expect(action?["due"] == .null)
        #expect(action?["owner"]?.stringValue == "Ops")
        #expect(action?["note"]?.stringValue == "n")
        #expect(action?["accepted"]?.boolValue == true)
        #expect(score.finding(.c06)?.json["action"] == nil)
    }

    @Test func acceptedFindingsAreNotAmongTheTopFindingsOfTheSummary() {
        let score = Self.applied([Self.row(.s01, "a", state: .accepted, until: "2027-01-31")])
        let evaluation = Evaluation(
            evaluated: Fixtures.today, portfolio: PortfolioScore(score: nil, band: nil, weakest: nil, activeContracts: 0),
            contracts: [score])
        let summary = evaluation.summaryJSON(topFindings: 1)
        let shown = summary["top_findings"]?.arrayValue
        #expect(Self.scored().findings.first?.code == .s01, "S01 would be the top finding")
        #expect(shown?.map { $0["code"]?.stringValue } == [Self.scored().findings[1].code.rawValue])
        let costliest = summary["contracts"]?.arrayValue?.first?["costliest_finding"]?["code"]?.stringValue
        #expect(costliest == Self.scored().findings[1].code.rawValue, "nor the costliest")
    }
}
