import ExitReadiness
import Logging

/// The one line the daemon logs after each stored evaluation, with the same facts as journal
/// fields: the portfolio's score and band, the contracts per band, and how long it took.
struct EvaluationSummary {
    let evaluation: Evaluation
    let seconds: Double

    /// `evaluated 2026-12-01 in 0.12 s: portfolio 63.3 at-risk; 5 active contracts: 1 ready,
    /// 3 at-risk, 1 not-ready; 1 ended`.
    var message: String {
        let portfolio = evaluation.portfolio
        let score =
            portfolio.roundedScore.map { "portfolio \(DecimalText.score($0)) \(portfolio.band?.rawValue ?? "")" }
            ?? "no active contract"
        var line = "evaluated \(evaluation.evaluated.iso) in \(DecimalText.fixed(seconds, 2)) s: \(score)"
        let active = activeCount
        if active > 0 {
            line +=
                "; \(active) active contract\(active == 1 ? "" : "s"): "
                + Band.allCases.map { "\(count(of: $0)) \($0.rawValue)" }.joined(separator: ", ")
        }
        let ended = evaluation.contracts.count - active
        if ended > 0 { line += "; \(ended) ended" }
        return line
    }

    /// The facts of the line as journal fields (`EXITREADY_…`).
    var metadata: Logger.Metadata {
        var fields: Logger.Metadata = [
            "EXITREADY_EVALUATED": "\(evaluation.evaluated.iso)",
            "EXITREADY_DURATION_MS": "\(Int((seconds * 1000).rounded()))",
            "EXITREADY_ACTIVE_CONTRACTS": "\(activeCount)",
            "EXITREADY_READY": "\(count(of: .ready))",
            "EXITREADY_AT_RISK": "\(count(of: .atRisk))",
            "EXITREADY_NOT_READY": "\(count(of: .notReady))",
        ]
        if let score = evaluation.portfolio.roundedScore { fields["EXITREADY_SCORE"] = "\(DecimalText.score(score))" }
        if let band = evaluation.portfolio.band { fields["EXITREADY_BAND"] = "\(band.rawValue)" }
        return fields
    }

    private var activeCount: Int { evaluation.contracts.count { $0.status == .active } }

    private func count(of band: Band) -> Int {
        evaluation.contracts.count { $0.status == .active && $0.band == band }
    }
}
