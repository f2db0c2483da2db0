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
                guard let member = member(from: &row) else { return }
                if let first = firstSeen.claim(contract: member.contract, id: member.person, place: .init(file: row.file, line: row.line)) {
                    var location = row.location(Column.person)
                    location.message = "person \(quoted(member.person)) appears twice for contract "
                        + "\(member.contract) (first at \(first)); each person once per contract"
                    row.diagnostics.append(location)
                    return
                }
                if let successor = member.successor, !firstSeen.contains(contract: member.contract, id: successor) {
                    var location = row.location(Column.successor)
                    location.message = "successor \(quoted(successor)) is not a person of contract \(member.contract)"
                    pending.append(PendingSuccessor(contract: member.contract, successor: successor, location: location))
                }
                staff[member.contract, default: []].append(member)
            }
        }
        for reference in pending where !firstSeen.contains(contract: reference.contract, id: reference.successor) {
            diagnostics.append(reference.location)
        }
        return staff
    }

    private func member(from row: inout CSVTable.Row) -> StaffMember? {
        let errors = row.diagnostics.count
        let contract = row.required(Column.contract, "contract")
        if let contract, !knownContracts.contains(contract) {
            row.report(row.field(Column.contract)!, InventoryRules.unknownContract(contract, known: knownContracts))
        }
        let person = row.required(Column.person, "person")
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
        guard row.diagnostics.count == errors, let contract, let person, let side = side ?? nil, let key,
              let transfer, let joined = joined ?? nil, let left, let plannedLeave else { return nil }
        return StaffMember(contract: contract, person: person, side: side, role: row.text(Column.role) ?? "",
                           isKey: key, successor: row.text(Column.successor), knowledgeTransfer: transfer ?? .none,
                           joined: joined, left: left, plannedLeave: plannedLeave)
    }
}
