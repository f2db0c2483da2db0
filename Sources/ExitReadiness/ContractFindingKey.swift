/// A finding named across a portfolio: its contract, code and subject.
public struct ContractFindingKey: Sendable, Equatable {
    public var contract: String
    public var key: FindingKey

    public init(contract: String, key: FindingKey) {
        self.contract = contract
        self.key = key
    }
}
