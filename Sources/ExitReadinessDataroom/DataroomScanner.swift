import ExitReadiness
import ExitReadinessStore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Scans `<root>/<contract>/…` against the scan cache: a rescan only compares each file's size,
/// modification time and inode with the cache, records what was added, changed or removed, and
/// (when asked) hashes what is new or changed.
///
/// Contract folders are scanned on all cores; each folder is merged with the cache in key order
/// a chunk at a time, so memory stays flat however many files the room holds.
public struct DataroomScanner: Sendable {
    public let root: String
    public let store: ExitReadyStore
    /// Seconds since the epoch, now: when a scan begins and finishes.
    public let now: @Sendable () -> Double

    /// Files read from the cache, and changes written to it, per round trip.
    static let chunk = 4096

    public init(root: String, store: ExitReadyStore, now: @escaping @Sendable () -> Double = DataroomScanner.wallClock) {
        self.root = root
        self.store = store
        self.now = now
    }

    /// The system's wall clock, in seconds since the epoch.
    public static func wallClock() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// What a scan did.
    public struct Report: Sendable {
        public var scan: Int64
        public var totals: ScanTotals
        public var problems: [ScanProblem]
        /// Wall-clock seconds.
        public var duration: Double
    }

    public enum Failure: Error, CustomStringConvertible {
        /// The root is missing, not a directory or unreadable: nothing was scanned, the cache
        /// is untouched.
        case root(FileTreeWalker.RootError)
        case store(any Error)
        /// `progress` asked to stop (the daemon is shutting down).
        case cancelled

        public var description: String {
            switch self {
            case .root(let error): "cannot scan the dataroom: \(error)"
            case .store(let error): "cannot update the scan cache: \(error)"
            case .cancelled: "the scan was stopped"
            }
        }
    }

    /// Scans every contract folder, or only `contract`; hashes new and changed files when `hash`.
    /// `progress` is called as work gets done (the daemon's watchdog tells a long scan from a
    /// hang); when it returns false the scan stops early and throws `cancelled`. What was
    /// recorded so far stays valid: the next scan continues from it.
    public func scan(
        only contract: String? = nil, hash: Bool,
        progress: @escaping @Sendable () -> Bool = { true }
    ) throws(Failure) -> Report {
        let started = MonotonicClock.seconds()
        let present: [String]
        let cached: Set<String>
        do {
            present = try FileTreeWalker.subdirectories(of: root).filter {
                Contract.isValidID($0) && (contract == nil || $0 == contract)
            }
        } catch {
            throw .root(error)
        }
        do {
            cached = try store.cachedFolders()
            try checkReachable(present: present, cached: cached, whole: contract == nil)
        } catch let error as Failure {
            throw error
        } catch {
            throw .store(error)
        }
        do {
            let scan = try store.beginScan(root: root, at: now())
            var totals = ScanTotals()
            var problems: [ScanProblem] = []
            let gone = cached.subtracting(present).filter { contract == nil || $0 == contract }
            for folder in gone.sorted() { totals.removed += try store.removeFolder(folder, scan: scan) }
            for folder in present { try store.addFolder(folder) }
            try scanFolders(present, scan: scan, totals: &totals, problems: &problems, progress: progress)
            guard progress() else { throw Failure.cancelled }
            if hash {
                try FileHasher(root: root).hashPending(
                    in: store, only: contract, totals: &totals, problems: &problems,
                    progress: progress)
            }
            guard progress() else { throw Failure.cancelled }
            totals.problems = problems.count
            try store.recordProblems(problems.map { ($0.path, $0.message) }, scan: scan)
            try store.finishScan(scan, totals: totals, at: now())
            return Report(scan: scan, totals: totals, problems: problems, duration: MonotonicClock.seconds() - started)
        } catch let error as Failure {
            throw error
        } catch {
            throw .store(error)
        }
    }

    /// A share that is not mounted leaves its mount point: an empty directory, or one on the
    /// parent's file system. A share whose credentials expired, or whose permissions changed
    /// for all, lists its folders but opens none. Scanning either would report every contract
    /// without a folder; each is treated as an unreachable root instead, and the cache kept.
    private func checkReachable(present: [String], cached: Set<String>, whole: Bool) throws {
        if whole, !present.isEmpty, !present.contains(where: canOpen) {
            throw Failure.root(
                FileTreeWalker.RootError(
                    path: root,
                    message: "none of its \(present.count) contract folders can be opened "
                        + "(\(String(cString: strerror(errno)))); are the share's permissions or credentials right?",
                    isMissing: false))
        }
        if whole && present.isEmpty && !cached.isEmpty {
            throw Failure.root(
                FileTreeWalker.RootError(
                    path: root,
                    message: "it holds no contract folder but held \(cached.count) at the last scan; is the share mounted?",
                    isMissing: true))
        }
        var rootStatus = stat()
        var parentStatus = stat()
        guard stat(root, &rootStatus) == 0, stat(root + "/..", &parentStatus) == 0 else { return }
        let isMountPoint = rootStatus.st_dev != parentStatus.st_dev
        if try store.dataroomWasMountPoint(root) == true && !isMountPoint {
            throw Failure.root(
                FileTreeWalker.RootError(
                    path: root, message: "it was a mount point at the last scan and is not any more; is the share mounted?",
                    isMissing: true))
        }
        try store.setDataroomMountPoint(root, isMountPoint)
    }

