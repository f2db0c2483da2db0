import ExitReadiness
import ExitReadinessStore
import Logging
import Synchronization

/// Sends stored alerts to the journal, one structured entry each, and marks them sent. Alerts
/// are stored before they are sent, so one that a crash left unsent goes out at the next start,
/// and one the journal refused goes out after the next evaluation.
final class AlertDelivery: Sendable {
    let store: ExitReadyStore
    let logger: Logger
    /// Without journald, alerts are logged to standard error instead.
    let toJournal: Bool
    /// On a terminal, alerts are also logged there, as plain lines, for the person watching.
    let echo: Bool
    /// Makes alert ids unique beyond this database (`<database id>-<alert number>`).
    let databaseID: String

    private struct Memory {
        /// Alerts this process sent whose marking failed: they are only marked again, never re-sent.
        var sentUnmarked: Set<Int64> = []
        /// A failure to read or mark alerts is logged once until it passes.
        var failing = false
    }

    private let memory = Mutex(Memory())

    init(store: ExitReadyStore, logger: Logger, toJournal: Bool, echo: Bool = false, databaseID: String) {
        self.store = store
        self.logger = logger
        self.toJournal = toJournal
        self.echo = echo
        self.databaseID = databaseID
    }

    /// Sends the alerts stored and not marked sent. At start (`afterCrash`) these may be in the
    /// journal already (a crash came between sending and marking): those the journal holds are
    /// only marked, so none is repeated. Later they are alerts the journal refused.
    func deliverPending(afterCrash: Bool) {
        let pending: [AlertRecord]
        do {
            pending = try store.unjournaledAlerts()
        } catch {
            failed("cannot read the alerts waiting to be sent: \(error)")
            return
        }
        guard !pending.isEmpty else { return }
        let sentUnmarked = memory.withLock { $0.sentUnmarked }
        var inJournal = Set(pending.compactMap(\.id).filter(sentUnmarked.contains))
        if afterCrash && toJournal {
            let present = Journal.present(field: "EXITREADY_ALERT_ID", values: pending.map(alertID)) ?? []
            inJournal.formUnion(pending.compactMap { alert in alert.id.flatMap { present.contains(alertID(alert)) ? $0 : nil } })
        }
        mark(Array(inJournal))
        deliver(pending.filter { alert in alert.id.map { !inJournal.contains($0) } ?? false })
    }

    func alertID(_ alert: AlertRecord) -> String {
        Self.alertID(alert, databaseID: databaseID)
    }

    /// `EXITREADY_ALERT_ID`, also the id GetAlerts shows: `<database id>-<alert number>`.
    static func alertID(_ alert: AlertRecord, databaseID: String) -> String {
        "\(databaseID)-\(alert.id ?? 0)"
    }

    /// Sends alerts and marks those the journal took.
    func deliver(_ alerts: [AlertRecord]) {
        var sent: [Int64] = []
        for alert in alerts {
            guard let id = alert.id else { continue }
            if toJournal {
                guard Journal.send(Self.fields(alert, id: alertID(alert))) else {
                    logger.error("the journal did not accept alert \(id); it will be sent again after the next evaluation")
                    continue
                }
            }
            if echo || !toJournal {
                logger.log(
                    level: Self.level(alert.priority), "alert \(alertID(alert)) \(alert.kind.rawValue): \(alert.message)",
                    metadata: [
                        "MESSAGE_ID": "\(alert.kind.messageID)", "EXITREADY_ALERT_ID": "\(alertID(alert))",
                    ])
            }
            sent.append(id)
        }
        mark(sent)
    }

    /// Marks alerts sent; when that fails, remembers them so that they are not sent twice.
    private func mark(_ ids: [Int64]) {
        guard !ids.isEmpty else { return }
        do {
            try store.markJournaled(ids)
            memory.withLock { memory in
                memory.sentUnmarked.subtract(ids)
                memory.failing = false
            }
        } catch {
            memory.withLock { $0.sentUnmarked.formUnion(ids) }
            failed("cannot mark alerts as sent: \(error)")
        }
    }

    private func failed(_ message: String) {
        let first = memory.withLock { memory in
            defer { memory.failing = true }
            return !memory.failing
        }
        if first { logger.error("\(message)") }
    }

    /// The journal entry of an alert: never a person identifier, only ids of contracts and codes.
    static func fields(_ alert: AlertRecord, id: String) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("MESSAGE", alert.message), ("PRIORITY", String(Journal.priority(alert.priority))),
            ("MESSAGE_ID", alert.kind.messageID), ("SYSLOG_IDENTIFIER", "exitreadyd"),
            ("EXITREADY_ALERT_ID", id), ("EXITREADY_KIND", alert.kind.rawValue), ("EXITREADY_SCOPE", alert.scope.rawValue),
        ]
        if let contract = alert.contract { fields.append(("EXITREADY_CONTRACT", contract)) }
        if let score = alert.score { fields.append(("EXITREADY_SCORE", DecimalText.score(score))) }
        if let previous = alert.previousScore { fields.append(("EXITREADY_PREVIOUS_SCORE", DecimalText.score(previous))) }
        if let band = alert.band { fields.append(("EXITREADY_BAND", band.rawValue)) }
        if let previous = alert.previousBand { fields.append(("EXITREADY_PREVIOUS_BAND", previous.rawValue)) }
        if !alert.findings.isEmpty { fields.append(("EXITREADY_FINDINGS", alert.findings.joined(separator: " "))) }
        if let action = alert.action { fields.append(("EXITREADY_ACTION", action)) }
        if let day = alert.forecastDate { fields.append(("EXITREADY_FORECAST_DATE", day.iso)) }
        return fields
    }

    static func level(_ priority: AlertPriority) -> Logger.Level {
        switch priority {
        case .emerg, .alert, .crit: .critical
        case .err: .error
        case .warning: .warning
        case .notice: .notice
        case .info, .debug: .info
        }
    }
}
