import ExitReadiness

#if canImport(Glibc)
    import Glibc
#endif

/// A CSV register with a header row: maps the header's columns to the allowed ones and hands each
/// data row to a reader, collecting diagnostics for the header, malformed rows and bad values.
struct CSVTable {
    /// Allowed column names, in the documented order.
    let columns: [String]
    let required: [String]

    /// One data row: its fields, addressed by allowed column.
    struct Row {
        /// For turning fields into text and diagnostics (its read position is not used).
        let reader: CSVReader
        let fields: [CSVReader.Field]
        /// For each allowed column, the index of its field, or nil when the header lacks it.
        let fieldIndex: [Int?]
        var diagnostics: [Diagnostic] = []
        /// Likely mistakes that do not stop the row from being used.
        var warnings: [Diagnostic] = []

        var line: Int { fields[0].line }
        var file: String { reader.file }

        /// The field of a column, nil when the column is absent or the cell empty (or missing,
        /// in a row with too few fields).
        func field(_ column: Int) -> CSVReader.Field? {
            guard let index = fieldIndex[column], index < fields.count, !fields[index].isEmpty else { return nil }
            return fields[index]
        }

        func text(_ column: Int) -> String? {
            field(column).map { reader.string($0) }
        }

        /// A required cell: reported when empty.
        mutating func required(_ column: Int, _ name: String) -> String? {
            guard isPresent(column, name) else { return nil }
            return text(column)
        }

        /// False (and reported) when a required cell is empty.
        mutating func isPresent(_ column: Int, _ name: String) -> Bool {
            guard field(column) == nil else { return true }
            let place = fieldIndex[column].map { fields[$0] } ?? fields[0]
            diagnostics.append(reader.diagnostic(at: place, "\(name) is empty; a value is required"))
            return false
        }

        /// A required date.
        mutating func requiredDate(_ column: Int, _ name: String) -> Day? {
            isPresent(column, name) ? date(column, name) ?? nil : nil
        }

        /// A required value of an enumeration.
        mutating func requiredEnumeration<E: RawRepresentable & CaseIterable>(_ column: Int, _ name: String, as type: E.Type)
            -> E? where E.RawValue == String
        {
            isPresent(column, name) ? enumeration(column, name, as: type) ?? nil : nil
        }

        /// An optional date: `.some(nil)` when empty, nil (reported) when not a date.
        mutating func date(_ column: Int, _ name: String) -> Day?? {
            guard let field = field(column) else { return .some(nil) }
            if !field.hasEscapedQuotes, let day = Day(isoUTF8: reader.rawBytes(field)) { return .some(day) }
            let text = reader.string(field)
            guard let day = Day(iso: text) else {
                report(field, "\(name): \(quoted(text)) is not a valid date; expected YYYY-MM-DD")
                return nil
            }
            return .some(day)
        }

        mutating func enumeration<E: RawRepresentable & CaseIterable>(
            _ column: Int, _ name: String, as type: E.Type,
            allowed: [String]? = nil
        ) -> E??
        where E.RawValue == String {
            guard let field = field(column) else { return .some(nil) }
            if !field.hasEscapedQuotes {
                let bytes = reader.rawBytes(field)
                if let value = E.allCases.first(where: { Self.equal($0.rawValue, bytes) }) { return .some(value) }
            }
            let text = reader.string(field)
            guard let value = E(rawValue: text) else {
                let choices = allowed ?? E.allCases.map(\.rawValue)
                var message = "\(name): \(quoted(text)) is not allowed; expected \(alternatives(choices))"
                if let near = suggestion(for: text, among: choices) { message += " (did you mean \(near)?)" }
                report(field, message)
                return nil
            }
            return .some(value)
        }

        /// The row's contract (required, must be in the inventory) and its id within the
        /// contract (required), or nil when either is missing or unknown.
        mutating func identity(
            contractColumn: Int, idColumn: Int, idName: String,
            known: inout KnownContracts
        ) -> (contract: String, id: String)? {
            let contract = required(contractColumn, "contract")
            let isKnown = contract.map { known.contains($0) } ?? false
            if let contract, !isKnown {
                report(field(contractColumn)!, InventoryRules.unknownContract(contract, known: known.ids))
            }
            let id = required(idColumn, idName)
            guard let contract, isKnown, let id else { return nil }
            return (contract, id)
        }

        /// The row's contract and id as written, unchecked: what a row with the wrong number of
        /// fields still tells, so that later rows are judged as if it had been read.
        func uncheckedIdentity(contractColumn: Int, idColumn: Int) -> (contract: String, id: String)? {
            guard let contract = text(contractColumn), let id = text(idColumn) else { return nil }
            return (contract, id)
        }

