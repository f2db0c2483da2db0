extension ExitReadyStore {
    /// What failed in the database, with the file and SQLite's own error.
    public enum Error: Swift.Error, CustomStringConvertible {
        /// The file cannot be opened, or its schema cannot be brought up to date.
        case cannotOpen(path: String, any Swift.Error)
        /// SQLite opened the file read-only (the state directory is not writable).
        case readOnly(path: String)
        /// A read failed.
        case readFailed(path: String, any Swift.Error)
        /// A write failed: nothing of that transaction is stored.
        case writeFailed(path: String, any Swift.Error)

        /// Opening names the file; reads and writes say what SQLite said (their callers name the file).
        public var description: String {
            switch self {
            case .cannotOpen(let path, let error): "\(path): \(error)"
            case .readOnly(let path): "\(path): the database is read-only; the state directory must be writable"
            case .readFailed(_, let error), .writeFailed(_, let error): "\(error)"
            }
        }
    }
}