    /// Whether the contract folder can be opened for listing.
    private func canOpen(_ folder: String) -> Bool {
        let descriptor = open(root + "/" + folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        close(descriptor)
        return true
    }

    /// Scans the folders on all cores, adding up what each found.
    private func scanFolders(
        _ folders: [String], scan: Int64, totals: inout ScanTotals,
        problems: inout [ScanProblem], progress: @escaping @Sendable () -> Bool
    ) throws {
        struct Shared {
            var next = 0
            var totals = ScanTotals()
            var problems: [ScanProblem] = []
            var failure: (any Error)?
        }
        let shared = Mutex(Shared())
        let workers = min(folders.count, UsableCores.count)
        ParallelWork.run(iterations: workers) { _ in
            while let index = shared.withLock({ state -> Int? in
                guard state.failure == nil, state.next < folders.count, progress() else { return nil }
                defer { state.next += 1 }
                return state.next
            }) {
                do {
                    let (found, folderProblems) = try scanFolder(folders[index], scan: scan, progress: progress)
                    shared.withLock { state in
                        state.totals.add(found)
                        state.problems += folderProblems
                    }
                } catch {
                    shared.withLock { $0.failure = $0.failure ?? error }
                }
            }
        }
        let result = shared.withLock { $0 }
        if let failure = result.failure { throw failure }
        totals.add(result.totals)
        problems += result.problems.sorted { $0.path < $1.path }
    }

    /// Merges one contract folder with its cache entries, both in key order.
    private func scanFolder(_ contract: String, scan: Int64, progress: () -> Bool) throws -> (ScanTotals, [ScanProblem]) {
        var totals = ScanTotals()
        var cache = CacheReader(store: store, contract: contract, scan: scan)
        var changes: [FileChange] = []
        var failure: (any Error)?
        func flush() {
            if !progress() { failure = failure ?? Failure.cancelled }
            guard failure == nil, !changes.isEmpty else { return }
            do { try store.apply(changes, contract: contract, scan: scan) } catch { failure = error }
            changes.removeAll(keepingCapacity: true)
        }
        func record(_ change: FileChange) {
            changes.append(change)
            switch change {
            case .added: totals.added += 1
            case .changed: totals.changed += 1
            case .modeChanged: totals.modeChanges += 1
            case .removed: totals.removed += 1
            }
            if changes.count >= Self.chunk { flush() }
        }

        let walked: [ScanProblem]
        do {
            walked = try FileTreeWalker.walk(root + "/" + contract, separator: 0, problemPrefix: contract + "/") { file in
                guard failure == nil else { return }
                totals.files += 1
                totals.bytes += file.size
                do {
                    while let cached = try cache.peek(), compareBytes(cached.key, file.path) < 0 {
                        record(.removed(key: cached.key))
                        cache.advance()
                    }
                    let entry = CachedFile(
                        key: file.path, size: file.size, modifiedNanoseconds: file.modifiedNanoseconds,
                        inode: file.inode, mode: file.mode)
                    if let cached = try cache.peek(), cached.key == file.path {
                        cache.advance()
                        if cached.size != file.size || cached.modifiedNanoseconds != file.modifiedNanoseconds
                            || cached.inode != file.inode
                        {
                            record(.changed(entry))
                        } else if cached.mode != file.mode {
                            record(.modeChanged(key: file.path, mode: file.mode))
                        }
                    } else {
                        record(.added(entry))
                    }
                } catch {
                    failure = error
                }
            }
        } catch {
            // The folder vanished or became unreadable after it was listed: keep its cache
            // entries rather than report every file removed, but score it as a plain walk
            // would, as having no folder.
            try store.markFolder(contract, readable: false)
            return (totals, [ScanProblem(path: contract, message: error.message)])
        }
        if failure == nil {
            do {
                while let cached = try cache.peek() {
                    record(.removed(key: cached.key))
                    cache.advance()
                }
            } catch {
                failure = error
            }
        }
        flush()
        if let failure { throw failure }
        try store.markFolder(contract, readable: true)
        return (totals, walked)
    }
}

/// Reads one contract's cache entries in key order, a chunk at a time.
private struct CacheReader {
    let store: ExitReadyStore
    let contract: String
    let scan: Int64
    private var buffer: [CachedFile] = []
    private var index = 0
    private var exhausted = false

    init(store: ExitReadyStore, contract: String, scan: Int64) {
        self.store = store
        self.contract = contract
        self.scan = scan
    }

    mutating func peek() throws -> CachedFile? {
        if index < buffer.count { return buffer[index] }
        guard !exhausted else { return nil }
        let after = buffer.last?.key
        buffer = try store.cachedFiles(of: contract, after: after, limit: DataroomScanner.chunk, excludingScan: scan)
        index = 0
        exhausted = buffer.count < DataroomScanner.chunk
        return buffer.first
    }

    mutating func advance() {
        index += 1
    }
}

/// Byte-wise three-way comparison (memcmp, then length).
func compareBytes(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
    let common = min(lhs.count, rhs.count)
    let order =
        common == 0
        ? 0
        : lhs.withUnsafeBufferPointer { l in
            rhs.withUnsafeBufferPointer { r in Int(memcmp(l.baseAddress!, r.baseAddress!, common)) }
        }
    return order != 0 ? order : lhs.count - rhs.count
}

extension ScanTotals {
    mutating func add(_ other: ScanTotals) {
        files += other.files
        bytes += other.bytes
        added += other.added
        changed += other.changed
        removed += other.removed
        modeChanges += other.modeChanges
        hashedFiles += other.hashedFiles
        hashedBytes += other.hashedBytes
        problems += other.problems
    }
}
