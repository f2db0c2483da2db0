/// Register rows collected per contract, with the ids (persons, processes) each contract has
/// used and where each was first seen, to report duplicates with both places.
///
/// Rows of one contract usually come one after another, so the current contract's rows and ids
/// are kept apart and the dictionary of contracts is only touched when the contract changes: a
/// register of half a million rows costs a few thousand updates of it, not half a million.
struct ContractRegister<Record> {
    /// A file and line, shown as `file:line`.
    struct Place: CustomStringConvertible {
        var file: String
        var line: Int
        var description: String { "\(file):\(line)" }
    }

    private struct Entry {
        var records: [Record] = []
        var ids: [String: Place] = [:]
    }

    private var entries: [String: Entry] = [:]
    private var currentContract: String?
    private var current = Entry()

    /// Records that `id` was used by `contract` at `place`; returns the earlier place when it
    /// was used before.
    mutating func claim(_ id: String, in contract: String, at place: Place) -> Place? {
        select(contract)
        if let first = current.ids[id] { return first }
        current.ids[id] = place
        return nil
    }

    func contains(_ id: String, in contract: String) -> Bool {
        contract == currentContract ? current.ids[id] != nil : entries[contract]?.ids[id] != nil
    }

    mutating func append(_ record: Record, to contract: String) {
        select(contract)
        current.records.append(record)
    }

    /// Every contract's rows, in the order they were read.
    mutating func finish() -> [String: [Record]] {
        select(nil)
        return entries.mapValues(\.records)
    }

    private mutating func select(_ contract: String?) {
        guard contract != currentContract else { return }
        let previousCount = current.ids.count
        if let currentContract { entries[currentContract] = current }
        currentContract = contract
        // A new contract likely has about as many ids as the one before: room for them up front
        // spares growing the table several times, hashing every id again each time.
        current =
            contract.flatMap { entries.removeValue(forKey: $0) }
            ?? Entry(ids: Dictionary(minimumCapacity: previousCount))
    }
}

/// The contract ids of the inventory, with the last id found remembered (register rows of one
/// contract usually come together).
struct KnownContracts {
    let ids: Set<String>
    private var last: String?

    init(_ ids: Set<String>) {
        self.ids = ids
    }

    mutating func contains(_ id: String) -> Bool {
        if id == last { return true }
        guard ids.contains(id) else { return false }
        last = id
        return true
    }
}
