import ExitReadinessInventory
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A corpus of deliberately broken inventories (`Fixtures/broken/<case>/`), each rejected with
/// exact `file:line:column` diagnostics.
///
/// A case folder is a small inventory directory (`contracts/*.yaml`, `staff.csv`, `staff/*.csv`,
/// `processes.csv`, `processes/*.csv`, `actions.csv`, `actions/*.csv`) and/or a dataroom checklist `dataroom.yaml`, plus an
/// `expected.txt` that lists the diagnostics the readers must report, one per line:
///
///     RELATIVE/PATH:LINE:COLUMN: substring of the message
///
/// PATH is relative to the case folder; LINE and COLUMN are 1-based, COLUMN in Unicode scalars.
/// The set of reported locations must equal the listed set exactly, a location must be reported as
/// often as it is listed (one mistake must not cascade into several diagnostics at one place), and
/// each line needs its own diagnostic at its location whose message contains the substring. A
/// substring may be several parts joined by ` && `, all of which must occur in that one message:
///
///     contracts/acme.yaml:8:1: unknown key "comunication_plan" && did you mean communication_plan?
///
/// Blank lines and lines starting with `#` are comments, except:
///
/// - `# ANY`: the case only has to be read without crashing or hanging; any diagnostics (or
///   none) are acceptable. Used for inputs that try to break the parsers.
/// - `# BUG: explanation`: the case documents a known reader bug; the expectations describe the
///   correct behaviour, so the case fails until the reader is fixed. The note is shown on failure.
/// - `# SECONDS: N`: the budget of CPU time for reading the case (default 30 seconds, debug build).
///
/// Every diagnostic, in every case (`# ANY` included), must also be well formed: line and column
/// >= 1 and a non-empty, single-line message without control characters (messages end up in
/// terminals and the journal, so a value from a file must not be able to inject escape sequences).
///
/// Which reader runs: `ChecklistReader` on `dataroom.yaml` when present, `InventoryReader` on the
/// folder when it holds anything besides `expected.txt` and `dataroom.yaml`. Adding a case needs no
/// code: add a folder. Every case is first read in a child process (an exit test) that is killed
/// by SIGXCPU when it overruns its budget of CPU time, so that a crash or a hang in one case is reported
/// against that case instead of taking the whole test run down; only then is it read again in
/// this process to compare the diagnostics.
@Suite("Broken inventories are rejected with file:line:column")
struct BrokenInventoryTests {
    @Test("The corpus is present and every case has a well-formed expected.txt")
    func corpusIsComplete() throws {
        let names = BrokenCorpus.caseNames()
        #expect(names.count >= 60, "the broken-inventory corpus looks incomplete: \(names.count) cases")
        for name in names {
            let expected = try BrokenCorpus.expectation(of: name)
            for problem in expected.problems {
                Issue.record("\(name)/expected.txt: \(problem)")
            }
            #expect(
                expected.anyDiagnostics || !expected.entries.isEmpty,
                "\(name)/expected.txt lists no diagnostics and is not marked # ANY")
            let layout = BrokenCorpus.layout(of: name)
            #expect(layout.readsInventory || layout.readsChecklist, "\(name) holds nothing to read")
        }
    }

    @Test(
        "Each broken inventory is rejected with the expected diagnostics", .timeLimit(.minutes(2)),
        arguments: BrokenCorpus.caseNames())
    func brokenCase(_ name: String) async throws {
        let expected = try BrokenCorpus.expectation(of: name)
        let directory = BrokenCorpus.directory(of: name)
        let layout = BrokenCorpus.layout(of: name)
        let readsInventory = layout.readsInventory
        let readsChecklist = layout.readsChecklist
        let bugNote =
            expected.bugs.isEmpty
            ? ""
            : "\nknown reader bug (see expected.txt):\n  "
                + expected.bugs.joined(separator: "\n  ")

        // Crash and hang isolation: the readers must return (errors or a result) without trapping,
        // within the budget of CPU time (RLIMIT_CPU: SIGXCPU ends the child otherwise). CPU time,
        // not wall time: the cases run side by side on a machine that may be busy with builds.
        let seconds = expected.seconds
        let survived = await #expect(
            processExitsWith: .success,
            "reading \(name) crashed or took more than \(seconds) s of CPU time\(bugNote)"
        ) {
            [
                directory = directory as String, readsInventory = readsInventory as Bool,
                readsChecklist = readsChecklist as Bool, seconds = seconds as Int
            ] in
            var budget = rlimit(rlim_cur: rlim_t(seconds), rlim_max: rlim_t(seconds + 1))
            setrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &budget)
            if readsInventory { _ = try? InventoryReader().read(directory: directory) }
            if readsChecklist { _ = try? ChecklistReader().read(path: directory + "/dataroom.yaml") }
        }
        guard survived != nil else { return }

        let diagnostics = BrokenCorpus.read(directory: directory, inventory: readsInventory, checklist: readsChecklist)
        for diagnostic in diagnostics {
            let controls = diagnostic.message.unicodeScalars.filter(BrokenCorpus.isControl)
            let shown = diagnostic.description.unicodeScalars.prefix(300)
                .map { BrokenCorpus.isControl($0) ? $0.escaped(asASCII: true) : String($0) }.joined()
            let complaint =
                "\(name): malformed diagnostic (position < 1, empty message or raw control characters "
                + "\(controls.map { $0.escaped(asASCII: true) })): \(shown)\(bugNote)"
            #expect(
                diagnostic.line >= 1 && diagnostic.column >= 1 && !diagnostic.message.isEmpty && controls.isEmpty,
                "\(complaint)")
        }
        if expected.anyDiagnostics { return }

        let actual = diagnostics.map { BrokenCorpus.relative($0, to: directory) }
        let listing =
            "expected:\n" + expected.entries.map { "  \($0)" }.joined(separator: "\n")
            + "\nactual:\n"
            + (actual.isEmpty
                ? "  (no diagnostics: the input was accepted)"
                : actual.map { "  \($0)" }.joined(separator: "\n")) + bugNote

        let expectedLocations = Set(expected.entries.map(\.location))
        let actualLocations = Set(actual.map(\.location))
        let difference =
            "\(name): reported locations differ\n  missing: \(expectedLocations.subtracting(actualLocations).sorted())"
            + "\n  unexpected: \(actualLocations.subtracting(expectedLocations).sorted())\n\(listing)"
        #expect(actualLocations == expectedLocations, "\(difference)")

        // Each listed message substring needs its own diagnostic at that location, and a location
        // must not be reported more often than listed (a cascade at one place).
        var unmatched = actual
        for entry in expected.entries where actualLocations.contains(entry.location) {
            if let index = unmatched.firstIndex(where: { $0.location == entry.location && entry.matches($0.message) }) {
                unmatched.remove(at: index)
            } else {
                Issue.record("\(name): no diagnostic at \(entry.location) contains \"\(entry.substring)\"\n\(listing)")
            }
        }
        let extra = unmatched.filter { expectedLocations.contains($0.location) }
        #expect(extra.isEmpty, "\(name): more diagnostics than listed at \(extra.map(\.location))\n\(listing)")
    }
}

