#if canImport(Glibc)
import Glibc
#endif

/// A problem in a configuration file; exitreadyd refuses to start (exit status 78).
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when no line of the file is to blame (it cannot be read, or the values at
    /// fault are defaults).
    public var line: Int
    public var message: String

    /// `FILE:LINE: message`, or `FILE: message` without a line.
    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// Reads exitreadyd.conf and its drop-ins (`<file>.d/*.conf`, in lexical order, later wins),
/// systemd-style INI: `[Section]`, `Key=Value`, `#` and `;` comments; an empty value resets a
/// key to its default.
public enum ConfigurationLoader {
    /// The file exitreadyd reads without `--config`.
    public static let defaultPath = "/etc/exitready/exitreadyd.conf"

    /// The configuration from `path` and its drop-ins. A missing `path` means the defaults
    /// apply, unless `mustExist` (a file named on the command line), when it is an error.
    public static func load(path: String, mustExist: Bool = false) throws(ConfigurationError) -> DaemonConfiguration {
        var builder = Builder(mainFile: path)
        for file in [path] + dropIns(of: path) {
            guard let text = try readFile(file) else {
                if file == path && !mustExist { continue }
                throw ConfigurationError(file: file, line: 0, message: "cannot read: \(String(cString: strerror(ENOENT)))")
            }
            try builder.apply(text, file: file)
        }
        return try builder.finish()
    }

    /// The configuration of one file's text, on top of the defaults (for tools and fuzzing).
    public static func parse(_ text: String, file: String) throws(ConfigurationError) -> DaemonConfiguration {
        var builder = Builder(mainFile: file)
        try builder.apply(text, file: file)
        return try builder.finish()
    }

    /// `<path>.d/*.conf`, sorted.
    static func dropIns(of path: String) -> [String] {
        let directory = path + ".d"
        guard let handle = opendir(directory) else { return [] }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name.hasSuffix(".conf") && !name.hasPrefix(".") { names.append(name) }
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }.map { directory + "/" + $0 }
    }

    /// The text of a file, nil when there is none; a file that cannot be read (a directory, no
    /// permission) is an error.
    private static func readFile(_ path: String) throws(ConfigurationError) -> String? {
        func failure() -> ConfigurationError {
            ConfigurationError(file: path, line: 0, message: "cannot read: \(String(cString: strerror(errno)))")
        }
        guard let file = fopen(path, "r") else {
            if errno == ENOENT { return nil }
            throw failure()
        }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { break }
            bytes += buffer[0..<count]
        }
        // fopen opens a directory; reading it fails (EISDIR).
        if ferror(file) != 0 { throw failure() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Applies files one after another and checks the result.
    struct Builder {
        var configuration = DaemonConfiguration()
        /// The file named by an error about values that no file set.
        let mainFile: String
        /// Where each key was last set (`order` counts settings in reading order), for errors
        /// about combinations.
        var origins: [String: (file: String, line: Int, order: Int)] = [:]
        private var settings = 0

        init(mainFile: String) {
            self.mainFile = mainFile
        }

        /// The lines of a file: LF or CRLF ends a line. The text is split on Unicode scalars:
        /// as a Character, "\r\n" is not "\n", and a CRLF file would be one long line.
        static func lines(_ text: String) -> [String] {
            text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
        }

        mutating func apply(_ text: String, file: String) throws(ConfigurationError) {
            var section: String?
            for (index, rawLine) in Self.lines(text).enumerated() {
                let line = rawLine.trimmingWhitespace()
                let number = index + 1
                if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
                if line.hasPrefix("[") {
                    guard line.hasSuffix("]") else {
                        throw ConfigurationError(file: file, line: number, message: "a section header must end with ']'")
                    }
                    let name = String(line.dropFirst().dropLast())
                    guard Setting.sections.contains(name) else {
                        throw ConfigurationError(file: file, line: number, message: "unknown section [\(name)]; "
                            + "known sections: " + Setting.sections.map { "[\($0)]" }.joined(separator: " "))
                    }
                    section = name
                    continue
                }
                guard let equals = line.unicodeScalars.firstIndex(of: "=") else {
                    throw ConfigurationError(file: file, line: number, message: "expected Key=Value, found \"\(line)\"")
                }
                guard let section else {
                    throw ConfigurationError(file: file, line: number, message: "\"\(line)\" comes before any [Section]")
                }
                let key = String(line.unicodeScalars[..<equals]).trimmingWhitespace()
                let value = String(line.unicodeScalars[line.unicodeScalars.index(after: equals)...]).trimmingWhitespace()
                guard let setting = Setting(section: section, key: key) else {
                    let known = Setting.allCases.filter { $0.section == section }.map { $0.key + "=" }
                    throw ConfigurationError(file: file, line: number, message: "unknown key \(key)= in [\(section)]; "
                        + "known keys: " + known.joined(separator: " "))
                }
                do {
                    try setting.apply(value, to: &configuration)
                } catch {
                    throw ConfigurationError(file: file, line: number, message: "\(key)=\(value): \(error.reason)")
                }
                settings += 1
                origins[setting.key] = (file, number, settings)
            }
        }

        /// Checks what single values cannot show.
        func finish() throws(ConfigurationError) -> DaemonConfiguration {
            let scoring = configuration.scoring
            if scoring.totalWeight <= 0 {
                throw error(about: ["ContractWeight", "DataroomWeight", "ProcessesWeight", "StaffWeight"],
                            "the four weights add up to 0; at least one must be positive")
            }
            if scoring.atRiskThreshold > scoring.readyThreshold {
                throw error(about: ["AtRiskThreshold", "ReadyThreshold"], "AtRiskThreshold= (\(scoring.atRiskThreshold)) is above "
                    + "ReadyThreshold= (\(scoring.readyThreshold))")
            }
            if scoring.criticalNoticeWindowDays > scoring.noticeWindowDays {
                throw error(about: ["CriticalNoticeWindow", "NoticeWindow"], "CriticalNoticeWindow= is longer than NoticeWindow=")
            }
            return configuration
        }

        /// An error about a combination of keys, blamed on the line that set one of them last
        /// (the setting that made the combination wrong); when none was set (defaults only),
        /// on the main file without a line.
        private func error(about keys: [String], _ message: String) -> ConfigurationError {
            guard let origin = keys.compactMap({ origins[$0] }).max(by: { $0.order < $1.order }) else {
                return ConfigurationError(file: mainFile, line: 0, message: message)
            }
            return ConfigurationError(file: origin.file, line: origin.line, message: message)
        }
    }
}

/// Why a value was rejected.
struct InvalidValue: Error {
    var reason: String
}

/// Every key of exitreadyd.conf, with how to read its value.
enum Setting: CaseIterable {
    case inventoryDirectory, checklist, dataroomRoot, database, socket, socketMode, interval, adminGroup
    case historyRetention, contractWeight, dataroomWeight, processesWeight, staffWeight, readyThreshold
    case atRiskThreshold, dropThreshold, noticeWindow, criticalNoticeWindow

    static let sections = ["Inventory", "Dataroom", "Daemon", "Scoring", "Alerts"]

    init?(section: String, key: String) {
        guard let setting = Setting.allCases.first(where: { $0.section == section && $0.key == key }) else { return nil }
        self = setting
    }

    var section: String {
        switch self {
        case .inventoryDirectory, .checklist: "Inventory"
        case .dataroomRoot: "Dataroom"
        case .database, .socket, .socketMode, .interval, .adminGroup, .historyRetention: "Daemon"
        case .contractWeight, .dataroomWeight, .processesWeight, .staffWeight, .readyThreshold, .atRiskThreshold: "Scoring"
        case .dropThreshold, .noticeWindow, .criticalNoticeWindow: "Alerts"
        }
    }

    var key: String {
        switch self {
        case .inventoryDirectory: "Directory"
        case .checklist: "Checklist"
        case .dataroomRoot: "Root"
        case .database: "Database"
        case .socket: "Socket"
        case .socketMode: "SocketMode"
        case .interval: "Interval"
        case .adminGroup: "AdminGroup"
        case .historyRetention: "HistoryRetention"
        case .contractWeight: "ContractWeight"
        case .dataroomWeight: "DataroomWeight"
        case .processesWeight: "ProcessesWeight"
        case .staffWeight: "StaffWeight"
        case .readyThreshold: "ReadyThreshold"
        case .atRiskThreshold: "AtRiskThreshold"
        case .dropThreshold: "DropThreshold"
        case .noticeWindow: "NoticeWindow"
        case .criticalNoticeWindow: "CriticalNoticeWindow"
        }
    }

    /// Sets the value; an empty value restores the default.
    func apply(_ value: String, to configuration: inout DaemonConfiguration) throws(InvalidValue) {
        let defaults = DaemonConfiguration()
        switch self {
        case .inventoryDirectory: configuration.inventoryDirectory = value.isEmpty ? defaults.inventoryDirectory : try Self.path(value)
        case .checklist: configuration.checklist = value.isEmpty ? defaults.checklist : try Self.path(value)
        case .dataroomRoot: configuration.dataroomRoot = value.isEmpty ? defaults.dataroomRoot : try Self.path(value)
        case .database: configuration.database = value.isEmpty ? defaults.database : try Self.path(value)
        case .socket: configuration.socket = value.isEmpty ? defaults.socket : try Self.path(value)
        case .socketMode:
            guard !value.isEmpty else { return configuration.socketMode = defaults.socketMode }
            guard let mode = UInt32(value, radix: 8), mode <= 0o777 else {
                throw InvalidValue(reason: "expected an octal mode such as 0660")
            }
            configuration.socketMode = mode
        case .interval:
            guard !value.isEmpty else { return configuration.interval = defaults.interval }
            guard let seconds = SystemdDuration.seconds(value), seconds >= 1, seconds <= Self.maximumInterval else {
                throw InvalidValue(reason: "expected a duration from 1s to 7d, such as 15min or 1h")
            }
            configuration.interval = seconds
        case .adminGroup: configuration.adminGroup = value.isEmpty ? nil : value
        case .historyRetention:
            configuration.historyRetentionDays = value.isEmpty ? defaults.historyRetentionDays : try Self.days(value, minimum: 1)
        case .contractWeight: configuration.scoring.contractWeight = value.isEmpty ? defaults.scoring.contractWeight : try Self.weight(value)
        case .dataroomWeight: configuration.scoring.dataroomWeight = value.isEmpty ? defaults.scoring.dataroomWeight : try Self.weight(value)
        case .processesWeight:
            configuration.scoring.processesWeight = value.isEmpty ? defaults.scoring.processesWeight : try Self.weight(value)
        case .staffWeight: configuration.scoring.staffWeight = value.isEmpty ? defaults.scoring.staffWeight : try Self.weight(value)
        case .readyThreshold:
            configuration.scoring.readyThreshold = value.isEmpty ? defaults.scoring.readyThreshold : try Self.score(value)
        case .atRiskThreshold:
            configuration.scoring.atRiskThreshold = value.isEmpty ? defaults.scoring.atRiskThreshold : try Self.score(value)
        case .dropThreshold:
            configuration.dropThreshold = value.isEmpty ? defaults.dropThreshold : try Self.score(value)
        case .noticeWindow:
            configuration.scoring.noticeWindowDays = value.isEmpty ? defaults.scoring.noticeWindowDays : try Self.days(value, minimum: 0)
        case .criticalNoticeWindow:
            configuration.scoring.criticalNoticeWindowDays = value.isEmpty
                ? defaults.scoring.criticalNoticeWindowDays : try Self.days(value, minimum: 0)
        }
    }

    /// The longest Interval=: a week. Longer would leave notice deadlines and dataroom changes
    /// unseen for weeks (and the evaluator waits in whole milliseconds of an Int64).
    static let maximumInterval: Double = 7 * 86_400

    /// The largest family weight. Weights only count relative to each other; the bound keeps
    /// their sum, and a weight times a score, finite.
    static let maximumWeight: Double = 1_000_000

    private static func path(_ value: String) throws(InvalidValue) -> String {
        guard value.hasPrefix("/") else { throw InvalidValue(reason: "expected an absolute path") }
        return value
    }

    private static func weight(_ value: String) throws(InvalidValue) -> Double {
        guard let number = Double(value), number >= 0, number <= maximumWeight else {
            throw InvalidValue(reason: "expected a number from 0 to 1000000")
        }
        return number
    }

    private static func score(_ value: String) throws(InvalidValue) -> Double {
        guard let number = Double(value), number >= 0, number <= 100 else {
            throw InvalidValue(reason: "expected a number from 0 to 100")
        }
        return number
    }

    /// A duration that is a whole number of days (`120d`, `4w`).
    private static func days(_ value: String, minimum: Int) throws(InvalidValue) -> Int {
        guard let seconds = SystemdDuration.seconds(value) else {
            throw InvalidValue(reason: "expected a duration in days, such as 120d")
        }
        let days = seconds / 86_400
        guard days == days.rounded(), days >= Double(minimum), days <= 36_500 else {
            throw InvalidValue(reason: value.allSatisfy(\.isNumber)
                ? "a bare number is seconds; write whole days, such as \(value)d"
                : "expected whole days from \(minimum) to 36500, such as 120d")
        }
        return Int(days)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        String(drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed().drop { $0 == " " || $0 == "\t" || $0 == "\r" }.reversed())
    }
}
