import CSystemd
import ExitReadinessStore

#if canImport(Glibc)
    import Glibc
#endif

/// Structured entries for the systemd journal, sent with sd_journal_sendv.
public enum Journal {
    /// True when journald listens on this machine: alerts go to the journal.
    public static var isListening: Bool {
        access("/run/systemd/journal/socket", F_OK) == 0
    }

    /// True when log lines should go to the journal: journald listens and the daemon was not
    /// started on a terminal (there, the person watching reads them on standard error).
    public static var isAvailable: Bool {
        isListening && isatty(STDERR_FILENO) == 0
    }

    /// Sends one entry; fields are `NAME=value` (names upper case). Returns false when the
    /// journal did not take it.
    @discardableResult
    public static func send(_ fields: [(String, String)]) -> Bool {
        let entries = fields.map { Array("\($0.0)=\($0.1)".utf8) }
        var pointers: [UnsafeMutablePointer<UInt8>] = []
        defer { for pointer in pointers { pointer.deallocate() } }
        var vectors: [iovec] = entries.map { bytes in
            let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, bytes.count))
            pointer.initialize(from: bytes, count: bytes.count)
            pointers.append(pointer)
            return iovec(iov_base: UnsafeMutableRawPointer(pointer), iov_len: bytes.count)
        }
        return sd_journal_sendv(&vectors, Int32(vectors.count)) == 0
    }

    /// Which of `values` the local journal holds an entry with, for `field`; nil when the
    /// journal cannot be read (the daemon's user may not be allowed to: then it sees no entry
    /// at all). Opens the journal once for all values.
    public static func present(field: String, values: [String]) -> Set<String>? {
        var journal: OpaquePointer?
        guard sd_journal_open(&journal, Int32(SD_JOURNAL_LOCAL_ONLY)) >= 0, let journal else { return nil }
        defer { sd_journal_close(journal) }
        guard sd_journal_next(journal) > 0 else { return nil }
        var found: Set<String> = []
        for value in values {
            sd_journal_flush_matches(journal)
            let match = Array("\(field)=\(value)".utf8)
            guard match.withUnsafeBytes({ sd_journal_add_match(journal, $0.baseAddress, $0.count) }) >= 0,
                sd_journal_seek_head(journal) >= 0
            else { return nil }
            let next = sd_journal_next(journal)
            guard next >= 0 else { return nil }
            if next > 0 { found.insert(value) }
        }
        return found
    }

    /// syslog priority numbers.
    public static func priority(_ priority: AlertPriority) -> Int {
        switch priority {
        case .emerg: 0
        case .alert: 1
        case .crit: 2
        case .err: 3
        case .warning: 4
        case .notice: 5
        case .info: 6
        case .debug: 7
        }
    }

    /// A metadata key as a journal field name: upper case, `_` for anything but letters and digits.
    public static func fieldName(_ key: String) -> String {
        var name = String(key.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        while name.hasPrefix("_") { name.removeFirst() }
        return name.isEmpty ? "FIELD" : name
    }
}
