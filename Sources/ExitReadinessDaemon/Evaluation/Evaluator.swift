import Dispatch
import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessStore
import Logging
import ServiceLifecycle
import Synchronization

/// The service that evaluates: at start, then every `Interval=`, and when asked (Evaluate,
/// Reload, SIGHUP). Each evaluation runs on a thread of its own, so that queries keep being
/// answered while a large dataroom is hashed.
final class Evaluator: Service, Sendable {
    private let settings: Settings
    private let store: ExitReadyStore
    private let state: MonitorState
    private let requests: EvaluationRequests
    private let health: EvaluatorHealth
    private let delivery: AlertDelivery
    private let logger: Logger
    /// Which day counts as today.
    private let date: EvaluationDate
    /// The time evaluations are stamped with, and the next one is planned from.
    private let clock: WallClock
    /// Called with the status line once the first evaluation is over (stored or not).
    private let onFirstEvaluation: @Sendable (String) -> Void
    /// Carried from one evaluation to the next; only the evaluation thread touches it.
    private let memory = Mutex(EvaluationCycle.Memory())
    private let thread = DispatchQueue(label: "exitreadyd.evaluation")
    private let metricsFile: MetricsFileWriter

    init(
        settings: Settings, store: ExitReadyStore, state: MonitorState, requests: EvaluationRequests,
        health: EvaluatorHealth, delivery: AlertDelivery, logger: Logger, date: EvaluationDate, clock: WallClock,
        onFirstEvaluation: @escaping @Sendable (String) -> Void
    ) {
        self.settings = settings
        self.store = store
        self.state = state
        self.requests = requests
        self.health = health
        self.delivery = delivery
        self.logger = logger
        self.date = date
        self.clock = clock
        self.onFirstEvaluation = onFirstEvaluation
        self.metricsFile = MetricsFileWriter(logger: logger)
    }

    func run() async throws {
        // Alerts a crash left unsent, on the evaluation thread like every other delivery.
        await withCheckedContinuation { continuation in
            thread.async { [delivery] in
                delivery.deliverPending(afterCrash: true)
                continuation.resume()
            }
        }
        await withGracefulShutdownHandler {
            var batch: [EvaluationRequests.Request] = []
            var first = true
            while true {
                let reloading = batch.contains { $0.kind == .reload }
                if reloading {
                    SystemdNotifier.reloading()
                    await state.setConfigurationError(settings.reload(logger: logger))
                }
                let outcome = await withTaskCancellationHandler {
                    first ? await evaluateExtendingStartTimeout() : await evaluate()
                } onCancel: { [health] in
                    health.stop()
                }
                for request in batch { request.done?.resume(returning: outcome) }
                let interval = settings.current.interval
                await state.setNextEvaluation(clock.now() + interval)
                let status = await statusLine()
                if first {
                    first = false
                    onFirstEvaluation(status)
                } else if reloading {
                    SystemdNotifier.ready(status: status)
                } else {
                    SystemdNotifier.status(status)
                }
                // Cancellation (another service failed) must end the wait as promptly as a shutdown.
                let next = await withTaskCancellationHandler {
                    await requests.next(timeout: .milliseconds(Int64(interval * 1000)))
                } onCancel: { [requests] in
                    Task { await requests.close() }
                }
                guard let next else { break }
                batch = next
            }
        } onGracefulShutdown: { [requests, health] in
            health.stop()
            Task { await requests.close() }
        }
        await state.finishWatchers()
    }

    /// Runs one evaluation cycle, counts it and writes `MetricsFile=`.
    private func evaluate() async -> EvaluationOutcome {
        let started = MonotonicClock.seconds()
        let outcome = await evaluateOnce()
        let failed = if case .failed = outcome { true } else { false }
        await state.countEvaluation(seconds: MonotonicClock.seconds() - started, failed: failed)
        if let path = settings.current.metricsFile {
            let text = await DaemonMetrics.text(state: state, store: store)
            await withCheckedContinuation { continuation in
                thread.async { [metricsFile] in
                    metricsFile.write(text, to: path)
                    continuation.resume()
                }
            }
        }
        return outcome
    }

    /// Runs one evaluation cycle on the evaluation thread and publishes its outcome.
    private func evaluateOnce() async -> EvaluationOutcome {
        let configuration = settings.current
        let cycle = EvaluationCycle(
            configuration: configuration, store: store, logger: logger,
            today: date.today(), health: health, clock: clock)
        let started = MonotonicClock.seconds()
        let (outcome, problems, revision) = await withCheckedContinuation { continuation in
            thread.async { [self] in
                health.began()
                // Alerts the journal refused at an earlier evaluation go out first.
                delivery.deliverPending(afterCrash: false)
                let result = self.memory.withLock { memory in
                    let outcome = cycle.run(memory: &memory)
                    return (outcome, (errors: memory.errors, warnings: memory.warnings), memory.validRevision)
                }
                // Inside began/finished, so that the watchdog sees a journal that blocks.
                delivery.deliver(result.0.alerts)
                health.finished()
                continuation.resume(returning: result)
            }
        }
        await state.setInventory(revision: revision, errors: problems.errors, warnings: problems.warnings)
        if let dataroom = outcome.dataroom { await state.setDataroom(dataroom) }
        if let snapshot = outcome.snapshot {
            await state.publish(snapshot)
            // The previous evaluation is released now: give the heap it held back to the system,
            // or the daemon keeps the peak of every evaluation (measured in BENCHMARKS.md). Done
            // before the evaluation counts as finished, so an Evaluate reply finds it done.
            await withCheckedContinuation { continuation in
                thread.async {
                    MemoryTrim.now()
                    continuation.resume()
                }
            }
            let summary = EvaluationSummary(evaluation: snapshot.evaluation, seconds: MonotonicClock.seconds() - started)
            logger.info("\(summary.message)", metadata: summary.metadata)
            return .evaluated
        }
        return .failed(outcome.failure ?? "the evaluation failed")
    }

    /// The first evaluation may hash a whole dataroom: while it makes progress, ask systemd for
    /// more start-up time instead of letting TimeoutStartSec= kill it.
    private func evaluateExtendingStartTimeout() async -> EvaluationOutcome {
        let extender = Task { [health] in
            while !Task.isCancelled {
                try? await EventLoopSleep.sleep(for: .seconds(20))
                if health.isHealthy(timeout: 20) { SystemdNotifier.extendTimeout(by: .seconds(60)) }
            }
        }
        defer { extender.cancel() }
        return await evaluate()
    }

    /// One line for `systemctl status`.
    private func statusLine() async -> String {
        let status = await state.status
        var parts: [String] = []
        let errors = status.inventoryErrors.count
        if let snapshot = status.snapshot {
            let portfolio = snapshot.evaluation.portfolio
            parts.append(
                portfolio.roundedScore.map { "Portfolio \(DecimalText.score($0)) \(portfolio.band?.rawValue ?? "")" }
                    ?? "No active contract")
            parts.append("\(snapshot.evaluation.contracts.count) contracts")
            if errors > 0 { parts.append("inventory: \(errors) error(s), the last valid one is scored") }
        } else if errors > 0 && status.inventoryRevision == nil {
            parts.append("No valid inventory: \(errors) error(s), nothing is scored")
        } else {
            parts.append("Not evaluated")
        }
        if status.configurationError != nil { parts.append("configuration not reloaded (invalid)") }
        if status.dataroom == .unreachable { parts.append("dataroom unreachable") }
        if let next = status.nextEvaluation { parts.append("next evaluation \(Timestamp.rfc3339(next))") }
        return parts.joined(separator: "; ")
    }
}
