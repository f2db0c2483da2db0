import ExitReadiness
import ExitReadinessStore

/// Builds a contract's handover manifest: from the scan cache (hashing only what is new or
/// changed) or, without a database, by hashing every file of the folder.
public struct ContractManifest: Sendable {
    public let root: String
    public let contract: String

    public init(root: String, contract: String) {
        self.root = root
        self.contract = contract
    }

    /// A hashed file of the folder.
    public struct Entry: Sendable, Equatable {
        /// Path relative to the contract folder, with '/' separators, as bytes.
        public var path: [UInt8]
        public var size: Int64
        public var sha256: [UInt8]
    }

    /// The files hashed, sorted by path bytes, and those that could not be: the manifest is
    /// complete only without problems (one without them would misstate the handover).
    public struct Listing: Sendable, Equatable {
        public var files: [Entry]
        public var problems: [ScanProblem]

        /// The manifest in the format `sha256sum -c` verifies.
        public var text: [UInt8] { Manifest.render(files.map { ($0.path, $0.sha256) }) }
    }

    public enum Failure: Error, CustomStringConvertible {
        /// Not a contract id: it could name a path outside the dataroom (`../../etc`).
        case invalidContract(String)
        case folder(FileTreeWalker.RootError)
        case scan(DataroomScanner.Failure)

        public var description: String {
            switch self {
            case .invalidContract(let id): "not a contract id: \(id) (lowercase letters, digits and '-', at most 63)"
            case .folder(let error): "cannot read the contract folder \(error)"
            case .scan(let error): error.description
            }
        }
    }

    /// The manifest, using and updating the scan cache.
    public func build(store: ExitReadyStore) throws(Failure) -> Listing {
        try checkContract()
        let report: DataroomScanner.Report
        do {
            report = try DataroomScanner(root: root, store: store).scan(only: contract, hash: true)
        } catch {
            throw .scan(error)
        }
        let files: [CachedFile]
        do {
            guard try store.hasFolder(contract) else {
                throw Failure.folder(
                    FileTreeWalker.RootError(path: root + "/" + contract, message: "no such folder", isMissing: true))
            }
            files = try store.files(of: contract)
        } catch let error as Failure {
            throw error
        } catch {
            throw .scan(.store(error))
        }
        let unhashed = files.filter { $0.sha256 == nil }.map {
            ScanProblem(path: contract + "/" + String(decoding: $0.path, as: UTF8.self), message: "not hashed")
        }
        let hashed = files.compactMap { file in file.sha256.map { Entry(path: file.path, size: file.size, sha256: $0) } }
        return listing(hashed, problems: report.problems + unhashed)
    }

    /// The manifest, hashing every file of the folder (no cache).
    public func build() throws(Failure) -> Listing {
        try checkContract()
        var requests: [HashRequest] = []
        let walked: [ScanProblem]
        do throws(FileTreeWalker.RootError) {
            walked = try FileTreeWalker.walk(root + "/" + contract, separator: 0, problemPrefix: contract + "/") { file in
                requests.append(
                    HashRequest(
                        contract: contract,
                        file: CachedFile(
                            key: file.path, size: file.size, modifiedNanoseconds: file.modifiedNanoseconds, inode: file.inode,
                            mode: file.mode)))
            }
        } catch {
            throw .folder(error)
        }
        let (hashes, problems) = FileHasher(root: root).hashAll(requests)
        return listing(
            hashes.map { Entry(path: $0.file.path, size: $0.file.size, sha256: $0.sha256) },
            problems: walked + problems)
    }

    private func checkContract() throws(Failure) {
        guard Contract.isValidID(contract) else { throw .invalidContract(contract) }
    }

    private func listing(_ files: [Entry], problems: [ScanProblem]) -> Listing {
        Listing(
            files: files.sorted { $0.path.lexicographicallyPrecedes($1.path) },
            problems: problems.sorted { $0.path < $1.path })
    }
}
