import ExitReadiness

/// Reads `processes.csv` and `processes/*.csv` as one table, checking contract references and
/// that each process id appears once per contract.
struct ProcessRegisterReader {
    /// Contract ids of the inventory (from the contract file names).
    let knownContracts: Set<String>
    /// The evaluation date: a `reviewed` date after it gets a warning; nil checks nothing.
    var today: Day?

    private static let columns = [
        "contract", "process", "name", "kind", "owner", "document", "necessary", "standardizable", "transferable",
        "reviewed",
    ]
    private static let table = CSVTable(columns: columns, required: ["contract", "process", "name", "kind"])
    private enum Column {
        static let contract = 0, process = 1, name = 2, kind = 3, owner = 4, document = 5
        static let necessary = 6, standardizable = 7, transferable = 8, reviewed = 9
    }

    func read(_ sources: [CSVTable.Source], diagnostics: inout [Diagnostic]) -> [String: [ProcessRecord]] {
        var processes = ContractRegister<ProcessRecord>()
        var known = KnownContracts(knownContracts)
        for source in sources {
            Self.table.read(
                source, diagnostics: &diagnostics,
                claim: { row in
                    if let (contract, process) = row.uncheckedIdentity(contractColumn: Column.contract, idColumn: Column.process),
                        known.contains(contract)
                    {
                        _ = processes.claim(process, in: contract, at: .init(file: row.file, line: row.line))
                    }
                }
            ) { row in
                let errors = row.diagnostics.count
                // A process id counts as taken even when other cells of its row are wrong.
                let identity = row.identity(
                    contractColumn: Column.contract, idColumn: Column.process, idName: "process",
                    known: &known)
                if let (contract, process) = identity,
                    let first = processes.claim(process, in: contract, at: .init(file: row.file, line: row.line))
                {
                    var location = row.location(Column.process)
                    location.message =
                        "process \(quoted(process)) appears twice for contract \(contract) "
                        + "(first at \(first)); each process id once per contract"
                    row.diagnostics.append(location)
                    return
                }
                guard let (contract, process) = identity, let record = record(from: &row, contract: contract, process: process),
                    row.diagnostics.count == errors
                else {
                    return
                }
                processes.append(record, to: contract)
            }
        }
        return processes.finish()
    }

    /// The process described by the row's other cells.
    private func record(from row: inout CSVTable.Row, contract: String, process: String) -> ProcessRecord? {
        let errors = row.diagnostics.count
        let name = row.required(Column.name, "name")
        let kind = row.requiredEnumeration(Column.kind, "kind", as: ProcessRecord.Kind.self)
        let document = row.text(Column.document)
        if let document, let problem = InventoryRules.documentPathProblem(document, key: "document") {
            row.report(row.field(Column.document)!, problem)
        }
        let answers = ["yes", "no", "unknown"]
        let necessary = row.enumeration(Column.necessary, "necessary", as: ProcessRecord.Answer.self, allowed: answers)
        let standardizable = row.enumeration(
            Column.standardizable, "standardizable", as: ProcessRecord.Answer.self, allowed: answers)
        let transferable = row.enumeration(Column.transferable, "transferable", as: ProcessRecord.Answer.self, allowed: answers)
        let reviewed = row.date(Column.reviewed, "reviewed")
        guard row.diagnostics.count == errors, let name, let kind,
            let necessary, let standardizable, let transferable, let reviewed
        else { return nil }
        if let today, let day = reviewed, let warning = InventoryRules.futureDateWarning(day, key: "reviewed", today: today) {
            row.warn(row.field(Column.reviewed)!, warning)
        }
        return ProcessRecord(
            contract: contract, process: process, name: name, kind: kind,
            owner: row.text(Column.owner) ?? "", document: document,
            necessary: necessary ?? .unknown, standardizable: standardizable ?? .unknown,
            transferable: transferable ?? .unknown, reviewed: reviewed)
    }
}