/// Access to `Fixtures/broken/` and its `expected.txt` files.
enum BrokenCorpus {
    struct Location: Hashable, Comparable, CustomStringConvertible {
        var file: String
        var line: Int
        var column: Int

        var description: String { "\(file):\(line):\(column)" }

        static func < (lhs: Location, rhs: Location) -> Bool {
            (lhs.file, lhs.line, lhs.column) < (rhs.file, rhs.line, rhs.column)
        }
    }

    /// One line of `expected.txt`.
    struct Entry: CustomStringConvertible {
        var location: Location
        var substring: String
        var description: String { "\(location): \(substring)" }

        /// Every ` && `-separated part of the substring occurs in the message.
        func matches(_ message: String) -> Bool {
            substring.components(separatedBy: " && ").allSatisfy { message.contains($0) }
        }
    }

    /// A diagnostic with its file relative to the case folder.
    struct Reported: CustomStringConvertible {
        var location: Location
        var message: String
        var description: String { "\(location): \(message)" }
    }

    struct Expectation {
        var entries: [Entry] = []
        var anyDiagnostics = false
        var bugs: [String] = []
        /// Time budget for reading the case.
        var seconds = 30
        /// Lines of expected.txt that could not be parsed.
        var problems: [String] = []
    }

    struct Layout {
        var readsInventory: Bool
        var readsChecklist: Bool
    }

