import Synchronization

/// Scores a whole inventory on one day: every contract, then the portfolio.
public struct PortfolioEvaluator: Sendable {
    public let scorer: ContractScorer
    /// Days the kept forecasts cover; nil keeps none. Every contract's next band change is
    /// forecast either way, over the default horizon.
    public let forecastDays: Int?

    public init(scorer: ContractScorer, forecastDays: Int? = nil) {
        self.scorer = scorer
        self.forecastDays = forecastDays
    }

    /// Scores every contract, spreading them over all cores, and applies the action register to
    /// its findings; fails when the dataroom view cannot say what a contract's folder holds.
    public func evaluate<Room: DataroomView & Sendable>(_ inventory: Inventory, dataroom: Room) throws(Room.Failure) -> Evaluation
    {
        let contracts = inventory.contracts
        let scores = Mutex([ContractScore?](repeating: nil, count: contracts.count))
        let forecasts = Mutex([ContractForecast?](repeating: nil, count: forecastDays == nil ? 0 : contracts.count))
        let forecaster = ContractForecaster(
            scorer: scorer, horizonDays: max(forecastDays ?? 0, ContractForecast.defaultHorizonDays))
        let failure = Mutex<Room.Failure?>(nil)
        let chunk = 64
        ParallelWork.run(iterations: (contracts.count + chunk - 1) / chunk) { part in
            guard failure.withLock({ $0 == nil }) else { return }
            let range = part * chunk..<min((part + 1) * chunk, contracts.count)
            do throws(Room.Failure) {
                var scored: [ContractScore] = []
                var forecast: [ContractForecast] = []
                for contract in contracts[range] {
                    let folder = try dataroom.folder(for: contract.id)
                    let staff = inventory.staff[contract.id] ?? []
                    let processes = inventory.processes[contract.id] ?? []
                    let rows = inventory.actions[contract.id] ?? []
                    let checks = scorer.dataroomChecks(for: contract, folder: folder)
                    var score = scorer.score(
                        contract, staff: staff, processes: processes, folder: folder, dataroom: checks)
                    let contractForecast = forecaster.forecast(
                        contract, staff: staff, processes: processes, folder: folder, dataroom: checks, actions: rows)
                    score.nextBandChange = contractForecast.nextBandChange()
                    if forecastDays != nil { forecast.append(contractForecast) }
                    if !rows.isEmpty {
                        ActionRegister(rows: rows, today: scorer.today).apply(to: &score)
                        // Accepted findings leave the plan: the effort to ready is planned again.
                        score.effortToReady = ContractPlanner(policy: scorer.policy, effort: scorer.effort)
                            .effortToReady(score)
                    }
                    scored.append(score)
                }
                scores.withLock { $0.replaceSubrange(range, with: scored) }
                if forecastDays != nil { forecasts.withLock { $0.replaceSubrange(range, with: forecast) } }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let all = scores.withLock { $0.map { $0! } }
        return Evaluation(
            evaluated: scorer.today, portfolio: portfolio(of: all), contracts: all,
            forecasts: forecasts.withLock { $0.map { $0! } })
    }

    /// Weighted mean (critical 3, important 2, standard 1) of the unrounded scores of the
    /// active contracts, and the weakest of them by rounded score, ties by id.
    public func portfolio(of contracts: [ContractScore]) -> PortfolioScore {
        let active = contracts.filter { $0.status == .active }
        guard !active.isEmpty else {
            return PortfolioScore(score: nil, band: nil, weakest: nil, activeContracts: 0)
        }
        let score = Self.weightedMean(active.lazy.map { ($0.criticality, $0.score) })
        let weakest = active.min { lhs, rhs in
            lhs.roundedScore != rhs.roundedScore ? lhs.roundedScore < rhs.roundedScore : lhs.id < rhs.id
        }
        return PortfolioScore(
            score: score, band: scorer.policy.band(forRoundedScore: roundHalfAwayFromZero(score, decimals: 1)),
            weakest: weakest?.id, activeContracts: active.count)
    }

    /// The portfolio score of active contracts' unrounded scores: weighted critical 3,
    /// important 2, standard 1.
    static func weightedMean(_ contracts: some Sequence<(Criticality, Double)>) -> Double {
        var weighted = 0.0
        var weights = 0.0
        for (criticality, score) in contracts {
            weighted += criticality.portfolioWeight * score
            weights += criticality.portfolioWeight
        }
        return weighted / weights
    }
}
