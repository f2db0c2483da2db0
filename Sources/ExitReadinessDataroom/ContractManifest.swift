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

    public enum Failure: Error, CustomStringConvertible {
        case folder(FileTreeWalker.RootError)
        case scan(DataroomScanner.Failure)
        /// Files that could not be hashed: a manifest without them would misstate the handover.
        case incomplete([ScanProblem])

        public var description: String {
            switch self {
            case .folder(let error): "cannot read the contract folder \(error)"
            case .scan(let error): error.description
            case .incomplete(let problems):
                "the manifest would be incomplete:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
            }
        }
    }

    /// The manifest, using and updating the scan cache.
    public func build(store: ExitReadyStore) throws(Failure) -> [UInt8] {
        let report: DataroomScanner.Report
        do {
            report = try DataroomScanner(root: root, store: store).scan(only: contract, hash: true)
        } catch {
            throw .scan(error)
        }
        guard report.problems.isEmpty else { throw .incomplete(report.problems) }
        let files: [CachedFile]
        do {
            guard try store.hasFolder(contract) else {
                throw Failure.folder(FileTreeWalker.RootError(path: root + "/" + contract, message: "no such folder", isMissing: true))
            }
            files = try store.files(of: contract)
        } catch let error as Failure {
            throw error
        } catch {
            throw .scan(.store(error))
        }
        let unhashed = files.filter { $0.sha256 == nil }
        guard unhashed.isEmpty else {
            throw .incomplete(unhashed.map { ScanProblem(path: contract + "/" + String(decoding: $0.path, as: UTF8.self),
                                                         message: "not hashed") })
        }
        return Manifest.render(files.map { ($0.path, $0.sha256!) })
    }

    /// The manifest, hashing every file of the folder (no cache).
    public func build() throws(Failure) -> [UInt8] {
        var requests: [HashRequest] = []
        let walked: [ScanProblem]
        do throws(FileTreeWalker.RootError) {
            walked = try FileTreeWalker.walk(root + "/" + contract, separator: 0, problemPrefix: contract + "/") { file in
                requests.append(HashRequest(contract: contract, file: CachedFile(
                    key: file.path, size: file.size, modifiedNanoseconds: file.modifiedNanoseconds, inode: file.inode,
                    mode: file.mode)))
            }
        } catch {
            throw .folder(error)
        }
        let (hashes, problems) = FileHasher(root: root).hashAll(requests)
        guard walked.isEmpty, problems.isEmpty else { throw .incomplete(walked + problems) }
        return Manifest.render(hashes.map { ($0.file.path, $0.sha256) })
    }
}
