import Logging

#if canImport(Glibc)
    import Glibc
#endif

/// A swift-log handler for a daemon run by hand: one plain line per message on standard error,
/// `2026-12-06 09:15:02 warning: message`, local time. Metadata (journal fields such as
/// MESSAGE_ID) is left out: it is for the journal, where JournalLogHandler sends it as fields.
public struct TerminalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info

    public init() {}

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        var text = Self.line(level: level, message: message.description, at: time(nil))
        text.withUTF8 { _ = write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    /// The line for a message logged at `seconds` since the epoch, with its newline.
    static func line(level: Logger.Level, message: String, at seconds: time_t) -> String {
        var moment = seconds
        var parts = tm()
        localtime_r(&moment, &parts)
        var buffer = [CChar](repeating: 0, count: 32)
        let count = strftime(&buffer, buffer.count, "%Y-%m-%d %H:%M:%S", &parts)
        let stamp = String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "\(stamp) \(level.rawValue): \(message)\n"
    }
}
