// Fuzz target: the CSV registers (staff.csv, processes.csv, actions.csv), bytes in memory →
// diagnostics (`InventoryFileParser.register`, the code path of `InventoryReader` for each
// register file). Every input is read as all three registers, against the contract ids of the
// demo inventory; the header row decides which of them gets past it.
//
// Invariants: every diagnostic names the file and points inside it (LF, CRLF or CR lines,
// columns in scalars, a byte order mark taking no column), with a one-line message without
// control characters; an empty input and a header-only input are told apart correctly.
import ExitReadinessInventory
import FuzzSupport

@main
enum FuzzRegister {
    static func main() {
        Fuzz.main { data, size in
            FuzzRegister.testOneInput(Array(Fuzz.buffer(data, size)))
            return 0
        }
    }

    static let knownContracts: Set<String> = [
        "belronde-outbound", "dialoog-email", "klantlijn-inbound", "nachtwacht-overflow", "rheinruf-de", "webcare-social",
    ]

    static func testOneInput(_ bytes: [UInt8]) {
        let lines = TextLines(bytes)
        let registers: [(InventoryFileParser.Register, String)] = [
            (.staff, "staff.csv"), (.processes, "processes/fuzz.csv"), (.actions, "actions/fuzz.csv"),
        ]
        for (register, file) in registers {
            let diagnostics = InventoryFileParser.register(bytes, register, file: file, knownContracts: knownContracts)
            for diagnostic in diagnostics {
                Fuzz.checkLocated(
                    file: diagnostic.file, expectedFile: file, line: diagnostic.line, column: diagnostic.column,
                    message: diagnostic.message, description: diagnostic.description, in: lines)
            }
            // A file without a single record must be reported (the header is required).
            let body = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
            if body.allSatisfy({ $0 == 0x0A || $0 == 0x0D }) {
                Fuzz.check(!diagnostics.isEmpty, "register-empty-accepted", "\(register): \(Fuzz.show(bytes))")
            }
        }
    }
}
