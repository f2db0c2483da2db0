/// Where the evaluator finds each contract's folder.
public protocol DataroomView {
    /// What looking a folder up can fail with (not a missing folder: that is nil); `Never`
    /// for views that cannot fail.
    associatedtype Failure: Error = Never

    /// The contract's folder, or nil when it has none.
    func folder(for contractID: String) throws(Failure) -> ContractFolder?
}
