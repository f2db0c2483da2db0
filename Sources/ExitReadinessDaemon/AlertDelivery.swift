import ExitReadiness
import ExitReadinessStore
import Logging

/// Sends stored alerts to the journal, one structured entry each, and marks them sent. Alerts
/// are stored before they are sent, so one that a crash left unsent goes out at the next start.
struct AlertDelivery: Sendable {
    let store: ExitReadyStore
    let logger: Logger
    /// Without journald (tests, a terminal), alerts are logged to standard error instead.
    let toJournal: Bool
    /// Makes alert ids unique beyond this database (`<database id>-<alert number>`).
    let databaseID: String

    /// Sends alerts stored earlier but never confirmed sent: a crash came after storing them.
    /// One the journal already holds (the crash came between sending and marking) is only
    /// marked, so it is not repeated.
    func deliverPending() {
        do {
            let pending = try store.unjournaledAlerts()
            let already = pending.filter { alert in
                toJournal && Journal.contains(field: "EXITREADY_ALERT_ID", value: alertID(alert)) == true
            }
            try store.markJournaled(already.compactMap(\.id))
            deliver(pending.filter { !already.contains($0) })
        } catch {
            logger.error("cannot read pending alerts: \(error)")
        }
    }

    func alertID(_ alert: AlertRecord) -> String {
        "\(databaseID)-\(alert.id ?? 0)"
    }

    func deliver(_ alerts: [AlertRecord]) {
        var sent: [Int64] = []
        for alert in alerts {
            guard let id = alert.id else { continue }
            if toJournal {
                guard Journal.send(Self.fields(alert, id: alertID(alert))) else {
                    logger.error("the journal did not accept alert \(id); it will be sent again at the next evaluation")
                    continue
                }
            } else {
                logger.log(level: Self.level(alert.priority), "\(alert.message)", metadata: [
                    "MESSAGE_ID": "\(AlertKind(rawValue: alert.kind)?.messageID ?? "")", "EXITREADY_ALERT_ID": "\(alertID(alert))",
                ])
            }
            sent.append(id)
        }
        do {
            try store.markJournaled(sent)
        } catch {
            logger.error("cannot mark alerts as sent: \(error)")
        }
    }

    /// The journal entry of an alert: never a person identifier, only ids of contracts and codes.
    static func fields(_ alert: AlertRecord, id: String) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("MESSAGE", alert.message), ("PRIORITY", String(Journal.priority(alert.priority))),
            ("MESSAGE_ID", AlertKind(rawValue: alert.kind)?.messageID ?? ""), ("SYSLOG_IDENTIFIER", "exitreadyd"),
            ("EXITREADY_ALERT_ID", id), ("EXITREADY_KIND", alert.kind), ("EXITREADY_SCOPE", alert.scope),
        ]
        if let contract = alert.contract { fields.append(("EXITREADY_CONTRACT", contract)) }
        if let score = alert.score { fields.append(("EXITREADY_SCORE", DecimalText.score(score))) }
        if let previous = alert.previousScore { fields.append(("EXITREADY_PREVIOUS_SCORE", DecimalText.score(previous))) }
        if let band = alert.band { fields.append(("EXITREADY_BAND", band)) }
        if let previous = alert.previousBand { fields.append(("EXITREADY_PREVIOUS_BAND", previous)) }
        if !alert.findings.isEmpty { fields.append(("EXITREADY_FINDINGS", alert.findings.joined(separator: " "))) }
        return fields
    }

    static func level(_ priority: String) -> Logger.Level {
        switch priority {
        case "emerg", "alert", "crit": .critical
        case "err": .error
        case "warning": .warning
        case "notice": .notice
        default: .info
        }
    }
}
