import NIOCore
import NIOPosix

/// Sleeping on SwiftNIO's event loops, which the daemon uses instead of `Task.sleep`.
///
/// `Task.sleep` waits for a libdispatch timer, and the task resumes on libdispatch's worker pool;
/// once that pool has run anything, libdispatch wakes the process every second for as long as it
/// lives (see `ParallelWork`). An event loop's timer wakes it at the deadline only.
enum EventLoopSleep {
    /// Returns after `duration`, or throws `CancellationError` as soon as the task is cancelled.
    static func sleep(for duration: Duration) async throws {
        let nanoseconds = min(max(0, duration / .nanoseconds(1)), Double(Int64.max / 2))
        let delay = TimeAmount.nanoseconds(Int64(nanoseconds))
        let timer = MultiThreadedEventLoopGroup.singleton.next().scheduleTask(in: delay) {}
        try await withTaskCancellationHandler {
            do {
                try await timer.futureResult.get()
            } catch {
                throw CancellationError()
            }
        } onCancel: {
            timer.cancel()
        }
    }
}
