import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a loop body on every core, like `DispatchQueue.concurrentPerform`, but on threads of its
/// own that end with the loop.
///
/// libdispatch's worker pool is avoided on purpose: once a pool worker has run anything, libdispatch
/// starts a timer that wakes the process every second for as long as it lives, and exitreadyd must
/// sleep between evaluations (exitreadyd(8), and the idle target in BENCHMARKS.md).
public enum ParallelWork {
    /// Calls `body` once for every index in `0..<iterations`, on up to `UsableCores.count` threads
    /// (the calling thread among them), and returns when every call has returned. Indices are
    /// handed out in order, one at a time.
    public static func run(iterations: Int, _ body: (Int) -> Void) {
        let threadCount = min(iterations, UsableCores.count)
        guard threadCount > 1 else {
            for index in 0..<max(0, iterations) { body(index) }
            return
        }
        withoutActuallyEscaping(body) { body in
            let loop = Loop(iterations: iterations, body: body)
            var threads: [pthread_t] = []
            for _ in 1..<threadCount {
                var thread = pthread_t()
                let context = Unmanaged.passRetained(loop).toOpaque()
                let started = pthread_create(
                    &thread, nil,
                    { context in
                        Unmanaged<Loop>.fromOpaque(context!).takeRetainedValue().drain()
                        return nil
                    }, context)
                if started == 0 {
                    threads.append(thread)
                } else {
                    // No thread: the ones there are, the calling one at least, take its share.
                    Unmanaged<Loop>.fromOpaque(context).release()
                }
            }
            loop.drain()
            for thread in threads { pthread_join(thread, nil) }
        }
    }

    /// The loop the threads share. `body` is only called while `run` waits for the threads to
    /// end, so it never outlives the call it came with.
    private final class Loop {
        let iterations: Int
        let body: (Int) -> Void
        let next = Atomic<Int>(0)

        init(iterations: Int, body: @escaping (Int) -> Void) {
            self.iterations = iterations
            self.body = body
        }

        func drain() {
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < iterations else { return }
                body(index)
            }
        }
    }
}
