#if canImport(Glibc)
    import Glibc
#endif

/// Walks a directory tree with `openat`/`readdir`/`fstatat`, never following a symbolic link.
///
/// Entries are visited depth first in byte order of their names, so the same tree always gives
/// the same sequence. Directories are opened relative to their parent's descriptor, so a rename
/// of an ancestor during the walk cannot redirect it elsewhere.
public enum FileTreeWalker {
    /// The root itself could not be walked; nothing below it was visited.
    public struct RootError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var message: String
        /// The path does not exist or is not a directory (as opposed to unreadable).
        public var isMissing: Bool
        public var description: String { "\(path): \(message)" }
    }

    /// How many directory levels below the root are entered. The walk keeps a descriptor open
    /// per level, so a hostile tree thousands of levels deep would otherwise use them all up.
    public static let maximumDepth = 256

    /// Visits every regular file below `root`; returns the problems met below the root.
    /// Directories deeper than `maximumDepth` levels are not entered; each is a problem.
    /// - Parameters:
    ///   - separator: joins the components of the paths handed to `visit`; the scan cache uses
    ///     a 0 byte so that path order and walk order agree.
    ///   - problemPrefix: prepended to relative paths in problems (e.g. the contract id).
    public static func walk(
        _ root: String, separator: UInt8 = UInt8(ascii: "/"), problemPrefix: String = "",
        visit: (ScannedFile) -> Void
    ) throws(RootError) -> [ScanProblem] {
        var problems: [ScanProblem] = []
        var stack = [try openRoot(root)]
        var status = stat()
        while !stack.isEmpty {
            let top = stack.count - 1
            guard stack[top].next < stack[top].entries.count else {
                close(stack[top].descriptor)
                stack.removeLast()
                continue
            }
            let entry = stack[top].entries[stack[top].next]
            stack[top].next += 1
            let descriptor = stack[top].descriptor
            let path = stack[top].prefix + entry.name.dropLast()
            func problem(_ message: String) {
                let shown = path.map { $0 == separator ? UInt8(ascii: "/") : $0 }
                problems.append(ScanProblem(path: problemPrefix + String(decoding: shown, as: UTF8.self), message: message))
            }

            var type = entry.type
            if type == UInt8(DT_LNK) { continue }
            if type != UInt8(DT_DIR) {
                let result = entry.name.withUnsafeBufferPointer { name in
                    name.withMemoryRebound(to: CChar.self) { fstatat(descriptor, $0.baseAddress!, &status, AT_SYMLINK_NOFOLLOW) }
                }
                guard result == 0 else {
                    problem(errno == ENOENT ? "vanished during the scan" : systemError())
                    continue
                }
                type = status.st_mode & S_IFMT == S_IFDIR ? UInt8(DT_DIR) : UInt8(DT_UNKNOWN)
                if status.st_mode & S_IFMT == S_IFREG {
                    visit(
                        ScannedFile(
                            path: path, size: Int64(status.st_size), modifiedNanoseconds: nanoseconds(status.st_mtim),
                            inode: UInt64(status.st_ino), mode: UInt32(status.st_mode)))
                    continue
                }
            }
            guard type == UInt8(DT_DIR) else { continue }  // sockets, fifos, devices, symlinks
            // The stack holds the root and every ancestor: its size is the level of `entry`.
            guard stack.count <= maximumDepth else {
                problem("more than \(maximumDepth) directory levels deep; not scanned")
                continue
            }
            let child = entry.name.withUnsafeBufferPointer { name in
                name.withMemoryRebound(to: CChar.self) {
                    openat(descriptor, $0.baseAddress!, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                }
            }
            guard child >= 0 else {
                // ELOOP/ENOTDIR: replaced by a symlink or a file since it was listed.
                if errno != ELOOP && errno != ENOTDIR { problem(errno == ENOENT ? "vanished during the scan" : systemError()) }
                continue
            }
            guard let frame = Frame(descriptor: child, prefix: path + [separator]) else {
                problem(systemError())
                close(child)
                continue
            }
            stack.append(frame)
        }
        return problems
    }

    /// A directory being walked: its descriptor and its entries, sorted.
    private struct Frame {
        var descriptor: Int32
        var prefix: [UInt8]
        /// Names keep their terminating NUL for the system calls (it sorts before every byte).
        var entries: [(name: [UInt8], type: UInt8)]
        var next = 0

        init?(descriptor: Int32, prefix: [UInt8]) {
            let listing = dup(descriptor)
            guard listing >= 0, let directory = fdopendir(listing) else {
                if listing >= 0 { close(listing) }
                return nil
            }
            defer { closedir(directory) }
            var entries: [(name: [UInt8], type: UInt8)] = []
            errno = 0
            while let entry = readdir(directory) {
                let (name, type) = withUnsafeBytes(of: entry.pointee.d_name) { raw -> ([UInt8], UInt8) in
                    let length = strlen(raw.baseAddress!.assumingMemoryBound(to: CChar.self))
                    return (Array(raw.prefix(length + 1)), entry.pointee.d_type)
                }
                if name == [46, 0] || name == [46, 46, 0] { continue }
                entries.append((name, type))
            }
            guard errno == 0 else { return nil }
            entries.sort { $0.name.lexicographicallyPrecedes($1.name) }
            self.descriptor = descriptor
            self.prefix = prefix
            self.entries = entries
        }
    }

    /// The names of the directories directly below `path` (not symlinks to directories), sorted.
    public static func subdirectories(of path: String) throws(RootError) -> [String] {
        let frame = try openRoot(path)
        defer { close(frame.descriptor) }
        var names: [String] = []
        var status = stat()
        for entry in frame.entries {
            var isDirectory = entry.type == UInt8(DT_DIR)
            if entry.type == UInt8(DT_UNKNOWN) {
                isDirectory =
                    entry.name.withUnsafeBufferPointer { name in
                        name.withMemoryRebound(to: CChar.self) {
                            fstatat(frame.descriptor, $0.baseAddress!, &status, AT_SYMLINK_NOFOLLOW) == 0
                        }
                    } && status.st_mode & S_IFMT == S_IFDIR
            }
            if isDirectory { names.append(String(decoding: entry.name.dropLast(), as: UTF8.self)) }
        }
        return names
    }

    /// Checks that `path` is a directory (not a symlink to one) that can be listed.
    public static func checkListable(_ path: String) throws(RootError) {
        close(try openRoot(path).descriptor)
    }

    private static func openRoot(_ path: String) throws(RootError) -> Frame {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            let notDirectory = errno == ELOOP || errno == ENOTDIR
            throw RootError(
                path: path, message: notDirectory ? "not a directory (symbolic links are not followed)" : systemError(),
                isMissing: notDirectory || errno == ENOENT)
        }
        guard let frame = Frame(descriptor: descriptor, prefix: []) else {
            let message = systemError()
            close(descriptor)
            throw RootError(path: path, message: message, isMissing: false)
        }
        return frame
    }

    static func systemError() -> String { String(cString: strerror(errno)) }

    /// A file time in nanoseconds since the epoch, clamped to what an Int64 holds (about the
    /// years 1678 to 2262): a file dated outside that range must not stop the scan.
    static func nanoseconds(_ time: timespec) -> Int64 {
        let (whole, overflow) = Int64(time.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return time.tv_sec < 0 ? .min : .max }
        let (sum, carry) = whole.addingReportingOverflow(Int64(time.tv_nsec))
        return carry ? .max : sum
    }
}
