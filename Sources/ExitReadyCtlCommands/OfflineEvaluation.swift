import ArgumentParser
import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessDataroom
import ExitReadinessInventory
import ExitReadinessProtocol
import ExitReadinessReport
import ExitReadinessStore
import ExitReadyCtlOnline

#if canImport(Glibc)
    import Glibc
#endif

/// Reads checklist, inventory and dataroom from disk and scores them; any input problem is
/// printed and ends the command with status 3. Warnings about the inventory are printed first.
/// The evaluation carries its provenance: the dataroom's digest only with a scan cache, whose
/// scan hashes what changed.
enum OfflineEvaluation {
    static func run(
        inventory: String, checklist: String, dataroom: String, database: String?, today: Day,
        policy: ScoringPolicy = ScoringPolicy(), effort: EffortTable = EffortTable(), forecastDays: Int? = nil
    ) throws -> Evaluation {
        let loadedChecklist: Checklist
        let loadedInventory: Inventory
        let revision = InventoryRevision.compute(directory: inventory, checklist: checklist)
        let evaluatedAt = UTCTime.rfc3339(Double(time(nil)))
        func provenance(_ dataroom: DataroomDigest?) -> Provenance {
            Provenance(
                exitready: ExitReadyVersion.current, policy: policy, evaluatedAt: evaluatedAt,
                inventorySHA256: revision.inventorySHA256, checklistSHA256: revision.checklistSHA256, dataroom: dataroom)
        }
        do {
            loadedChecklist = try ChecklistReader().read(path: checklist)
            let result = try InventoryReader(today: today).readWithWarnings(directory: inventory)
            for warning in result.warnings { Output.error(warning.description) }
            loadedInventory = result.inventory
        } catch {
            for diagnostic in (error.diagnostics + error.warnings).sortedByPlace() { Output.error(diagnostic.description) }
            Output.error(
                "exitreadyctl: \(error.diagnostics.count) error\(error.diagnostics.count == 1 ? "" : "s") "
                    + "in the inventory; nothing was evaluated (exitreadyctl validate lists them)")
            throw ExitCode(PluginStatus.unknown)
        }
        let scorer = ContractScorer(
            policy: policy, checklist: loadedChecklist, today: today,
            localDay: LocalCalendar.day(ofEpochSeconds:), effort: effort)
        let evaluator = PortfolioEvaluator(scorer: scorer, forecastDays: forecastDays)
        if let database {
            let (scored, digest) = try evaluateFromCache(
                loadedInventory, evaluator: evaluator, dataroom: dataroom, database: database)
            var evaluation = scored
            evaluation.provenance = provenance(digest)
            return evaluation
        }
        let room: DirectoryDataroom
        do {
            room = try DirectoryDataroom(root: dataroom)
        } catch {
            Output.error("exitreadyctl: cannot read the dataroom \(error)")
            throw ExitCode(PluginStatus.unknown)
        }
        var evaluation = evaluator.evaluate(loadedInventory, dataroom: room)
        evaluation.provenance = provenance(nil)
        warn(room.problems)
        return evaluation
    }

    /// The configuration of `--config FILE` (and its drop-ins), or the defaults without one; an
    /// invalid file is printed and ends the command with status 3.
    static func configuration(_ path: String?) throws -> DaemonConfiguration {
        guard let path else { return DaemonConfiguration() }
        do {
            return try ConfigurationLoader.load(path: path, mustExist: true)
        } catch {
            Output.error("exitreadyctl: \(TerminalSafe.escape(error.description))")
            throw ExitCode(PluginStatus.unknown)
        }
    }

    /// Rescans the dataroom into the scan cache (hashing what changed, for the dataroom's
    /// digest) and scores from the cache.
    private static func evaluateFromCache(
        _ inventory: Inventory, evaluator: PortfolioEvaluator, dataroom: String,
        database: String
    ) throws -> (Evaluation, DataroomDigest?) {
        let report: DataroomScanner.Report
        let evaluation: Evaluation
        let digest: DataroomDigest?
        do {
            let store = try ExitReadyStore(path: database)
            report = try DataroomScanner(root: dataroom, store: store).scan(hash: true)
            evaluation = try evaluator.evaluate(inventory, dataroom: try CachedDataroom(store: store))
            digest = try store.dataroomDigest()
        } catch {
            Output.error("exitreadyctl: \(error)")
            throw ExitCode(PluginStatus.unknown)
        }
        warn(report.problems)
        return (evaluation, digest)
    }

    /// One warning line per dataroom problem; the path comes from a file name, so even a newline
    /// in it is escaped.
    private static func warn(_ problems: [ScanProblem]) {
        for problem in problems {
            Output.error("exitreadyctl: warning: dataroom \(TerminalSafe.escape(problem.description))")
        }
    }
}
