import PropertyBased
import Testing

@testable import ExitReadiness

/// The forecast must equal its definition: the evaluation with `today` set to each future day.
@Suite("Forecast")
struct ForecastTests {
    static let seeds = Gen.int(in: 0...Int(Int32.max))

    /// The forecast's steps as scoring every day gives them: each day whose score, status or
    /// finding keys differ from the day before; on those days, a finding worsens when its gain grows.
    static func dayByDay(_ inventory: RandomInventory, horizonDays: Int) -> [ForecastStep] {
        func evaluate(_ day: Day) -> ContractScore {
            Fixtures.scorer(checklist: inventory.checklist, today: day)
                .score(inventory.contract, staff: inventory.staff, processes: inventory.processes, folder: inventory.folder)
        }
        func gains(_ score: ContractScore) -> [FindingKey: Double] {
            Dictionary(uniqueKeysWithValues: score.findings.map { (FindingKey(code: $0.code, subject: $0.subject), $0.gain) })
        }
        var previous = evaluate(Fixtures.today)
        var steps: [ForecastStep] = []
        for offset in 1...horizonDays {
            let day = Fixtures.today.adding(days: offset)
            let score = evaluate(day)
            let before = gains(previous)
            let after = gains(score)
            let worsened = after.keys.filter { key in before[key].map { after[key]! > $0 } ?? false }.sorted()
            if score.score != previous.score || score.status != previous.status || before.keys != after.keys {
                steps.append(
                    ForecastStep(
                        day: day, score: score.score, band: score.band, status: score.status,
                        appeared: after.keys.filter { before[$0] == nil }.sorted(),
                        disappeared: before.keys.filter { after[$0] == nil }.sorted(), worsened: worsened))
            }
            previous = score
        }
        return steps
    }

    static func forecast(_ inventory: RandomInventory, horizonDays: Int, tracksFindings: Bool = true) -> ContractForecast {
        let scorer = Fixtures.scorer(checklist: inventory.checklist)
        return ContractForecaster(scorer: scorer, horizonDays: horizonDays, tracksFindings: tracksFindings).forecast(
            inventory.contract, staff: inventory.staff, processes: inventory.processes, folder: inventory.folder,
            dataroom: scorer.dataroomChecks(for: inventory.contract, folder: inventory.folder), actions: [])
    }

    @Test func equalsScoringEveryDay() async {
        await propertyCheck(count: 50, input: Self.seeds) { seed in
            let inventory = RandomInventory(seed: seed)
            let horizon = seed % 3 == 0 ? ContractForecast.maximumHorizonDays : ContractForecast.defaultHorizonDays
            let forecast = Self.forecast(inventory, horizonDays: horizon)
            let expected = Self.dayByDay(inventory, horizonDays: horizon)
            #expect(forecast.steps.map(\.day) == expected.map(\.day), "seed \(seed)")
            for (got, want) in zip(forecast.steps, expected) {
                #expect(got == want, "seed \(seed), \(got.day): \(got) != \(want)")
            }
        }
    }

    /// `check` forecasts only the next band change, without findings: the same scores on the
    /// same days.
    @Test func withoutFindingsTheScoresAreTheSame() async {
        await propertyCheck(count: 50, input: Self.seeds) { seed in
            let inventory = RandomInventory(seed: seed)
            let horizon = seed % 3 == 0 ? ContractForecast.maximumHorizonDays : ContractForecast.defaultHorizonDays
            let scores = Self.forecast(inventory, horizonDays: horizon, tracksFindings: false)
            let full = Self.forecast(inventory, horizonDays: horizon)
            var expected = full
            expected.steps = []
            var previous = (score: full.score, status: full.status)
            for step in full.steps where step.score != previous.score || step.status != previous.status {
                previous = (step.score, step.status)
                expected.steps.append(
                    ForecastStep(
                        day: step.day, score: step.score, band: step.band, status: step.status, appeared: [],
                        disappeared: [], worsened: []))
            }
            #expect(scores == expected, "seed \(seed)")
        }
    }

    @Test func nothingDatedAheadMeansNoChange() async {
        await propertyCheck(count: 100, input: Self.seeds) { seed in
            var inventory = RandomInventory(seed: seed)
            let longAgo = Fixtures.today.adding(days: -2000)
            // Every date far enough back that no limit is crossed, the term far ahead.
            inventory.contract.exitPlan?.reviewed = longAgo
            inventory.contract.exitPlan?.tested = longAgo
            inventory.contract.lastAudit = longAgo
            inventory.contract.renewalMonths = 0
            inventory.contract.end = Fixtures.today.adding(days: 2000)
            for index in inventory.processes.indices { inventory.processes[index].reviewed = longAgo }
            for index in inventory.staff.indices {
                inventory.staff[index].joined = longAgo
                inventory.staff[index].left = inventory.staff[index].left.map { _ in longAgo }
            }
            inventory.folder = inventory.folder.map { folder in
                ContractFolder(
                    files: folder.files.map { file in
                        var old = file
                        old.modified = Int64(longAgo.ordinal) * 86_400
                        return old
                    })
            }
            let forecast = Self.forecast(inventory, horizonDays: ContractForecast.maximumHorizonDays)
            #expect(forecast.steps.isEmpty, "seed \(seed): \(forecast.steps.map(\.day))")
            #expect(forecast.nextBandChange() == nil, "seed \(seed)")
        }
    }

    @Test func aReviewOneDayLaterMovesItsChangeOneDayLater() async {
        await propertyCheck(count: 100, input: Self.seeds) { seed in
            var inventory = RandomInventory(seed: seed)
            // Without the exit plan document the score is capped and may not move at all.
            guard inventory.contract.exitPlan != nil,
                inventory.folder?.documentExists(inventory.contract.exitPlan?.document) == true
            else { return }
            // The review's age today, 200 to 699 days but never 366: at that age the review's first
            // limit was crossed today, a change the forecast does not list (it starts tomorrow),
            // and one day later it moves to tomorrow.
            let age = 200 + seed % 499
            inventory.contract.exitPlan?.reviewed = Fixtures.today.adding(days: -(age < 366 ? age : age + 1))
            func reviewDays(_ inventory: RandomInventory) -> [Day] {
                Self.forecast(inventory, horizonDays: ContractForecast.defaultHorizonDays).steps
                    .filter { step in (step.appeared + step.worsened).contains { $0.code == .c02 } }
                    .map(\.day)
            }
            let before = reviewDays(inventory)
            let reviewed = inventory.contract.exitPlan?.reviewed
            inventory.contract.exitPlan?.reviewed = reviewed?.adding(days: 1)
            let after = reviewDays(inventory)
            #expect(!before.isEmpty, "seed \(seed): the review's limit falls within the year")
            // A change on the horizon's last day moves beyond it.
            let last = Fixtures.today.adding(days: ContractForecast.defaultHorizonDays)
            #expect(
                after == before.map { $0.adding(days: 1) }.filter { $0 <= last }, "seed \(seed): \(before) → \(after)")
        }
    }
}
