import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessDataroom
import ExitReadinessInventory
import ExitReadinessStore
import Logging
import Synchronization

/// One evaluation: read the inventory (keeping the last valid one when it has errors), rescan
/// the dataroom (keeping the last scan when the root is unreachable), score, decide the alerts,
/// and store evaluation, alerts and alert state in one transaction.
struct EvaluationCycle {
    let configuration: DaemonConfiguration
    let store: ExitReadyStore
    let logger: Logger
    let today: Day
    let health: EvaluatorHealth
    /// Stamps the evaluation and its alerts.
    let clock: WallClock

    /// What carries over from one cycle to the next.
    struct Memory {
        var inventory: Inventory?
        var checklist: Checklist?
        /// Revision of the files last read, valid or not.
        var readRevision: String?
        /// Revision of the inventory being scored.
        var validRevision: String?
        var errors: [Diagnostic] = []
        /// Warnings of the files last read (dates in the future): they do not stop scoring.
        var warnings: [Diagnostic] = []
        /// The day the files were last read: warnings compare dates with it.
        var readDay: Day?
        /// Warnings already logged, so that each is logged once.
        var loggedWarnings: Set<String> = []
        /// Problems already logged, so that a lasting condition is logged once, not per cycle.
        var loggedProblems: Set<String> = []
        /// Scan problems per contract folder at the last scan, logged when the count changes.
        var dataroomProblems: [String: Int] = [:]
    }

    struct Outcome {
        var snapshot: MonitorState.Snapshot?
        /// Stored, ready to send.
        var alerts: [AlertRecord] = []
        /// Nil when the scan could not say (the state stays as it was).
        var dataroom: DataroomState?
        /// Why nothing was stored, if so.
        var failure: String?
    }

    /// An inventory alert quotes at most this many errors; `exitreadyctl validate` lists all.
    static let inventoryErrorsQuoted = 3

    func run(memory: inout Memory) -> Outcome {
        let time = clock.now()
        var outcome = Outcome()
        readInventory(&memory)
        health.progressed()

        var state: AlertState
        do {
            state = try store.alertState()
        } catch {
            return fail("cannot read the alert state from \(store.path): \(error)", &outcome, &memory)
        }
        var conditionAlerts = inventoryAlerts(memory.errors, memory: memory, state: &state, at: time)
        conditionAlerts += scanDataroom(&outcome, memory: &memory, state: &state, at: time)
        // Stopping: store nothing of an evaluation that did not finish.
        guard health.progressed() else {
            outcome.failure = "stopped"
            return outcome
        }

        guard let inventory = memory.inventory, let checklist = memory.checklist else {
            outcome.failure = "no valid inventory yet"
            do {
                outcome.alerts = try store.recordAlerts(conditionAlerts, state: state, at: time)
            } catch {
                return fail("cannot store alerts in \(store.path): \(error)", &outcome, &memory)
            }
            return outcome
        }
        let evaluation: Evaluation
        do {
            let scorer = ContractScorer(
                policy: configuration.scoring, checklist: checklist, today: today,
                localDay: LocalCalendar.day(ofEpochSeconds:), effort: configuration.effort)
            let room = try CachedDataroom(store: store)
            // Forecasts as long as GetForecast may ask, for the forecast-drop alert and queries.
            evaluation = try PortfolioEvaluator(scorer: scorer, forecastDays: ContractForecast.maximumHorizonDays)
                .evaluate(inventory, dataroom: room)
        } catch {
            return fail("cannot read the scan cache in \(store.path): \(error)", &outcome, &memory)
        }
        health.progressed()
        let (scoreAlerts, newState) = AlertPolicy(
            dropThreshold: configuration.dropThreshold, forecastWindowDays: configuration.forecastWindowDays
        )
        .alerts(for: evaluation, state: state, at: time)
        do {
            let record = Self.record(evaluation, at: time, revision: memory.validRevision, dataroom: outcome.dataroom ?? .unknown)
            outcome.alerts = try store.recordEvaluation(record, alerts: conditionAlerts + scoreAlerts, state: newState).alerts
            try store.prune(before: time - Double(configuration.historyRetentionDays) * 86_400)
        } catch {
            return fail("cannot store the evaluation in \(store.path): \(error)", &outcome, &memory)
        }
        if memory.loggedProblems.remove("store") != nil {
            logger.notice("the database accepts writes again; evaluations are stored")
        }
        let stale = outcome.dataroom == .unreachable
        outcome.snapshot = MonitorState.Snapshot(
            evaluation: evaluation, evaluatedAt: time, dataroomStale: stale,
            dataroomScannedAt: stale ? try? store.lastCompletedScan() : nil)
        return outcome
    }

