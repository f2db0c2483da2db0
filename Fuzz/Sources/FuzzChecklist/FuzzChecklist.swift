// Fuzz target: the dataroom checklist (dataroom.yaml) through `ChecklistReader.read(path:)`,
// which only reads files: each input is written to a file under /dev/shm (a directory of this
// process, removed at exit) and read back from there.
//
// Invariants: every diagnostic names the file and points inside it, with a one-line message
// without control characters; an accepted checklist has unique valid ids, titles, at least one
// relative pattern per requirement, weights above zero and sizes and ages within range; and
// scoring a contract of every criticality against it, with a folder of awkward file names,
// gives finite scores within 0–100 and finite impacts (so the checklist's globs and weights
// cannot break an evaluation).
import ExitReadiness
import ExitReadinessInventory
import FuzzSupport

#if canImport(Glibc)
    import Glibc
#endif

@main
enum FuzzChecklist {
    static func main() {
        atexit {
            _ = unlink(FuzzChecklist.path)
            _ = rmdir(FuzzChecklist.directory)
        }
        Fuzz.main { data, size in
            FuzzChecklist.testOneInput(Fuzz.buffer(data, size))
            return 0
        }
    }

    static let directory: String = {
        let base = getenv("EXITREADY_FUZZ_TMPDIR").map { String(cString: $0) } ?? "/dev/shm"
        let directory = "\(base)/exitready-fuzz-checklist-\(getpid())"
        mkdir(directory, 0o700)
        return directory
    }()
    static let path = directory + "/dataroom.yaml"

    static let today = Day(year: 2026, month: 6, day: 1)!

    static func testOneInput(_ input: UnsafeBufferPointer<UInt8>) {
        write(input)
        let lines = TextLines(input)
        do {
            let checklist = try ChecklistReader().read(path: path)
            check(checklist)
        } catch {
            Fuzz.check(!error.diagnostics.isEmpty, "checklist-error-empty", "rejected without a diagnostic")
            for diagnostic in error.diagnostics {
                Fuzz.checkLocated(
                    file: diagnostic.file, expectedFile: path, line: diagnostic.line, column: diagnostic.column,
                    message: diagnostic.message, description: diagnostic.description, in: lines)
                Fuzz.checkYAMLMessage(diagnostic.message, description: diagnostic.description)
            }
        }
    }

    static func write(_ input: UnsafeBufferPointer<UInt8>) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { fatalError("cannot create \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var offset = 0
        while offset < input.count {
            let written = Glibc.write(descriptor, input.baseAddress! + offset, input.count - offset)
            guard written > 0 else { fatalError("cannot write \(path): \(String(cString: strerror(errno)))") }
            offset += written
        }
    }

    static func check(_ checklist: Checklist) {
        var ids: Set<String> = []
        for requirement in checklist.requirements {
            Fuzz.check(ids.insert(requirement.id).inserted, "checklist-id-unique", requirement.id)
            Fuzz.check(
                !requirement.id.isEmpty
                    && requirement.id.utf8.allSatisfy { (97...122).contains($0) || (48...57).contains($0) || $0 == 45 },
                "checklist-id-valid", Fuzz.show(requirement.id))
            Fuzz.check(!requirement.title.allSatisfy(\.isWhitespace), "checklist-title", Fuzz.show(requirement.title))
            Fuzz.check(!requirement.patterns.isEmpty, "checklist-patterns", Fuzz.show(requirement))
            for pattern in requirement.patterns {
                Fuzz.check(
                    !pattern.description.isEmpty && !pattern.description.hasPrefix("/"), "checklist-pattern-relative",
                    Fuzz.show(pattern.description))
            }
            Fuzz.check(requirement.weight.isFinite && requirement.weight > 0, "checklist-weight", "\(requirement.weight)")
            Fuzz.check(
                (0...36_500).contains(requirement.maxAgeDays) && (0...(1 << 50)).contains(requirement.minBytes),
                "checklist-ranges", Fuzz.show(requirement))
        }

        let scorer = ContractScorer(
            policy: ScoringPolicy(), checklist: checklist, today: today,
            localDay: { Day(ordinal: Int($0 / 86_400)) })
        for criticality in Criticality.allCases {
            let score = scorer.score(contract(criticality), staff: [], processes: [], folder: folder)
            Fuzz.check(
                score.score.isFinite && (0...100).contains(score.score), "score-range",
                "\(criticality): \(score.score), families \(Fuzz.show(score.families))")
            for finding in score.findings {
                Fuzz.check(finding.impact.isFinite && finding.impact >= 0, "score-impact", Fuzz.show(finding))
            }
        }
    }

    static func contract(_ criticality: Criticality) -> Contract {
        Contract(
            id: "fuzz", supplier: "Fuzz BV", service: "inbound", criticality: criticality,
            start: Day(year: 2024, month: 1, day: 1)!, end: Day(year: 2027, month: 12, day: 31)!, noticeDays: 180,
            exitPlan: ExitPlan(document: "exit/plan.pdf"))
    }

    /// Files that exercise the globs: nested, dot-files, long names, UTF-8 and malformed bytes,
    /// empty, old and world-readable ones.
    static let folder: ContractFolder = {
        let now: Int64 = 1_780_000_000
        let paths: [[UInt8]] = [
            Array("exit/plan.pdf".utf8), Array("contract.pdf".utf8), Array("contracts/2024/main-agreement.pdf".utf8),
            Array(".hidden/notes.txt".utf8), Array("processes/call-routing.md".utf8), Array("staff/kl-am-01.md".utf8),
            Array("verträge/übersicht ü.docx".utf8), [0x62, 0x61, 0x64, 0xFF, 0xFE, 0x2E, 0x70, 0x64, 0x66],
            Array(repeating: UInt8(ascii: "a"), count: 120) + Array(".pdf".utf8),
            Array(repeating: Array("d/".utf8), count: 24).flatMap { $0 } + Array("deep.txt".utf8),
            Array("a*b?c.txt".utf8),
        ]
        return ContractFolder(
            files: paths.enumerated().map { index, path in
                DataroomFile(
                    path: path, size: Int64(index * 97 % 5), modified: now - Int64(index) * 40 * 86_400,
                    mode: index % 3 == 0 ? 0o644 : 0o640)
            })
    }()
}
