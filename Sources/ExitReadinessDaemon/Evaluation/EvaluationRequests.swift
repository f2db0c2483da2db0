/// Requests for an evaluation outside the interval (Evaluate, Reload, SIGHUP), queued for the
/// evaluator, which wakes up for them or when the interval has passed.
actor EvaluationRequests {
    enum Kind: Sendable {
        case evaluate
        /// Re-read the configuration first.
        case reload
    }

    struct Request: Sendable {
        var kind: Kind
        /// Resumed with the outcome when the evaluation is done; nil for SIGHUP.
        var done: CheckedContinuation<EvaluationOutcome, Never>?
    }

    private var pending: [Request] = []
    private var waiter: CheckedContinuation<Void, Never>?
    private var closed = false

    /// Queues a request and waits until the evaluation it caused is done.
    func submit(_ kind: Kind) async -> EvaluationOutcome {
        guard !closed else { return .failed("the daemon is stopping") }
        return await withCheckedContinuation { continuation in
            pending.append(Request(kind: kind, done: continuation))
            wake()
        }
    }

    /// Queues a request without waiting for it.
    func post(_ kind: Kind) {
        guard !closed else { return }
        pending.append(Request(kind: kind, done: nil))
        wake()
    }

    /// The requests queued, waiting at most `timeout` for one; empty after the timeout, nil
    /// once closed.
    func next(timeout: Duration) async -> [Request]? {
        if pending.isEmpty && !closed {
            let timer = Task { [weak self] in
                // Cancelled: a request came first, and the waiter woken now may be a later one.
                guard (try? await EventLoopSleep.sleep(for: timeout)) != nil else { return }
                await self?.wake()
            }
            await withCheckedContinuation { waiter = $0 }
            timer.cancel()
        }
        if closed && pending.isEmpty { return nil }
        defer { pending = [] }
        return pending
    }

    /// Stops the queue; waiting and later requests are answered as failed.
    func close() {
        closed = true
        for request in pending { request.done?.resume(returning: .failed("the daemon is stopping")) }
        pending = []
        wake()
    }

    private func wake() {
        waiter?.resume()
        waiter = nil
    }
}

/// How an evaluation went.
enum EvaluationOutcome: Sendable {
    case evaluated
    case failed(String)
}