    /// Re-reads the inventory when its files changed (or the day did: warnings compare dates
    /// with it); keeps the last valid one on errors.
    private func readInventory(_ memory: inout Memory) {
        let revision = InventoryRevision.compute(directory: configuration.inventoryDirectory, checklist: configuration.checklist)
        guard revision != memory.readRevision || today != memory.readDay || memory.inventory == nil && memory.errors.isEmpty
        else { return }
        memory.readRevision = revision
        memory.readDay = today
        do {
            let checklist = try ChecklistReader().read(path: configuration.checklist)
            let result = try InventoryReader(today: today).readWithWarnings(directory: configuration.inventoryDirectory)
            memory.checklist = checklist
            memory.inventory = result.inventory
            memory.validRevision = revision
            memory.errors = []
            memory.warnings = result.warnings
            logger.info("inventory revision \(revision): \(result.inventory.contracts.count) contracts")
        } catch {
            memory.errors = error.diagnostics
            memory.warnings = error.warnings
            let consequence =
                memory.inventory == nil
                ? "nothing can be scored until it is fixed"
                : "scoring continues on revision \(memory.validRevision ?? "?")"
            logger.error("the inventory has \(error.diagnostics.count) error(s); \(consequence)")
        }
        logWarnings(&memory)
    }

    /// Logs each inventory warning once (a date in the future is almost always a typo; the
    /// score takes it as it is).
    private func logWarnings(_ memory: inout Memory) {
        for warning in memory.warnings {
            let line = Self.journalSafe(warning)
            if memory.loggedWarnings.insert(line).inserted { logger.warning("inventory: \(line)") }
        }
    }

    /// One alert when errors appear that were not alerted before: how many there are, how many
    /// are new, and the first of them (new ones first); one recovery alert when all are gone.
    private func inventoryAlerts(_ errors: [Diagnostic], memory: Memory, state: inout AlertState, at time: Double)
        -> [AlertRecord]
    {
        let kind = AlertKind.inventoryInvalid
        let previous = Set(state.conditions[kind]?.split(separator: "\n").map(String.init) ?? [])
        guard !errors.isEmpty else {
            guard state.conditions.removeValue(forKey: kind) != nil else { return [] }
            return [
                AlertRecord(
                    at: time, kind: .inventoryRecovered, priority: .info, scope: .portfolio,
                    message: "The inventory is valid again (revision \(memory.validRevision ?? "?"))")
            ]
        }
        let lines = errors.map(Self.journalSafe)
        state.conditions[kind] = lines.joined(separator: "\n")
        let fresh = lines.filter { !previous.contains($0) }
        guard !fresh.isEmpty else { return [] }
        return [
            AlertRecord(
                at: time, kind: kind, priority: .err, scope: .portfolio,
                message: Self.inventoryInvalidMessage(all: lines, fresh: fresh, validRevision: memory.validRevision))
        ]
    }

    /// `The inventory has 4 errors (2 new): A; B; C; and 1 more (exitreadyctl validate lists
    /// them all); scoring continues on the last valid inventory (revision R)`.
    static func inventoryInvalidMessage(all: [String], fresh: [String], validRevision: String?) -> String {
        let freshSet = Set(fresh)
        let quoted = (fresh + all.filter { !freshSet.contains($0) }).prefix(inventoryErrorsQuoted)
        var message = "The inventory has \(all.count) error\(all.count == 1 ? "" : "s")"
        if fresh.count < all.count { message += " (\(fresh.count) new)" }
        message += ": " + quoted.joined(separator: "; ")
        if all.count > quoted.count {
            message += "; and \(all.count - quoted.count) more (exitreadyctl validate lists them all)"
        }
        message +=
            validRevision.map { "; scoring continues on the last valid inventory (revision \($0))" }
            ?? "; nothing is scored until it is fixed"
        return message
    }

