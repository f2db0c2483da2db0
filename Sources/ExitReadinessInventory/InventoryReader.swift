import ExitReadiness
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads an inventory directory (exitready-inventory(5)): `contracts/*.yaml`, `staff.csv` and
/// `staff/*.csv`, `processes.csv` and `processes/*.csv`, `actions.csv` and `actions/*.csv`.
///
/// Every file is read and every problem reported; the inventory is only returned when there are
/// none. Contract files are parsed on all cores, the registers alongside them.
///
/// Given the evaluation date, the reader also warns about dates of things done that lie after
/// it (`exit_plan.reviewed`, `exit_plan.tested`, `last_audit`, a process's `reviewed`): almost
/// always typos, but the inventory is still used as written.
public struct InventoryReader: Sendable {
    /// An inventory without errors, and the warnings about it.
    public struct ReadResult: Sendable {
        public var inventory: Inventory
        /// In file order, then line and column; each with severity `.warning`.
        public var warnings: [Diagnostic]
    }

    /// The evaluation date; nil checks no dates against it.
    public var today: Day?

    public init(today: Day? = nil) {
        self.today = today
    }

    /// The inventory; its warnings are left out (see `readWithWarnings`).
    public func read(directory: String) throws(InventoryErrors) -> Inventory {
        try readWithWarnings(directory: directory).inventory
    }

    /// The inventory and its warnings; on errors, the thrown `InventoryErrors` carries the
    /// warnings too.
    public func readWithWarnings(directory: String) throws(InventoryErrors) -> ReadResult {
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        var diagnostics: [Diagnostic] = []
        let contractsDirectory = base + "/contracts"
        let contractFiles: [String]
        do {
            _ = try DirectoryListing.names(in: base)
            contractFiles = try DirectoryListing.names(in: contractsDirectory)
        } catch {
            throw InventoryErrors([error])
        }
        var yamlFiles: [(path: String, id: String)] = []
        // Every file in contracts/ names a contract for the registers, even a misnamed one, so a
        // wrong extension gives one error rather than one per staff and process row.
        var known: Set<String> = []
        for name in contractFiles where !name.hasPrefix(".") {
            known.insert(name.split(separator: ".", maxSplits: 1).first.map(String.init) ?? name)
            let path = contractsDirectory + "/" + name
            if name.hasSuffix(".yaml"), name.count > 5 {
                yamlFiles.append((path, String(name.dropLast(5))))
            } else {
                diagnostics.append(
                    Diagnostic(
                        file: path, line: 1, column: 1,
                        message: "only contract files named <id>.yaml belong in contracts/"))
            }
        }
        if yamlFiles.isEmpty {
            diagnostics.append(
                Diagnostic(
                    file: contractsDirectory, line: 1, column: 1,
                    message: "the inventory has no contracts; add contracts/<id>.yaml files"))
        }
        let staffFiles = registerFiles(base, "staff", &diagnostics)
        let processFiles = registerFiles(base, "processes", &diagnostics)
        let actionFiles = registerFiles(base, "actions", &diagnostics)

        let parts = readInParallel(
            yamlFiles: yamlFiles, staffFiles: staffFiles, processFiles: processFiles, actionFiles: actionFiles, known: known)
        diagnostics += parts.diagnostics
        let warnings = diagnostics.filter { $0.severity == .warning }
        let errors = diagnostics.filter { $0.severity == .error }
        guard errors.isEmpty else { throw InventoryErrors(errors, warnings: warnings) }
        let inventory = Inventory(
            contracts: parts.contracts, staffByContract: parts.staff,
            processesByContract: parts.processes, actionsByContract: parts.actions)
        return ReadResult(inventory: inventory, warnings: warnings.sortedByPlace())
    }

    private struct Parts: Sendable {
        var contracts: [Contract] = []
        var staff: [String: [StaffMember]] = [:]
        var processes: [String: [ProcessRecord]] = [:]
        var actions: [String: [RegisteredAction]] = [:]
        /// Errors and warnings.
        var diagnostics: [Diagnostic] = []
    }

    private enum Job {
        case contracts(Range<Int>)
        case staff
        case processes
        case actions
    }

    private func readInParallel(
        yamlFiles: [(path: String, id: String)], staffFiles: [String], processFiles: [String], actionFiles: [String],
        known: Set<String>
    ) -> Parts {
        // The registers first (each is one job), then contract files in small chunks so that
        // the cores finish together.
        let chunk = max(1, min(256, yamlFiles.count / (4 * UsableCores.count)))
        let jobs: [Job] =
            [.staff, .processes, .actions]
            + stride(from: 0, to: yamlFiles.count, by: chunk).map { start in
                .contracts(start..<min(start + chunk, yamlFiles.count))
            }
        let results = Mutex(Parts())
        ParallelWork.run(iterations: jobs.count) { index in
            var part = Parts()
            switch jobs[index] {
            case .staff:
                part.staff = StaffRegisterReader(knownContracts: known).read(
                    staffFiles.map { .file($0) }, diagnostics: &part.diagnostics)
            case .processes:
                part.processes = ProcessRegisterReader(knownContracts: known, today: today).read(
                    processFiles.map { .file($0) }, diagnostics: &part.diagnostics)
            case .actions:
                part.actions = ActionRegisterReader(knownContracts: known).read(
                    actionFiles.map { .file($0) }, diagnostics: &part.diagnostics)
            case .contracts(let range):
                for (path, id) in yamlFiles[range] {
                    let fields = YAMLFieldReader(file: path)
                    let bytes: [UInt8]
                    do throws(Diagnostic) {
                        bytes = try TextFile.read(path)
                    } catch {
                        part.diagnostics.append(error)
                        continue
                    }
                    if let contract = ContractFileReader(expectedID: id, fields: fields, today: today).read(bytes) {
                        part.contracts.append(contract)
                    }
                    part.diagnostics += fields.diagnostics + fields.warnings
                }
            }
            results.withLock { total in
                total.contracts += part.contracts
                total.diagnostics += part.diagnostics
                if !part.staff.isEmpty { total.staff = part.staff }
                if !part.processes.isEmpty { total.processes = part.processes }
                if !part.actions.isEmpty { total.actions = part.actions }
            }
        }
        return results.withLock { $0 }
    }

    /// `<name>.csv` if present, then `<name>/*.csv` in name order.
    private func registerFiles(_ base: String, _ name: String, _ diagnostics: inout [Diagnostic]) -> [String] {
        var files: [String] = []
        let single = base + "/" + name + ".csv"
        if access(single, F_OK) == 0 { files.append(single) }
        let directory = base + "/" + name
        guard access(directory, F_OK) == 0 else { return files }
        do {
            for entry in try DirectoryListing.names(in: directory) where !entry.hasPrefix(".") {
                if entry.hasSuffix(".csv") {
                    files.append(directory + "/" + entry)
                } else {
                    diagnostics.append(
                        Diagnostic(
                            file: directory + "/" + entry, line: 1, column: 1,
                            message: "only *.csv files belong in \(name)/"))
                }
            }
        } catch {
            diagnostics.append(error)
        }
        return files
    }
}