    static var root: URL {
        let fixtures =
            Bundle.module.url(forResource: "Fixtures", withExtension: nil)
            ?? Bundle.module.resourceURL!.appendingPathComponent("Fixtures")
        return fixtures.appendingPathComponent("broken")
    }

    static func directory(of name: String) -> String {
        root.appendingPathComponent(name).path
    }

    /// Case folder names, sorted.
    static func caseNames() -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return entries.filter { name in
            var isDirectory: ObjCBool = false
            return !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: directory(of: name), isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    static func layout(of name: String) -> Layout {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: directory(of: name))) ?? []
        return Layout(
            readsInventory: entries.contains { $0 != "expected.txt" && $0 != "dataroom.yaml" },
            readsChecklist: entries.contains("dataroom.yaml"))
    }

    static func expectation(of name: String) throws -> Expectation {
        let text = try String(contentsOfFile: directory(of: name) + "/expected.txt", encoding: .utf8)
        var expectation = Expectation()
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty { continue }
            if line.hasPrefix("#") {
                let comment = line.dropFirst().trimmingCharacters(in: .whitespaces)
                if comment == "ANY" {
                    expectation.anyDiagnostics = true
                } else if comment.hasPrefix("BUG:") {
                    expectation.bugs.append(comment.dropFirst(4).trimmingCharacters(in: .whitespaces))
                } else if comment.hasPrefix("SECONDS:") {
                    if let seconds = Int(comment.dropFirst(8).trimmingCharacters(in: .whitespaces)), seconds > 0 {
                        expectation.seconds = seconds
                    } else {
                        expectation.problems.append("line \(number + 1): SECONDS needs a positive whole number")
                    }
                }
                continue
            }
            let parts = line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false)
            guard parts.count == 4, !parts[0].isEmpty, let lineNumber = Int(parts[1]), let column = Int(parts[2]),
                lineNumber >= 1, column >= 1
            else {
                expectation.problems.append("line \(number + 1) is not PATH:LINE:COLUMN: substring: \(line)")
                continue
            }
            let substring = parts[3].trimmingCharacters(in: .whitespaces)
            if substring.isEmpty {
                expectation.problems.append("line \(number + 1) has no message substring: \(line)")
            }
            expectation.entries.append(
                Entry(
                    location: Location(file: String(parts[0]), line: lineNumber, column: column), substring: substring))
        }
        return expectation
    }

    /// C0 and C1 control characters and DEL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// Runs the readers the case asks for and collects their diagnostics (none: the input was accepted).
    static func read(directory: String, inventory: Bool, checklist: Bool) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        if inventory {
            do throws(InventoryErrors) {
                _ = try InventoryReader().read(directory: directory)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        if checklist {
            do throws(InventoryErrors) {
                _ = try ChecklistReader().read(path: directory + "/dataroom.yaml")
            } catch {
                diagnostics += error.diagnostics
            }
        }
        return diagnostics
    }

    static func relative(_ diagnostic: Diagnostic, to directory: String) -> Reported {
        let prefix = directory + "/"
        let file = diagnostic.file.hasPrefix(prefix) ? String(diagnostic.file.dropFirst(prefix.count)) : diagnostic.file
        return Reported(
            location: Location(file: file, line: diagnostic.line, column: diagnostic.column),
            message: diagnostic.message)
    }
}
