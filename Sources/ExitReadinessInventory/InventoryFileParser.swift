import ExitReadiness

/// Parses one inventory file from bytes in memory, as `InventoryReader` parses it from disk:
/// for the fuzz targets, and for tools that check a file before it is saved.
public enum InventoryFileParser {
    public enum Register: Sendable {
        case staff, processes, actions
    }

    /// A contract file; `file` names it in diagnostics and its stem is the expected id.
    public static func contract(_ bytes: [UInt8], file: String) -> (Contract?, [Diagnostic]) {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let fields = YAMLFieldReader(file: file)
        let contract = bytes.withUnsafeBufferPointer { buffer -> Contract? in
            if let offset = TextFile.firstInvalidUTF8(buffer) {
                let (line, column) = TextFile.position(of: offset, in: buffer)
                fields.report(line: line, column: column, "the file is not valid UTF-8")
                return nil
            }
            return ContractFileReader(expectedID: name.hasSuffix(".yaml") ? String(name.dropLast(5)) : name, fields: fields)
                .read(bytes)
        }
        return (contract, fields.diagnostics)
    }

    /// A staff, process or action register, checked against the given contract ids.
    public static func register(
        _ bytes: [UInt8], _ register: Register, file: String,
        knownContracts: Set<String>
    ) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        switch register {
        case .staff:
            _ = StaffRegisterReader(knownContracts: knownContracts).read([.bytes(bytes, name: file)], diagnostics: &diagnostics)
        case .processes:
            _ = ProcessRegisterReader(knownContracts: knownContracts).read([.bytes(bytes, name: file)], diagnostics: &diagnostics)
        case .actions:
            _ = ActionRegisterReader(knownContracts: knownContracts).read([.bytes(bytes, name: file)], diagnostics: &diagnostics)
        }
        return diagnostics
    }
}
