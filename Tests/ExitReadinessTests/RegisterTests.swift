import Testing

@testable import ExitReadiness

@Suite("Register of information: LEI check digits and R01")
struct RegisterTests {
    static func entry(substitutability: RegisterEntry.Substitutability = .medium, reintegration: RegisterEntry.Reintegration)
        -> RegisterEntry
    {
        RegisterEntry(
            reference: "CA-1", providerCode: "529900T8BM49AURSDO55", providerCodeType: .lei, ictServiceType: .s02,
            substitutability: substitutability, reintegration: reintegration, discontinuationImpact: .low)
    }

    /// Published LEIs (Deutsche Börse, Bloomberg, Deutsche Bank, Apple, the ITS example),
    /// each checked by hand: the digits with letters as 10…35, mod 97, give 1.
    @Test(
        arguments: [
            "529900T8BM49AURSDO55", "5493001KJTIIGC8Y1R12", "7LTWFZYICNSX8D621K86", "HWUPKR0MPOU8FGXBT394",
            "724500VKKSH9QOLTFR81",
        ])
    func realLEIsPass(_ code: String) {
        #expect(RegisterEntry.isValidLEI(code))
    }

    @Test(
        arguments: [
            "529900T8BM49AURSDO56", "5493001KJTIIGC8Y1R21", "724500VKKSH9QOLTFR18", "529900t8bm49aursdo55",
            "529900T8BM49AURSDO5", "529900T8BM49AURSDO550", "529900T8BM49AURSDOX5", "529900T8BM49AURSD-55", "",
        ])
    func malformedOrWrongCheckDigitsFail(_ code: String) {
        #expect(!RegisterEntry.isValidLEI(code))
    }

    /// Bands at 50 and 45: the perfect contract without staff and processes scores 55 (ready)
    /// with its exit plan document and 40 (the cap: not-ready) without.
    static var policy: ScoringPolicy {
        var policy = ScoringPolicy()
        policy.readyThreshold = 50
        policy.atRiskThreshold = 45
        return policy
    }

    /// Scores the perfect contract, ready or not, with `register`.
    func findings(_ register: RegisterEntry?, ready: Bool) -> [Finding] {
        var contract = Fixtures.perfectContract()
        contract.register = register
        let folder = ready ? Fixtures.goodFolder : Fixtures.folder(["finance/plan.xlsx", "process/a.md"])
        let score = Fixtures.scorer(policy: Self.policy).score(contract, staff: [], processes: [], folder: folder)
        #expect((score.band == .notReady) == !ready)
        return score.findings
    }

    @Test func easyReintegrationWhileNotReadyIsR01() throws {
        let found = findings(Self.entry(reintegration: .easy), ready: false)
        let r01 = try #require(found.first { $0.code == .r01 })
        #expect(r01.family == .register)
        #expect(r01.severity == .warning)
        #expect(r01.impact == 0)
        #expect(r01.subject == nil)
        #expect(r01.message == "The register declares reintegration easy, but the contract is not-ready")
    }

    @Test func easySubstitutabilityWhileNotReadyIsR01() {
        let found = findings(Self.entry(substitutability: .easy, reintegration: .easy), ready: false)
        #expect(
            found.filter { $0.code == .r01 }.map(\.message) == [
                "The register declares substitutability and reintegration easy, but the contract is not-ready"
            ])
    }

    @Test func noR01WhenReadyOrNothingIsEasyOrNoBlock() {
        #expect(!findings(Self.entry(reintegration: .easy), ready: true).contains { $0.code == .r01 })
        #expect(!findings(Self.entry(reintegration: .difficult), ready: false).contains { $0.code == .r01 })
        #expect(!findings(nil, ready: false).contains { $0.code == .r01 })
    }

    @Test func r01CostsNoPoints() {
        var contract = Fixtures.perfectContract()
        let folder = Fixtures.folder(["finance/plan.xlsx", "process/a.md"])
        let without = Fixtures.scorer(policy: Self.policy).score(contract, staff: [], processes: [], folder: folder)
        contract.register = Self.entry(reintegration: .easy)
        let with = Fixtures.scorer(policy: Self.policy).score(contract, staff: [], processes: [], folder: folder)
        #expect(with.score == without.score)
        #expect(with.findings.count == without.findings.count + 1)
    }
}
