import ExitReadiness
import ExitReadinessReport

#if canImport(Glibc)
    import Glibc
#endif

/// Writing to standard output and standard error.
package enum Output {
    package static func out(_ text: String) {
        write(text, to: STDOUT_FILENO)
    }

    package static func out(bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { write($0, to: STDOUT_FILENO) }
    }

    /// A JSON document in the style asked for (`JSONStyle`), with a final newline.
    package static func out(_ json: JSONValue) {
        var bytes = json.encoded(pretty: JSONStyle.current == .pretty)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBufferPointer { write($0, to: STDOUT_FILENO) }
    }

    /// The evaluation's full document in the style asked for, written as it is produced.
    package static func out(streaming evaluation: Evaluation) {
        var pending: [UInt8] = []
        evaluation.writeJSON(pretty: JSONStyle.current == .pretty) { bytes in
            pending.append(contentsOf: bytes)
            guard pending.count >= 1 << 20 else { return }
            out(bytes: pending)
            pending.removeAll(keepingCapacity: true)
        }
        pending.append(UInt8(ascii: "\n"))
        out(bytes: pending)
    }

    /// A message for people on standard error, with a final newline. Its lines stay lines; every
    /// other control character is escaped (`TerminalSafe`), since messages quote paths, file names
    /// and errors from outside. A newline inside a value must be escaped by the caller.
    package static func error(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TerminalSafe.escape(String($0)) }
        let safe = lines.joined(separator: "\n")
        write(safe.hasSuffix("\n") ? safe : safe + "\n", to: STDERR_FILENO)
    }

    /// Writes everything, retrying short writes and interruptions.
    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        text.withUTF8 { write($0, to: descriptor) }
    }

    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

extension Output {
    /// Ends the process once the output is written, without first releasing the inventory and
    /// evaluation piece by piece: with ten thousand contracts that teardown alone took a tenth
    /// of the run. Output is written with write(2), so nothing is left buffered.
    package static func finish(status: Int32) -> Never {
        exit(status)
    }
}

/// Monitoring-plugin exit statuses.
package enum PluginStatus {
    /// Invalid input, unreadable paths, daemon unreachable.
    package static let unknown: Int32 = 3
}
