import ExitReadiness

/// Why a value was rejected.
struct InvalidValue: Error {
    var reason: String
}

/// Every key of exitreadyd.conf, with how to read its value.
enum Setting: CaseIterable {
    case inventoryDirectory, checklist, dataroomRoot, database, socket, socketMode, interval, adminGroup
    case historyRetention, metricsFile, contractWeight, dataroomWeight, processesWeight, staffWeight, readyThreshold
    case atRiskThreshold, dropThreshold, noticeWindow, criticalNoticeWindow, forecastWindow

    static let sections = ["Inventory", "Dataroom", "Daemon", "Scoring", "Alerts", "Effort"]

    init?(section: String, key: String) {
        guard let setting = Setting.allCases.first(where: { $0.section == section && $0.key == key }) else { return nil }
        self = setting
    }

    var section: String {
        switch self {
        case .inventoryDirectory, .checklist: "Inventory"
        case .dataroomRoot: "Dataroom"
        case .database, .socket, .socketMode, .interval, .adminGroup, .historyRetention, .metricsFile: "Daemon"
        case .contractWeight, .dataroomWeight, .processesWeight, .staffWeight, .readyThreshold, .atRiskThreshold: "Scoring"
        case .dropThreshold, .noticeWindow, .criticalNoticeWindow, .forecastWindow: "Alerts"
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
        case .metricsFile: "MetricsFile"
        case .contractWeight: "ContractWeight"
        case .dataroomWeight: "DataroomWeight"
        case .processesWeight: "ProcessesWeight"
        case .staffWeight: "StaffWeight"
        case .readyThreshold: "ReadyThreshold"
        case .atRiskThreshold: "AtRiskThreshold"
        case .dropThreshold: "DropThreshold"
        case .noticeWindow: "NoticeWindow"
        case .criticalNoticeWindow: "CriticalNoticeWindow"
        case .forecastWindow: "ForecastWindow"
        }
    }

    /// Sets the value; an empty value restores the default.
    func apply(_ value: String, to configuration: inout DaemonConfiguration) throws(InvalidValue) {
        let defaults = DaemonConfiguration()
        switch self {
        case .inventoryDirectory:
            configuration.inventoryDirectory = value.isEmpty ? defaults.inventoryDirectory : try Self.path(value)
        case .checklist: configuration.checklist = value.isEmpty ? defaults.checklist : try Self.path(value)
        case .dataroomRoot: configuration.dataroomRoot = value.isEmpty ? defaults.dataroomRoot : try Self.path(value)
        case .database: configuration.database = value.isEmpty ? defaults.database : try Self.path(value)
        case .socket: configuration.socket = value.isEmpty ? defaults.socket : try Self.path(value)
        case .socketMode:
            guard !value.isEmpty else {
                configuration.socketMode = defaults.socketMode
                return
            }
            guard let mode = UInt32(value, radix: 8), mode <= 0o777 else {
                throw InvalidValue(reason: "expected an octal mode such as 0660")
            }
            configuration.socketMode = mode
        case .interval:
            guard !value.isEmpty else {
                configuration.interval = defaults.interval
                return
            }
            guard let seconds = SystemdDuration.seconds(value), seconds >= 1, seconds <= Self.maximumInterval else {
                throw InvalidValue(reason: "expected a duration from 1s to 7d, such as 15min or 1h")
            }
            configuration.interval = seconds
        case .adminGroup: configuration.adminGroup = value.isEmpty ? nil : value
        case .historyRetention:
            configuration.historyRetentionDays = value.isEmpty ? defaults.historyRetentionDays : try Self.days(value, minimum: 1)
        case .metricsFile: configuration.metricsFile = value.isEmpty ? nil : try Self.path(value)
        case .contractWeight:
            configuration.scoring.contractWeight = value.isEmpty ? defaults.scoring.contractWeight : try Self.weight(value)
        case .dataroomWeight:
            configuration.scoring.dataroomWeight = value.isEmpty ? defaults.scoring.dataroomWeight : try Self.weight(value)
        case .processesWeight:
            configuration.scoring.processesWeight = value.isEmpty ? defaults.scoring.processesWeight : try Self.weight(value)
        case .staffWeight:
            configuration.scoring.staffWeight = value.isEmpty ? defaults.scoring.staffWeight : try Self.weight(value)
        case .readyThreshold:
            configuration.scoring.readyThreshold = value.isEmpty ? defaults.scoring.readyThreshold : try Self.score(value)
        case .atRiskThreshold:
            configuration.scoring.atRiskThreshold = value.isEmpty ? defaults.scoring.atRiskThreshold : try Self.score(value)
        case .dropThreshold:
            configuration.dropThreshold = value.isEmpty ? defaults.dropThreshold : try Self.score(value)
        case .noticeWindow:
            configuration.scoring.noticeWindowDays =
                value.isEmpty ? defaults.scoring.noticeWindowDays : try Self.days(value, minimum: 0)
        case .criticalNoticeWindow:
            configuration.scoring.criticalNoticeWindowDays =
                value.isEmpty
                ? defaults.scoring.criticalNoticeWindowDays : try Self.days(value, minimum: 0)
        case .forecastWindow:
            configuration.forecastWindowDays =
                value.isEmpty
                ? defaults.forecastWindowDays : try Self.days(value, minimum: 0, maximum: ContractForecast.maximumHorizonDays)
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
    private static func days(_ value: String, minimum: Int, maximum: Int = 36_500) throws(InvalidValue) -> Int {
        guard let seconds = SystemdDuration.seconds(value) else {
            throw InvalidValue(reason: "expected a duration in days, such as 120d")
        }
        let days = seconds / 86_400
        guard days == days.rounded(), days >= Double(minimum), days <= Double(maximum) else {
            throw InvalidValue(
                reason: value.allSatisfy(\.isNumber)
                    ? "a bare number is seconds; write whole days, such as \(value)d"
                    : "expected whole days from \(minimum) to \(maximum), such as 120d")
        }
        return Int(days)
    }
}
