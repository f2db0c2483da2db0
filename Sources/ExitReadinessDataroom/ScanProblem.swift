/// Something that went wrong in part of the tree; the rest of the scan goes on.
public struct ScanProblem: Error, Sendable, Equatable, CustomStringConvertible {
    /// Path relative to the dataroom root.
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
