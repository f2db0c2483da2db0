/// One row of the process register: a formal procedure or an informal workaround.
public struct ProcessRecord: Sendable, Equatable {
    public var contract: String
    /// Identifier, unique within the contract.
    public var process: String
    public var name: String
    public var kind: Kind
    public var owner: String
    /// Path inside the contract's dataroom folder, or nil.
    public var document: String?
    public var necessary: Answer
    public var standardizable: Answer
    public var transferable: Answer
    public var reviewed: Day?

    public init(
        contract: String, process: String, name: String, kind: Kind, owner: String = "",
        document: String? = nil, necessary: Answer = .unknown, standardizable: Answer = .unknown,
        transferable: Answer = .unknown, reviewed: Day? = nil
    ) {
        self.contract = contract
        self.process = process
        self.name = name
        self.kind = kind
        self.owner = owner
        self.document = document
        self.necessary = necessary
        self.standardizable = standardizable
        self.transferable = transferable
        self.reviewed = reviewed
    }

    /// Informal processes (workarounds, shadow administration, shadow IT, ad-hoc exchanges)
    /// weigh double: they are the ones that surface only at the exit.
    public enum Kind: String, Sendable, CaseIterable {
        case formal, informal
    }

    public enum Answer: String, Sendable, CaseIterable {
        case yes, no, unknown
    }
}
