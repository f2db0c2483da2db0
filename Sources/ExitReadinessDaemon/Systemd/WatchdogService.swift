import ServiceLifecycle

/// Pings systemd's watchdog at half its timeout, but only while the evaluator is healthy: an
/// evaluation that stops making progress stops the pings, and systemd restarts the daemon.
struct WatchdogService: Service {
    let health: EvaluatorHealth
    let interval: Duration

    func run() async throws {
        let timeout = Double(interval.components.seconds) * 2 + Double(interval.components.attoseconds) * 2e-18
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            if health.isHealthy(timeout: timeout) { SystemdNotifier.watchdog() }
            // A stop must not wait out the interval (up to half the watchdog timeout).
            try? await cancelWhenGracefulShutdown { try await EventLoopSleep.sleep(for: interval) }
        }
    }
}
