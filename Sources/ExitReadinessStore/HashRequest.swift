/// A file waiting to be hashed, with what the cache expects to find.
public struct HashRequest: Sendable {
    public var contract: String
    public var file: CachedFile

    public init(contract: String, file: CachedFile) {
        self.contract = contract
        self.file = file
    }
}
