import Logging

/// A swift-log handler that writes each message as a structured journal entry: PRIORITY,
/// CODE_FILE/LINE/FUNC, SYSLOG_IDENTIFIER=exitreadyd, and the metadata as upper-case fields.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let identifier: String

    public init(identifier: String = "exitreadyd") {
        self.identifier = identifier
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(
        level: Logger.Level, message: Logger.Message, metadata explicit: Logger.Metadata?, source: String,
        file: String, function: String, line: UInt
    ) {
        var fields: [(String, String)] = [
            ("MESSAGE", message.description), ("PRIORITY", String(Self.priority(level))),
            ("SYSLOG_IDENTIFIER", identifier), ("CODE_FILE", file), ("CODE_LINE", String(line)), ("CODE_FUNC", function),
        ]
        let all = metadata.merging(explicit ?? [:]) { _, new in new }
        for (key, value) in all.sorted(by: { $0.key < $1.key }) {
            fields.append((Journal.fieldName(key), value.description))
        }
        Journal.send(fields)
    }

    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