        private static func equal(_ text: String, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            var text = text
            return text.utf8.count == bytes.count
                && text.withUTF8 { memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 }
        }

        mutating func report(_ field: CSVReader.Field, _ message: String) {
            diagnostics.append(reader.diagnostic(at: field, message))
        }

        mutating func warn(_ field: CSVReader.Field, _ message: String) {
            var warning = reader.diagnostic(at: field, message)
            warning.severity = .warning
            warnings.append(warning)
        }

        func location(_ column: Int) -> Diagnostic {
            let field = fieldIndex[column].map { fields[$0] } ?? fields[0]
            return reader.diagnostic(at: field, "")
        }
    }

    /// Where a register comes from: a file, or bytes already in memory (named for messages).
    enum Source {
        case file(String)
        case bytes([UInt8], name: String)
    }

    /// Reads the register; `body` gets every well-formed data row, with its diagnostics and
    /// warnings collected afterwards. A row with more or fewer fields than the header is
    /// reported once, at its first extra field (or its start), and only handed to `claim`: its
    /// cells may be shifted, so it is used for nothing but its id.
    func read(_ source: Source, diagnostics: inout [Diagnostic], claim: (Row) -> Void, body: (inout Row) -> Void) {
        switch source {
        case .file(let path):
            do {
                var found: [Diagnostic] = []
                try TextFile.withContents(path) { buffer in
                    var reader = CSVReader(bytes: buffer, file: path)
                    read(&reader, diagnostics: &found, claim: claim, body: body)
                }
                diagnostics += found
            } catch {
                diagnostics.append(error)
            }
        case .bytes(let bytes, let name):
            bytes.withUnsafeBufferPointer { buffer in
                if let offset = TextFile.firstInvalidUTF8(buffer) {
                    let (line, column) = TextFile.position(of: offset, in: buffer)
                    diagnostics.append(Diagnostic(file: name, line: line, column: column, message: "the file is not valid UTF-8"))
                    return
                }
                var reader = CSVReader(bytes: buffer, file: name)
                read(&reader, diagnostics: &diagnostics, claim: claim, body: body)
            }
        }
    }

    private func read(
        _ reader: inout CSVReader, diagnostics: inout [Diagnostic], claim: (Row) -> Void,
        body: (inout Row) -> Void
    ) {
        var fields: [CSVReader.Field] = []
        do {
            guard try reader.nextRecord(into: &fields) else {
                diagnostics.append(
                    Diagnostic(
                        file: reader.file, line: 1, column: 1,
                        message: "the file is empty; expected a header row with the columns "
                            + columns.joined(separator: ",")))
                return
            }
            let width = fields.count
            guard let fieldIndex = header(fields, reader, &diagnostics) else { return }
            while try reader.nextRecord(into: &fields) {
                var row = Row(reader: reader, fields: fields, fieldIndex: fieldIndex)
                guard fields.count == width else {
                    let expected = "expected \(width) columns as in the header"
                    diagnostics.append(
                        fields.count > width
                            ? reader.diagnostic(
                                at: fields[width],
                                "an extra field: the row has \(fields.count) fields; "
                                    + "\(expected) (quote a value that holds a comma)")
                            : reader.diagnostic(
                                at: fields[0],
                                "the row has \(fields.count) field\(fields.count == 1 ? "" : "s"); "
                                    + expected))
                    claim(row)
                    continue
                }
                body(&row)
                diagnostics += row.diagnostics + row.warnings
            }
        } catch {
            diagnostics.append(error)
        }
    }

    /// Maps allowed columns to header positions; nil when the header has errors.
    private func header(
        _ fields: [CSVReader.Field], _ reader: CSVReader,
        _ diagnostics: inout [Diagnostic]
    ) -> [Int?]? {
        var fieldIndex = [Int?](repeating: nil, count: columns.count)
        var valid = true
        for (position, field) in fields.enumerated() {
            let name = reader.string(field)
            guard let column = columns.firstIndex(of: name) else {
                var message = "unknown column \(quoted(name)); allowed columns: " + columns.joined(separator: ", ")
                if let near = suggestion(for: name, among: columns) { message += " (did you mean \(near)?)" }
                diagnostics.append(reader.diagnostic(at: field, message))
                valid = false
                continue
            }
            if fieldIndex[column] != nil {
                diagnostics.append(reader.diagnostic(at: field, "column \(name) appears twice in the header"))
                valid = false
            }
            fieldIndex[column] = position
        }
        for name in required where fieldIndex[columns.firstIndex(of: name)!] == nil {
            diagnostics.append(reader.diagnostic(at: fields[0], "the header lacks the required column \(name)"))
            valid = false
        }
        return valid ? fieldIndex : nil
    }
}
