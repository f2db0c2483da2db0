/// Rules shared by the contract files and the registers.
enum InventoryRules {
    /// Day counts (notice, lead times, ages): up to a century.
    static let days = 0...36_500
    /// Month counts (renewal, termination assistance): up to a century.
    static let months = 0...1_200
    /// KPI counts per period.
    static let counts = 0...1_000_000_000
    /// File sizes.
    static let bytes = 0...(1 << 50)

    /// Why a document path is not allowed, or nil: it must stay inside the contract's folder.
    static func documentPathProblem(_ path: String, key: String) -> String? {
        if path.hasPrefix("/") {
            return "\(key): \(quoted(path)) is absolute; expected a path inside the contract's dataroom folder"
        }
        if path.split(separator: "/").contains("..") {
            return "\(key): \(quoted(path)) leaves the contract's dataroom folder; \"..\" is not allowed"
        }
        return nil
    }

    static func unknownContract(_ id: String, known: Set<String>) -> String {
        var message = "contract \(quoted(id)) is not in the inventory (no contracts/\(id).yaml)"
        if let near = suggestion(for: id, among: known.sorted()) { message += "; did you mean \(near)?" }
        return message
    }
}

/// Remembers where each (contract, id) pair was first seen, to report duplicates with both places.
struct FirstOccurrences {
    /// A file and line, shown as `file:line`.
    struct Place: CustomStringConvertible {
        var file: String
        var line: Int
        var description: String { "\(file):\(line)" }
    }

    private var places: [String: [String: Place]] = [:]

    /// Records the place; returns the earlier place when the pair was seen before.
    mutating func claim(contract: String, id: String, place: Place) -> Place? {
        if let first = places[contract]?[id] { return first }
        places[contract, default: [:]][id] = place
        return nil
    }

    func contains(contract: String, id: String) -> Bool {
        places[contract]?[id] != nil
    }
}
