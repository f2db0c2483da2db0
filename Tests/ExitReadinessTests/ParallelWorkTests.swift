import Synchronization
import Testing

@testable import ExitReadiness

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Parallel loops")
struct ParallelWorkTests {
    @Test(arguments: [0, 1, 2, 3, 1000])
    func callsTheBodyOnceForEveryIndex(_ iterations: Int) {
        let seen = Mutex([Int](repeating: 0, count: iterations))
        ParallelWork.run(iterations: iterations) { index in
            seen.withLock { $0[index] += 1 }
        }
        #expect(seen.withLock { $0 } == [Int](repeating: 1, count: iterations))
    }

    @Test func usesMoreThanOneThreadWhenThereAreCores() throws {
        try #require(UsableCores.count > 1, "a single core runs the loop on the calling thread")
        let threads = Mutex(Set<UInt>())
        let waiting = Atomic<Int>(0)
        // Each call waits (up to 10 s) until the other has started: on one thread they would
        // run one after the other.
        ParallelWork.run(iterations: 2) { _ in
            threads.withLock { _ = $0.insert(UInt(pthread_self())) }
            waiting.add(1, ordering: .relaxed)
            let deadline = MonotonicClock.seconds() + 10
            while waiting.load(ordering: .relaxed) < 2 && MonotonicClock.seconds() < deadline { sched_yield() }
        }
        #expect(threads.withLock { $0.count } == 2)
    }

    @Test func returnsOnlyWhenEveryCallHasReturned() {
        let finished = Atomic<Int>(0)
        ParallelWork.run(iterations: 64) { _ in
            usleep(1000)
            finished.add(1, ordering: .relaxed)
        }
        #expect(finished.load(ordering: .relaxed) == 64)
    }
}
