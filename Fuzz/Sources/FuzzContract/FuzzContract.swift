// Fuzz target: a contract file (contracts/<id>.yaml), bytes in memory → Contract and diagnostics
// (`InventoryFileParser.contract`, the code path of `InventoryReader` for each contract file).
//
// The file is named after the first `id:` line of the input when that is a valid id, so that
// the corpus can reach valid contracts; otherwise `fuzz.yaml`.
//
// Invariants: every diagnostic names the file, points inside it (LF, CRLF or CR lines, columns
// in scalars) and has a one-line message without control characters; a contract that is
// returned respects the format's rules (id = file name, start before end, ranges); scored on a
// fixed day it gets finite scores within 0–100, and its JSON document survives the Varlink
// encoding (serialise, parse, compare).
import ExitReadiness
import ExitReadinessInventory
import ExitReadinessProtocol
import FuzzSupport

@main
enum FuzzContract {
    static func main() {
        Fuzz.main { data, size in
            FuzzContract.testOneInput(Array(Fuzz.buffer(data, size)))
            return 0
        }
    }

    static let today = Day(year: 2026, month: 6, day: 1)!

    static func testOneInput(_ bytes: [UInt8]) {
        let stem = idLine(bytes).flatMap { Contract.isValidID($0) ? $0 : nil } ?? "fuzz"
        let file = "contracts/\(stem).yaml"
        let (contract, diagnostics) = InventoryFileParser.contract(bytes, file: file)
        let lines = TextLines(bytes)
        for diagnostic in diagnostics {
            Fuzz.checkLocated(
                file: diagnostic.file, expectedFile: file, line: diagnostic.line, column: diagnostic.column,
                message: diagnostic.message, description: diagnostic.description, in: lines)
            Fuzz.checkYAMLMessage(diagnostic.message, description: diagnostic.description)
        }
        if let contract { check(contract, stem: stem) }
    }

    /// The value of the first line that starts with `id:`, without quotes and spaces.
    static func idLine(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("id:") }) else { return nil }
        let value = line.dropFirst(3).trimmingPrefix(while: { $0 == " " || $0 == "\"" || $0 == "'" })
        return String(value.prefix { $0 != " " && $0 != "\"" && $0 != "'" && $0 != "\r" && $0 != "#" })
    }

    static func check(_ contract: Contract, stem: String) {
        Fuzz.check(contract.id == stem, "contract-id", "id \(Fuzz.show(contract.id)) in \(stem).yaml")
        Fuzz.check(contract.start < contract.end, "contract-dates", "start \(contract.start), end \(contract.end)")
        Fuzz.check(
            (0...36_500).contains(contract.noticeDays) && (0...1_200).contains(contract.renewalMonths),
            "contract-ranges", "notice \(contract.noticeDays), renewal \(contract.renewalMonths)")
        Fuzz.check(!contract.supplier.isEmpty && !contract.service.isEmpty, "contract-texts", Fuzz.show(contract))
        Fuzz.check(
            zip(contract.kpi, contract.kpi.dropFirst()).allSatisfy { $0.period < $1.period }, "contract-kpi-order",
            Fuzz.show(contract.kpi))
        if let cost = contract.financialPlan?.doubleRunCostEUR {
            Fuzz.check(cost.isFinite && cost >= 0, "contract-cost", "\(cost)")
        }

        // The domain must take whatever the reader accepts: score it and send the document.
        let scorer = ContractScorer(
            policy: ScoringPolicy(), checklist: Checklist(requirements: []), today: today,
            localDay: { Day(ordinal: Int($0 / 86_400)) })
        let folder = ContractFolder(files: [
            DataroomFile(path: Array("exit-plan.pdf".utf8), size: 10, modified: 1_750_000_000, mode: 0o640)
        ])
        for folder in [nil, folder] {
            let score = scorer.score(contract, staff: [], processes: [], folder: folder)
            Fuzz.check(score.score.isFinite && (0...100).contains(score.score), "score-range", "\(score.score)")
            for finding in score.findings {
                Fuzz.check(finding.impact.isFinite, "score-impact", Fuzz.show(finding))
            }
            let document = score.json(today: today)
            let encoded = document.encoded()
            let parsed = try? JSONParser.parse(encoded)
            Fuzz.check(parsed == document, "score-json-roundtrip", Fuzz.show(document.serialized()))
        }
    }
}
