import ArgumentParser
import ExitReadinessDataroom
import ExitReadinessStore

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
            Exit status: 0 written, 1 some file could not be hashed (nothing written), 2 folder or database unusable.
            """
    )

    @Argument(help: "Contract id (the folder name).")
    var contract: String

    @Option(name: .long, help: ArgumentHelp("Dataroom root holding one folder per contract id.", valueName: "dir"))
    var dataroom = "/srv/dataroom"

    @Option(name: .long, help: ArgumentHelp("Reuse and update this scan cache; without it every file is hashed.", valueName: "file"))
    var database: String?

    @Option(name: .long, help: ArgumentHelp("Write the manifest here (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let manifest = ContractManifest(root: dataroom, contract: contract)
        let text: [UInt8]
        do {
            if let database {
                text = try manifest.build(store: try ExitReadyStore(path: database))
            } else {
                text = try manifest.build()
            }
        } catch let failure as ContractManifest.Failure {
            Output.error("exitreadyctl: \(failure)")
            if case .incomplete = failure { throw ExitCode(1) }
            throw ExitCode(2)
        } catch {
            Output.error("exitreadyctl: cannot open the database: \(error)")
            throw ExitCode(2)
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
}
