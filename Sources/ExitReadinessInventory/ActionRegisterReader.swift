import ExitReadiness

/// Reads `actions.csv` and `actions/*.csv` as one table: the action register, one row per
/// finding someone acts on (or accepts), checked against the inventory's contracts and the
/// finding codes that cost points.
struct ActionRegisterReader {
    /// Contract ids of the inventory (from the contract file names).
    let knownContracts: Set<String>

    /// The longest owner accepted, in characters.
    static let maximumOwnerLength = 200

    private static let columns = ["contract", "code", "subject", "owner", "due", "state", "until", "note"]
    private static let table = CSVTable(columns: columns, required: ["contract", "code", "state"])
    private enum Column {
        static let contract = 0, code = 1, subject = 2, owner = 3, due = 4, state = 5, until = 6, note = 7
    }

    /// The codes a row may name, as listed in messages.
    private static let actionableCodes = FindingCode.allCases.filter(RegisteredAction.canConcern)

    func read(_ sources: [CSVTable.Source], diagnostics: inout [Diagnostic]) -> [String: [RegisteredAction]] {
        var actions = ContractRegister<RegisteredAction>()
        var known = KnownContracts(knownContracts)
        for source in sources {
            Self.table.read(
                source, diagnostics: &diagnostics,
                claim: { row in
                    if let contract = row.text(Column.contract), let code = row.text(Column.code), known.contains(contract) {
                        let place = ContractRegister<RegisteredAction>.Place(file: row.file, line: row.line)
                        _ = actions.claim(Self.key(code, row.text(Column.subject)), in: contract, at: place)
                    }
                }
            ) { row in
                let errors = row.diagnostics.count
                var contract = row.required(Column.contract, "contract")
                if let id = contract, !known.contains(id) {
                    row.report(row.field(Column.contract)!, InventoryRules.unknownContract(id, known: known.ids))
                    contract = nil
                }
                let code = self.code(&row)
                let subject = row.text(Column.subject)
                // A finding counts as taken even when other cells of its row are wrong, so one
                // mistake gives one error.
                if let contract, let code {
                    let reference = subject.map { "\(code.rawValue)/\($0)" } ?? code.rawValue
                    let place = ContractRegister<RegisteredAction>.Place(file: row.file, line: row.line)
                    if let first = actions.claim(Self.key(code.rawValue, subject), in: contract, at: place) {
                        var location = row.location(Column.code)
                        location.message =
                            "the action on \(quoted(reference)) appears twice for contract \(contract) "
                            + "(first at \(first)); one row per contract, code and subject"
                        row.diagnostics.append(location)
                        return
                    }
                }
                let action = action(from: &row, contract: contract, code: code, subject: subject)
                guard let action, row.diagnostics.count == errors else { return }
                actions.append(action, to: action.contract)
            }
        }
        return actions.finish()
    }

    /// The key that finds duplicates: the code, a 0 byte, the subject.
    private static func key(_ code: String, _ subject: String?) -> String {
        code + "\u{0}" + (subject ?? "")
    }

    /// The row's finding code: required, known, and one that costs points.
    private func code(_ row: inout CSVTable.Row) -> FindingCode? {
        guard let text = row.required(Column.code, "code") else { return nil }
        let field = row.field(Column.code)!
        let allowed = "C01–C17, D00–D02, P00–P05 or S00–S04"
        guard let code = FindingCode(rawValue: text) else {
            var message = "code: \(quoted(text)) is not a finding code; expected one that costs points: \(allowed)"
            if let near = suggestion(for: text, among: Self.actionableCodes.map(\.rawValue)) {
                message += " (did you mean \(near)?)"
            }
            row.report(field, message)
            return nil
        }
        guard RegisteredAction.canConcern(code) else {
            row.report(
                field,
                "code: \(code.rawValue) costs no points, so no action resolves it; expected one that costs points: \(allowed)")
            return nil
        }
        return code
    }

    /// The action the row describes; its other cells are checked even when the contract or the
    /// code is wrong (nil).
    private func action(from row: inout CSVTable.Row, contract: String?, code: FindingCode?, subject: String?)
        -> RegisteredAction?
    {
        let errors = row.diagnostics.count
        let state = row.requiredEnumeration(Column.state, "state", as: RegisteredAction.State.self)
        let due = row.date(Column.due, "due")
        let until = row.date(Column.until, "until")
        let owner = row.text(Column.owner)
        if let owner, owner.count > Self.maximumOwnerLength {
            row.report(
                row.field(Column.owner)!,
                "owner is \(owner.count) characters long; at most \(Self.maximumOwnerLength) are allowed (name a person or team)")
        }
        if state == .accepted, let until, until == nil {
            let place = row.fieldIndex[Column.until].map { row.fields[$0] } ?? row.fields[0]
            row.report(place, "until is empty; state accepted needs the last day the acceptance holds (YYYY-MM-DD)")
        }
        guard row.diagnostics.count == errors, let contract, let code, let state, let due, let until else { return nil }
        return RegisteredAction(
            contract: contract, code: code, subject: subject, owner: owner, due: due, state: state, until: until,
            note: row.text(Column.note))
    }
}
