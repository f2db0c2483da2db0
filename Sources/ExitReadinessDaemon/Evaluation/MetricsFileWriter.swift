import Logging
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// Writes `MetricsFile=` so that a reader (node_exporter) sees the old or the new file, never a
/// part: a temporary file in the same directory, flushed, then renamed over it. A failure is
/// logged once per cause, not at every evaluation, and never stops the daemon.
final class MetricsFileWriter: Sendable {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let logger: Logger
    /// The failure last logged, until a write succeeds.
    private let lastFailure = Mutex<String?>(nil)

    init(logger: Logger) {
        self.logger = logger
    }

    /// Writes `text` to `path`, logging a new failure or the recovery from one.
    func write(_ text: String, to path: String) {
        do {
            try Self.replace(path, with: Array(text.utf8))
            let recovered = lastFailure.withLock { last in
                defer { last = nil }
                return last
            }
            if let failure = recovered {
                logger.notice("the metrics file \(path) is written again (it failed: \(failure))")
            }
        } catch {
            let message = error.description
            let isNew = lastFailure.withLock { last in
                defer { last = message }
                return last != message
            }
            if isNew { logger.error("cannot write the metrics file: \(message); the daemon keeps evaluating") }
        }
    }

    /// Mode of the file: metrics name no person, and node_exporter runs as another user.
    static let mode: mode_t = 0o644

    /// Writes a new file beside `path` (never `*.prom`, so node_exporter does not read it
    /// half-written), flushes it and renames it over `path`. The temporary name is random and
    /// created with O_EXCL|O_NOFOLLOW; on failure it is removed. Failures name `path`, not the
    /// random name, so that a lasting cause reads the same at every evaluation.
    static func replace(_ path: String, with bytes: [UInt8]) throws(Failure) {
        var generator = SystemRandomNumberGenerator()
        let temporary = path + ".tmp-" + String(generator.next() as UInt64, radix: 16)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw systemFailure("cannot create a temporary file beside \(path)") }
        do throws(Failure) {
            // The umask must not narrow the mode.
            guard fchmod(descriptor, mode) == 0 else {
                throw systemFailure("cannot set the mode of the temporary file beside \(path)")
            }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBufferPointer {
                    Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset)
                }
                if written < 0 && errno != EINTR { throw systemFailure("cannot write the temporary file beside \(path)") }
                offset += max(written, 0)
            }
            guard fsync(descriptor) == 0 else { throw systemFailure("cannot flush the temporary file beside \(path)") }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard close(descriptor) == 0 else {
            let failure = systemFailure("cannot close the temporary file beside \(path)")
            unlink(temporary)
            throw failure
        }
        guard rename(temporary, path) == 0 else {
            let failure = systemFailure("cannot rename the temporary file to \(path)")
            unlink(temporary)
            throw failure
        }
    }

    private static func systemFailure(_ what: String) -> Failure {
        Failure(description: "\(what): \(String(cString: strerror(errno)))")
    }
}
