import Dispatch

/// glibc's malloc_trim(3): hands freed heap memory back to the system. Declared here because
/// the Glibc module does not import <malloc.h>.
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32

enum MemoryTrim {
    /// Returns what the allocator keeps of freed memory, e.g. after a flood of large messages.
    static func now() {
        _ = glibcMallocTrim(0)
    }

    /// Returns it soon, on a queue of its own, off the event loops (libdispatch's global queues
    /// would wake the daemon every second from then on; see `ParallelWork`).
    static func soon() {
        queue.async { now() }
    }

    private static let queue = DispatchQueue(label: "exitreadyd.memory-trim")
}
