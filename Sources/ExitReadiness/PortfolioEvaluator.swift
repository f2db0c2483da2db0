import Synchronization

/// Scores a whole inventory on one day: every contract, then the portfolio.
public struct PortfolioEvaluator: Sendable {
    public let scorer: ContractScorer

    public init(scorer: ContractScorer) {
        self.scorer = scorer
    }

    /// Scores every contract, spreading them over all cores, and applies the action register to
    /// its findings; fails when the dataroom view cannot say what a contract's folder holds.
    public func evaluate<Room: DataroomView & Sendable>(_ inventory: Inventory, dataroom: Room) throws(Room.Failure) -> Evaluation
    {
        let contracts = inventory.contracts
        let scores = Mutex([ContractScore?](repeating: nil, count: contracts.count))
        let failure = Mutex<Room.Failure?>(nil)
        let chunk = 64
        ParallelWork.run(iterations: (contracts.count + chunk - 1) / chunk) { part in
            guard failure.withLock({ $0 == nil }) else { return }
            let range = part * chunk..<min((part + 1) * chunk, contracts.count)
            do throws(Room.Failure) {
                var scored: [ContractScore] = []
                for contract in contracts[range] {
                    let folder = try dataroom.folder(for: contract.id)
                    var score = scorer.score(
                        contract, staff: inventory.staff[contract.id] ?? [],
                        processes: inventory.processes[contract.id] ?? [], folder: folder)
                    if let rows = inventory.actions[contract.id], !rows.isEmpty {
                        ActionRegister(rows: rows, today: scorer.today).apply(to: &score)
                        // Accepted findings leave the plan: the effort to ready is planned again.
                        score.effortToReady = ContractPlanner(policy: scorer.policy, effort: scorer.effort)
                            .effortToReady(score)
                    }
                    scored.append(score)
                }
                scores.withLock { $0.replaceSubrange(range, with: scored) }
            } catch {
                failure.withLock { $0 = $0 ?? error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        let all = scores.withLock { $0.map { $0! } }
        return Evaluation(evaluated: scorer.today, portfolio: portfolio(of: all), contracts: all)
    }

    /// Weighted mean (critical 3, important 2, standard 1) of the unrounded scores of the
    /// active contracts, and the weakest of them by rounded score, ties by id.
    public func portfolio(of contracts: [ContractScore]) -> PortfolioScore {
        let active = contracts.filter { $0.status == .active }
        guard !active.isEmpty else {
            return PortfolioScore(score: nil, band: nil, weakest: nil, activeContracts: 0)
        }
        var weighted = 0.0
        var weights = 0.0
        for contract in active {
            weighted += contract.criticality.portfolioWeight * contract.score
            weights += contract.criticality.portfolioWeight
        }
        let score = weighted / weights
        let weakest = active.min { lhs, rhs in
            lhs.roundedScore != rhs.roundedScore ? lhs.roundedScore < rhs.roundedScore : lhs.id < rhs.id
        }
        return PortfolioScore(
            score: score, band: scorer.policy.band(forRoundedScore: roundHalfAwayFromZero(score, decimals: 1)),
            weakest: weakest?.id, activeContracts: active.count)
    }
}