    /// An inventory problem as it may go to the journal: values quoted from the staff register
    /// and the action register (whose subjects may be person identifiers) are left out.
    static func journalSafe(_ diagnostic: Diagnostic) -> String {
        let file = diagnostic.file
        let namesPersons = ["/staff.csv", "/staff/", "/actions.csv", "/actions/"].contains { file.contains($0) }
        guard namesPersons else { return diagnostic.description }
        // Quoted values escape backslashes and quotes with a backslash (see `quoted`).
        var redacted = ""
        var inQuotes = false
        var escaped = false
        for character in diagnostic.message {
            if inQuotes {
                if escaped {
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == "\"" {
                    inQuotes = false
                }
            } else if character == "\"" {
                inQuotes = true
                redacted += "\"…\""
            } else {
                redacted.append(character)
            }
        }
        var copy = diagnostic
        copy.message = redacted
        return copy.description
    }

    /// Rescans the dataroom into the cache; an unreachable root keeps the last scan and alerts once.
    private func scanDataroom(
        _ outcome: inout Outcome, memory: inout Memory, state: inout AlertState,
        at time: Double
    ) -> [AlertRecord] {
        let kind = AlertKind.dataroomUnreachable
        do throws(DataroomScanner.Failure) {
            let report = try DataroomScanner(root: configuration.dataroomRoot, store: store)
                .scan(hash: true, progress: { [health] in health.progressed() })
            logDataroomProblems(report.problems, &memory)
            outcome.dataroom = .ok
            guard state.conditions.removeValue(forKey: kind) != nil else { return [] }
            return [
                AlertRecord(
                    at: time, kind: .dataroomRecovered, priority: .info, scope: .portfolio,
                    message: "The dataroom \(configuration.dataroomRoot) can be read again")
            ]
        } catch {
            switch error {
            case .cancelled:
                outcome.failure = "stopped"
                return []
            case .store(let cause):
                // The database failed, not the dataroom: one problem, reported once, with the others.
                if memory.loggedProblems.insert("store").inserted {
                    logger.error(
                        "the database \(store.path) does not take writes (scan cache: \(cause)); the last results keep being served"
                    )
                }
                return []
            case .root(let cause):
                outcome.dataroom = .unreachable
                let detail = cause.description
                guard state.conditions[kind] == nil else { return [] }
                state.conditions[kind] = detail
                return [
                    AlertRecord(
                        at: time, kind: kind, priority: .warning, scope: .portfolio,
                        message: "The dataroom cannot be read (\(detail)); dataroom scores are carried over from the "
                            + "last scan and marked stale")
                ]
            }
        }
    }

    private func fail(_ message: String, _ outcome: inout Outcome, _ memory: inout Memory) -> Outcome {
        if memory.loggedProblems.insert("store").inserted { logger.error("\(message); the last results keep being served") }
        outcome.failure = message
        return outcome
    }

    /// Logs scan problems as a count per contract folder, again only when the count changes:
    /// their paths name files of personnel and stay out of the journal.
    private func logDataroomProblems(_ problems: [ScanProblem], _ memory: inout Memory) {
        let counts = Dictionary(grouping: problems) { String($0.path.prefix { $0 != "/" }) }.mapValues(\.count)
        for (folder, count) in counts.sorted(by: { $0.key < $1.key }) where memory.dataroomProblems[folder] != count {
            logger.warning(
                """
                dataroom folder \(TerminalSafe.escape(folder)): \(count) file(s) or folder(s) could not be scanned; \
                exitreadyctl dataroom scan --dataroom \(configuration.dataroomRoot) --database /tmp/scan.db, \
                run as the daemon's user, lists them
                """)
        }
        memory.dataroomProblems = counts
    }

    /// The evaluation as stored in the history.
    static func record(_ evaluation: Evaluation, at time: Double, revision: String?, dataroom: DataroomState) -> EvaluationRecord
    {
        let findings = findingTexts(evaluation.contracts)
        return EvaluationRecord(
            evaluatedAt: time, day: evaluation.evaluated.iso, inventoryRevision: revision, dataroom: dataroom,
            portfolioScore: evaluation.portfolio.roundedScore, portfolioBand: evaluation.portfolio.band,
            weakest: evaluation.portfolio.weakest, activeContracts: evaluation.portfolio.activeContracts,
            contracts: zip(evaluation.contracts, findings).map { contract, findings in
                ContractRecord(
                    id: contract.id, status: contract.status, criticality: contract.criticality,
                    score: contract.roundedScore, band: contract.band,
                    families: [Family.contract, .dataroom, .processes, .staff].map {
                        roundHalfAwayFromZero(contract.families[$0], decimals: 1)
                    },
                    termEnd: contract.termEnd.iso, noticeDeadline: contract.noticeDeadline.iso,
                    findings: findings)
            })
    }

    /// Each contract's findings as stored (`ContractRecord.findings`), written on every core:
    /// half a million findings at ten thousand contracts.
    private static func findingTexts(_ contracts: [ContractScore]) -> [String] {
        let texts = Mutex([String](repeating: "", count: contracts.count))
        let chunk = 256
        ParallelWork.run(iterations: (contracts.count + chunk - 1) / chunk) { part in
            let range = part * chunk..<min((part + 1) * chunk, contracts.count)
            let written = contracts[range].map { JSONValue.array($0.findings.map(\.briefJSON)).serialized() }
            texts.withLock { $0.replaceSubrange(range, with: written) }
        }
        return texts.withLock { $0 }
    }
}
