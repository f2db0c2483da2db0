import ArgumentParser
import ExitReadiness
import ExitReadinessConfiguration
import ExitReadinessDataroom
import ExitReadinessReport
import ExitReadinessStore
import ExitReadyCtlOnline

#if canImport(Glibc)
    import Glibc
#endif

/// `exitreadyctl dataroom manifest`: a contract's handover manifest for `sha256sum -c`.
struct DataroomManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest",
        abstract: "Write the SHA-256 manifest of a contract's dataroom folder, as sha256sum -c verifies it.",
        discussion: """
            Paths are relative to the contract folder (run sha256sum -c from inside it), sorted by their bytes. \
            Exit status: 0 written, 1 some file could not be hashed (nothing written), 2 folder, database or output file unusable, \
            64 CONTRACT is not a contract id.
            """
    )

    @Argument(help: "Contract id (the folder name).")
    var contract: String

    @Option(
        name: .long, help: ArgumentHelp("Dataroom root holding one folder per contract id.", valueName: "dir"),
        completion: .directory)
    var dataroom = DefaultPaths.dataroom

    @Option(
        name: .long, help: ArgumentHelp("Reuse and update this scan cache; without it every file is hashed.", valueName: "file"),
        completion: .file())
    var database: String?

    @Option(
        name: .long, help: ArgumentHelp("Write the manifest here (atomically) instead of standard output.", valueName: "file"),
        completion: .file())
    var output: String?

    @Flag(name: .long, help: "Print a JSON document (files with size and SHA-256, and problems) instead of the manifest.")
    var json = false

    func validate() throws {
        guard Contract.isValidID(contract) else {
            throw ValidationError(
                "'\(TerminalSafe.escape(contract))' is not a contract id (lowercase letters, digits and '-', at most 63)")
        }
    }

    func run() throws {
        let manifest = ContractManifest(root: dataroom, contract: contract)
        let listing: ContractManifest.Listing
        do {
            if let database {
                listing = try manifest.build(store: try ExitReadyStore(path: database))
            } else {
                listing = try manifest.build()
            }
        } catch let failure as ContractManifest.Failure {
            Output.error("exitreadyctl: \(failure)")
            throw ExitCode(2)
        } catch {
            Output.error("exitreadyctl: cannot open the database: \(error)")
            throw ExitCode(2)
        }
        let text = json ? document(listing) : listing.text
        guard listing.problems.isEmpty else {
            // Nothing is written where the manifest goes; the JSON document lists the problems.
            if json { Output.out(bytes: text) }
            Output.error(
                "exitreadyctl: the manifest would be incomplete:\n"
                    + listing.problems.map { "  " + TerminalSafe.escape($0.description) }.joined(separator: "\n"))
            throw ExitCode(1)
        }
        guard let output else {
            Output.out(bytes: text)
            return
        }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            Output.error("exitreadyctl: cannot write \(output): \(error)")
            throw ExitCode(2)
        }
    }

    /// The listing as a JSON document (`JSONStyle`) with a final newline; a path that is not
    /// UTF-8 has each invalid byte replaced by U+FFFD.
    private func document(_ listing: ContractManifest.Listing) -> [UInt8] {
        let files = listing.files.map { file in
            JSONValue.object([
                ("path", .string(String(decoding: file.path, as: UTF8.self))), ("size", .integer(Int(file.size))),
                ("sha256", .string(Hex.encode(file.sha256))),
            ])
        }
        let problems = listing.problems.map { JSONValue.object([("path", .string($0.path)), ("message", .string($0.message))]) }
        let value = JSONValue.object([("contract", .string(contract)), ("files", .array(files)), ("problems", .array(problems))])
        return value.encoded(pretty: JSONStyle.current == .pretty) + [UInt8(ascii: "\n")]
    }
}
