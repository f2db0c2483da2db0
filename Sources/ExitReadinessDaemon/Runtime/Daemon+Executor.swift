import CConcurrencyHook
import NIOCore
import NIOPosix

extension Daemon {
    /// Runs Swift concurrency on SwiftNIO's event loops rather than on libdispatch's worker pool,
    /// which, once it has run anything, wakes the process every second for as long as it lives:
    /// exitreadyd must sleep between evaluations (exitreadyd(8), and the idle target in BENCHMARKS.md). Call it first thing in `main`, before
    /// any task starts. False when another hook was installed already (the daemon works either way).
    ///
    /// This is the runtime's enqueue hook that `NIOSingletons` also sets, set here directly because
    /// NIO finds the hook with dlsym, which fails in a binary with the runtime linked statically.
    @discardableResult
    public static func runConcurrencyOnEventLoops() -> Bool {
        typealias Enqueue = @convention(thin) (UnownedJob) -> Void
        typealias Hook = @convention(thin) (UnownedJob, Enqueue) -> Void
        let hook: Hook = { job, _ in
            // any() stays on the current loop when called from one: no thread switch.
            MultiThreadedEventLoopGroup.singleton.any().enqueue(ExecutorJob(job))
        }
        guard let slot = exitready_enqueue_global_hook(), slot.pointee == nil else { return false }
        slot.pointee = unsafeBitCast(hook, to: UnsafeMutableRawPointer.self)
        return true
    }
}
