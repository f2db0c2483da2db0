#if canImport(Glibc)
    import Glibc
#endif

/// Writing a file so that readers see the old or the new content, never a part.
enum AtomicFile {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Attempts at finding an unused temporary name before giving up.
    private static let attempts = 100

    /// Writes to a new temporary file beside `path`, flushes it, renames it over `path` and
    /// flushes the directory. The file gets mode 0640 less the umask: a manifest lists personnel
    /// file names, so it is not for everyone.
    ///
    /// The temporary name is random and created with O_EXCL|O_NOFOLLOW, so a symbolic link
    /// planted in a shared directory is never followed; on failure it is removed.
    static func write(_ bytes: [UInt8], to path: String) throws {
        let (descriptor, temporary) = try create(beside: path)
        do {
            try writeAll(bytes, to: descriptor)
            guard fsync(descriptor) == 0 else { throw systemFailure("cannot flush \(temporary)") }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        close(descriptor)
        guard rename(temporary, path) == 0 else {
            let failure = systemFailure("cannot rename \(temporary)")
            unlink(temporary)
            throw failure
        }
        try syncDirectory(of: path)
    }

    /// Creates a temporary file with an unpredictable name beside `path`.
    private static func create(beside path: String) throws -> (Int32, String) {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<attempts {
            let temporary = path + ".tmp-" + String(generator.next() as UInt64, radix: 16)
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o640)
            if descriptor >= 0 { return (descriptor, temporary) }
            guard errno == EEXIST else { throw systemFailure("cannot create \(temporary)") }
        }
        throw Failure(description: "cannot create a temporary file beside \(path): every name tried exists")
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBufferPointer {
                Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw systemFailure("cannot write")
            }
            offset += written
        }
    }

    /// Flushes the directory holding `path`, so that the rename survives a crash.
    private static func syncDirectory(of path: String) throws {
        let directory = path.lastIndex(of: "/").map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw systemFailure("cannot open \(directory)") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw systemFailure("cannot flush \(directory)") }
    }

    /// A failure naming what was done and the current errno.
    private static func systemFailure(_ what: String) -> Failure {
        Failure(description: "\(what): \(String(cString: strerror(errno)))")
    }
}
