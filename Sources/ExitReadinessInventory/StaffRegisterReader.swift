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

    private struct PendingSuccessor {
        var contract: String
        var successor: String
        var location: Diagnostic
    }

    func read(files: [String], diagnostics: inout [Diagnostic]) -> [String: [StaffMember]] {
        var staff: [String: [StaffMember]] = [:]
        var firstSeen = FirstOccurrences()
        var pending: [PendingSuccessor] = []
        for path in files {
            Self.table.read(path: path, diagnostics: &diagnostics) { row in
                let errors = row.diagnostics.count
                // A person counts as registered (for duplicates and successors) even when other
                // cells of the row are wrong, so one mistake gives one error.
                let identity = row.identity(contractColumn: Column.contract, idColumn: Column.person, idName: "person",
                                            known: knownContracts)
                if let (contract, person) = identity {
                    if let first = firstSeen.claim(contract: contract, id: person, place: .init(file: row.file, line: row.line)) {
                        var location = row.location(Column.person)
                        location.message = "person \(quoted(person)) appears twice for contract \(contract) "
                            + "(first at \(first)); each person once per contract"
                        row.diagnostics.append(location)
                        return
                    }
                    if let successor = row.text(Column.successor), !firstSeen.contains(contract: contract, id: successor) {
                        var location = row.location(Column.successor)
                        location.message = "successor \(quoted(successor)) is not a person of contract \(contract)"
                        pending.append(PendingSuccessor(contract: contract, successor: successor, location: location))
                    }
                }
                guard let contract = identity?.contract, let member = member(from: &row), row.diagnostics.count == errors else {
                    return
                }
                staff[contract, default: []].append(member)
            }
        }
        for reference in pending where !firstSeen.contains(contract: reference.contract, id: reference.successor) {
            diagnostics.append(reference.location)
        }
        return staff
    }

    /// The member described by the row's other cells (contract and person are taken as read).
    private func member(from row: inout CSVTable.Row) -> StaffMember? {
        let errors = row.diagnostics.count
        let side = row.required(Column.side, "side") != nil ? row.enumeration(Column.side, "side", as: StaffMember.Side.self) : nil
        let key: Bool?
        switch row.required(Column.key, "key") {
        case "yes": key = true
        case "no": key = false
        case nil: key = nil
        case let other?:
            row.report(row.field(Column.key)!, "key: \(quoted(other)) is not allowed; expected yes or no")
            key = nil
        }
        let transfer = row.enumeration(Column.knowledgeTransfer, "knowledge_transfer", as: StaffMember.KnowledgeTransfer.self)
        let joined = row.required(Column.joined, "joined") != nil ? row.date(Column.joined, "joined") : nil
        let left = row.date(Column.left, "left")
        let plannedLeave = row.date(Column.plannedLeave, "planned_leave")
        guard row.diagnostics.count == errors, let contract = row.text(Column.contract), let person = row.text(Column.person),
              let side = side ?? nil, let key, let transfer, let joined = joined ?? nil, let left, let plannedLeave else {
            return nil
        }
        return StaffMember(contract: contract, person: person, side: side, role: row.text(Column.role) ?? "",
                           isKey: key, successor: row.text(Column.successor), knowledgeTransfer: transfer ?? .none,
                           joined: joined, left: left, plannedLeave: plannedLeave)
    }
}
