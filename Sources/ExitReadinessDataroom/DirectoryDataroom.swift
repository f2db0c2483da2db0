import ExitReadiness
import Synchronization

/// The dataroom read straight from disk: each contract folder is walked when it is asked for.
///
/// Problems met below a contract folder (unreadable directories, files vanishing mid-walk) are
/// collected in `problems`; they never stop the evaluation.
public final class DirectoryDataroom: DataroomView, Sendable {
    public let root: String
    private let collected = Mutex<[ScanProblem]>([])

    /// Fails when the root is missing, not a directory or unreadable.
    public init(root: String) throws(FileTreeWalker.RootError) {
        self.root = root
        try FileTreeWalker.checkListable(root)
    }

    public var problems: [ScanProblem] { collected.withLock { $0 } }

    public func folder(for contractID: String) -> ContractFolder? {
        var files: [DataroomFile] = []
        do {
            let problems = try FileTreeWalker.walk(root + "/" + contractID, problemPrefix: contractID + "/") { file in
                files.append(file.dataroomFile)
            }
            collected.withLock { $0 += problems }
        } catch {
            if !error.isMissing {
                collected.withLock { $0.append(ScanProblem(path: contractID, message: error.message)) }
            }
            return nil
        }
        return ContractFolder(files: files)
    }
}
