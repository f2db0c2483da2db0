import ExitReadiness

/// Reads `staff.csv` and `staff/*.csv` as one table, checking contract and successor references
/// and that each person appears once per contract.
struct StaffRegisterReader {
    /// Contract ids of the inventory (from the contract file names).
    let knownContracts: Set<String>

    private static let columns = [
        "contract", "person", "side", "role", "key", "successor", "knowledge_transfer", "joined", "left", "planned_leave",
    ]
    private static let table = CSVTable(columns: columns, required: ["contract", "person", "side", "key", "joined"])
    private enum Column {
        static let contract = 0, person = 1, side = 2, role = 3, key = 4, successor = 5
        static let knowledgeTransfer = 6, joined = 7, left = 8, plannedLeave = 9
    }

    private enum YesNo: String, CaseIterable {
        case yes, no
    }

    private struct PendingSuccessor {
        var contract: String
        var successor: String
        var location: Diagnostic
    }

    func read(_ sources: [CSVTable.Source], diagnostics: inout [Diagnostic]) -> [String: [StaffMember]] {
        var staff = ContractRegister<StaffMember>()
        var known = KnownContracts(knownContracts)
        var pending: [PendingSuccessor] = []
        for source in sources {
            Self.table.read(
                source, diagnostics: &diagnostics,
                claim: { row in
                    if let (contract, person) = row.uncheckedIdentity(contractColumn: Column.contract, idColumn: Column.person),
                        known.contains(contract)
                    {
                        _ = staff.claim(person, in: contract, at: .init(file: row.file, line: row.line))
                    }
                }
            ) { row in
                let errors = row.diagnostics.count
                // A person counts as registered (for duplicates and successors) even when other
                // cells of the row are wrong, so one mistake gives one error.
                let identity = row.identity(
                    contractColumn: Column.contract, idColumn: Column.person, idName: "person",
                    known: &known)
                if let (contract, person) = identity {
                    if let first = staff.claim(person, in: contract, at: .init(file: row.file, line: row.line)) {
                        var location = row.location(Column.person)
                        location.message =
                            "person \(quoted(person)) appears twice for contract \(contract) "
                            + "(first at \(first)); each person once per contract"
                        row.diagnostics.append(location)
                        return
                    }
                    if let successor = row.text(Column.successor), !staff.contains(successor, in: contract) {
                        var location = row.location(Column.successor)
                        location.message = "successor \(quoted(successor)) is not a person of contract \(contract)"
                        pending.append(PendingSuccessor(contract: contract, successor: successor, location: location))
                    }
                }
                guard let (contract, person) = identity, let member = member(from: &row, contract: contract, person: person),
                    row.diagnostics.count == errors
                else {
                    return
                }
                staff.append(member, to: contract)
            }
        }
        for reference in pending where !staff.contains(reference.successor, in: reference.contract) {
            diagnostics.append(reference.location)
        }
        return staff.finish()
    }

    /// The member described by the row's other cells.
    private func member(from row: inout CSVTable.Row, contract: String, person: String) -> StaffMember? {
        let errors = row.diagnostics.count
        let side = row.requiredEnumeration(Column.side, "side", as: StaffMember.Side.self)
        let key = row.requiredEnumeration(Column.key, "key", as: YesNo.self)
        let transfer = row.enumeration(Column.knowledgeTransfer, "knowledge_transfer", as: StaffMember.KnowledgeTransfer.self)
        let joined = row.requiredDate(Column.joined, "joined")
        let left = row.date(Column.left, "left")
        let plannedLeave = row.date(Column.plannedLeave, "planned_leave")
        guard row.diagnostics.count == errors, let side, let key, let transfer, let joined, let left, let plannedLeave else {
            return nil
        }
        return StaffMember(
            contract: contract, person: person, side: side, role: row.text(Column.role) ?? "",
            isKey: key == .yes, successor: row.text(Column.successor), knowledgeTransfer: transfer ?? .none,
            joined: joined, left: left, plannedLeave: plannedLeave)
    }
}
