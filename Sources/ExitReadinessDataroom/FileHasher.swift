import Crypto
import ExitReadiness
import ExitReadinessStore
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// SHA-256 of dataroom files: streamed in bounded chunks (files of many GiB), spread over all
/// cores, and only stored when the file is still what the scan cache recorded, before and after
/// reading it.
struct FileHasher: Sendable {
    let root: String

    /// Bytes read per system call; also the memory each core uses.
    static let bufferSize = 1 << 20
    /// Files fetched from the cache per round.
    static let batch = 512

    /// Hashes every cached file that has no hash yet (or only those of one contract).
    func hashPending(
        in store: ExitReadyStore, only contract: String?, totals: inout ScanTotals,
        problems: inout [ScanProblem], progress: @Sendable () -> Bool = { true }
    ) throws {
        var position: (contract: String, key: [UInt8])?
        while true {
            let requests = try store.unhashedFiles(after: position, only: contract, limit: Self.batch)
            guard let last = requests.last else { return }
            position = (last.contract, last.file.key)
            guard progress() else { return }
            let (hashes, found) = hashAll(requests, progress: progress)
            try store.storeHashes(hashes)
            totals.hashedFiles += hashes.count
            totals.hashedBytes += hashes.reduce(0) { $0 + $1.file.size }
            problems += found
        }
    }

    /// Hashes the files on all cores; stops early (leaving the rest unhashed) when `progress`
    /// returns false.
    func hashAll(_ requests: [HashRequest], progress: @Sendable () -> Bool = { true })
        -> ([(contract: String, file: CachedFile, sha256: [UInt8])], [ScanProblem])
    {
        struct Shared {
            var next = 0
            var hashes: [(contract: String, file: CachedFile, sha256: [UInt8])] = []
            var problems: [ScanProblem] = []
        }
        let shared = Mutex(Shared())
        let workers = min(requests.count, UsableCores.count)
        ParallelWork.run(iterations: workers) { _ in
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.bufferSize, alignment: 4096)
            defer { buffer.deallocate() }
            while let index = shared.withLock({ state -> Int? in
                guard state.next < requests.count else { return nil }
                defer { state.next += 1 }
                return state.next
            }) {
                let request = requests[index]
                guard let result = hash(request, buffer: buffer, progress: progress) else { continue }
                shared.withLock { state in
                    switch result {
                    case .success(let sha256): state.hashes.append((request.contract, request.file, sha256))
                    case .failure(let problem): state.problems.append(problem)
                    }
                }
            }
        }
        return shared.withLock { ($0.hashes, $0.problems) }
    }

    /// The file's hash, a problem, or nil when stopped midway.
    private func hash(
        _ request: HashRequest, buffer: UnsafeMutableRawBufferPointer,
        progress: () -> Bool
    ) -> Result<[UInt8], ScanProblem>? {
        let components = request.file.key.split(separator: 0, omittingEmptySubsequences: false).map(Array.init)
        let shown = request.contract + "/" + components.map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/")
        func problem(_ message: String) -> Result<[UInt8], ScanProblem> { .failure(ScanProblem(path: shown, message: message)) }

        let descriptor: Int32
        switch SafeOpen.file(root: root, components: [Array(request.contract.utf8)] + components) {
        case .success(let opened): descriptor = opened
        case .failure(.notRegular): return problem("is not a regular file any more; the next scan will drop it")
        case .failure(.system(let code)):
            return problem(code == ENOENT ? "vanished before it was hashed" : "cannot open: \(String(cString: strerror(code)))")
        }
        defer { close(descriptor) }
        guard let before = SafeOpen.identity(descriptor), before == Identity(request.file) else {
            return problem("changed since the scan; it will be hashed after the next scan")
        }
        _ = posix_fadvise(descriptor, 0, 0, Int32(POSIX_FADV_SEQUENTIAL))
        var hasher = SHA256()
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                return problem("cannot read: \(FileTreeWalker.systemError())")
            }
            if count == 0 { break }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[0..<count]))
            guard progress() else { return nil }
        }
        guard let after = SafeOpen.identity(descriptor), after == before else {
            return problem("changed while it was hashed; it will be hashed after the next scan")
        }
        return .success(Array(hasher.finalize()))
    }
}
