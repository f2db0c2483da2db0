import ExitReadiness
import ExitReadinessProtocol
import ExitReadinessReport
import ExitReadinessStore

/// The daemon's metrics in the Prometheus text format, as `MetricsFile=` and `GetMetrics` give them.
enum DaemonMetrics {
    /// Reads the state and the alert counts of the store at one moment. A store that cannot be
    /// read leaves out the alert and dataroom file counts rather than the whole exposition.
    static func text(state: MonitorState, store: ExitReadyStore) async -> String {
        let status = await state.status
        var daemon = MetricsExposition.Daemon(
            version: ExitReadyVersion.current, rules: ScoringRules.version,
            lastEvaluation: status.snapshot?.evaluatedAt, evaluationDuration: await state.lastEvaluationSeconds,
            evaluations: await state.evaluations, evaluationFailures: await state.evaluationFailures,
            inventoryValid: status.inventoryErrors.isEmpty,
            dataroomReachable: status.dataroom == .unknown ? nil : status.dataroom == .ok)
        daemon.dataroomFiles = try? store.lastScanFileCount()
        daemon.alerts = ((try? store.alertCounts()) ?? []).map { ($0.kind.rawValue, $0.count) }
        return MetricsExposition(evaluation: status.snapshot?.evaluation, daemon: daemon, dayStart: LocalCalendar.start(of:))
            .text
    }
}
