import PropertyBased
import Testing

@testable import ExitReadiness

@Suite("Scoring properties")
struct PropertyTests {
    static let seeds = Gen.int(in: 0...Int(Int32.max))

    @Test func everyScoreIsBetween0And100() async {
        await propertyCheck(count: 500, input: Self.seeds) { seed in
            let score = RandomInventory(seed: seed).score()
            for value in [
                score.score, score.families.contract, score.families.dataroom, score.families.processes,
                score.families.staff,
            ] {
                #expect(value >= 0 && value <= 100, "seed \(seed)")
            }
        }
    }

    @Test func impactsAddUpToWhatTheScoreLost() async {
        await propertyCheck(count: 500, input: Self.seeds) { seed in
            let score = RandomInventory(seed: seed).score()
            let unrounded = score.findings.reduce(0) { $0 + $1.impact }
            #expect(abs(unrounded - (100 - score.score)) < 1e-9, "seed \(seed)")
            // Reported (rounded) figures agree within the rounding of each.
            let reported = score.findings.reduce(0) { $0 + $1.roundedImpact }
            let tolerance = 0.005 * Double(score.findings.count) + 0.05 + 1e-9
            #expect(abs(reported - (100 - score.roundedScore)) <= tolerance, "seed \(seed)")
        }
    }

    @Test func addingAMissingDocumentNeverLowersAScore() async {
        await propertyCheck(count: 500, input: Self.seeds) { seed in
            let inventory = RandomInventory(seed: seed)
            let before = inventory.score()
            let existing = Set(inventory.folder?.files.map(\.path) ?? [])
            for path in RandomInventory.documentPaths where !existing.contains(Array(path.utf8)) {
                let folder = ContractFolder(files: (inventory.folder?.files ?? []) + [Fixtures.file(path)])
                let after = inventory.score(folder: .some(folder))
                #expect(after.score >= before.score - 1e-9, "seed \(seed), adding \(path)")
                #expect(after.families.dataroom >= before.families.dataroom - 1e-9, "seed \(seed), adding \(path)")
                #expect(after.families.contract >= before.families.contract - 1e-9, "seed \(seed), adding \(path)")
                #expect(after.families.processes >= before.families.processes - 1e-9, "seed \(seed), adding \(path)")
            }
        }
    }

    @Test func findingsAreSortedAndLoseSomethingOrAreRisks() async {
        await propertyCheck(count: 300, input: Self.seeds) { seed in
            let score = RandomInventory(seed: seed).score()
            #expect(score.findings == score.findings.sorted(by: Finding.reportOrder), "seed \(seed)")
            for finding in score.findings where finding.impact <= 0 {
                #expect([.d90, .t01].contains(finding.code), "seed \(seed): \(finding.code) loses nothing")
            }
            #expect(score.findings.filter { $0.impact < -1e-12 }.isEmpty, "seed \(seed)")
        }
    }

    @Test func scoringIsDeterministic() async {
        await propertyCheck(count: 100, input: Self.seeds) { seed in
            #expect(RandomInventory(seed: seed).score() == RandomInventory(seed: seed).score())
        }
    }
}
