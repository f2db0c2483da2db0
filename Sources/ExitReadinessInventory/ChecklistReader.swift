import ExitReadiness

/// Reads the dataroom checklist (`dataroom.yaml`), reporting every problem it finds.
public struct ChecklistReader {
    static let requirementKeys = ["id", "title", "patterns", "max_age_days", "min_bytes", "weight", "applies_to"]

    public init() {}

    /// The checklist at `path`, or every diagnostic of the file.
    public func read(path: String) throws(InventoryErrors) -> Checklist {
        let bytes: [UInt8]
        do {
            bytes = try TextFile.read(path)
        } catch {
            throw InventoryErrors([error])
        }
        let fields = YAMLFieldReader(file: path)
        let checklist = parse(bytes, fields: fields)
        guard let checklist, fields.diagnostics.isEmpty else { throw InventoryErrors(fields.diagnostics) }
        return checklist
    }

    private func parse(_ bytes: [UInt8], fields: YAMLFieldReader) -> Checklist? {
        guard let root = fields.parseDocument(bytes),
            let pairs = fields.mapping(root, what: "the checklist", allowed: ["requirements"])
        else { return nil }
        fields.requireKeys(["requirements"], in: pairs, of: root, what: "the checklist")
        guard let list = pairs.first(where: { $0.key == "requirements" && !fields.isNull($0.value) }).map(\.value),
            let items = fields.sequence(list, key: "requirements")
        else { return nil }
        var requirements: [Requirement] = []
        var seen: [String: Int] = [:]
        for item in items {
            guard let requirement = requirement(item, fields: fields) else { continue }
            if let line = seen[requirement.id] {
                fields.report(
                    at: item, "requirement id \(quoted(requirement.id)) is used twice (first on line \(line)); ids must be unique"
                )
                continue
            }
            seen[requirement.id] = item.line
            requirements.append(requirement)
        }
        return Checklist(requirements: requirements)
    }

    private func requirement(_ node: YAMLNode, fields: YAMLFieldReader) -> Requirement? {
        guard let pairs = fields.mapping(node, what: "a requirement", allowed: Self.requirementKeys) else { return nil }
        fields.requireKeys(["id", "title", "patterns"], in: pairs, of: node, what: "the requirement")
        let before = fields.diagnostics.count
        var id: String?
        var title: String?
        var patterns: [Glob] = []
        var requirement = Requirement(id: "", title: "", patterns: [])
        for (key, value) in pairs where !fields.isNull(value) {
            switch key {
            case "id":
                id = fields.string(value, key: key, nonEmpty: true)
                if let text = id, !Self.isValidID(text) {
                    fields.report(at: value, "id: \(quoted(text)) is not allowed; expected lower-case letters, digits and '-'")
                }
            case "title": title = fields.string(value, key: key, nonEmpty: true)
            case "patterns": patterns = readPatterns(value, fields: fields)
            case "max_age_days": requirement.maxAgeDays = fields.integer(value, key: key, in: InventoryRules.days) ?? 0
            case "min_bytes": requirement.minBytes = Int64(fields.integer(value, key: key, in: InventoryRules.bytes) ?? 1)
            case "weight":
                requirement.weight = fields.number(value, key: key, minimum: 0, exclusive: true) ?? 1
            case "applies_to": requirement.appliesTo = readCriticalities(value, fields: fields)
            default: break
            }
        }
        guard fields.diagnostics.count == before, let id, let title else { return nil }
        requirement.id = id
        requirement.title = title
        requirement.patterns = patterns
        return requirement
    }

    private func readPatterns(_ node: YAMLNode, fields: YAMLFieldReader) -> [Glob] {
        guard let items = fields.sequence(node, key: "patterns") else { return [] }
        if items.isEmpty { fields.report(at: node, "patterns: the list is empty; give at least one glob") }
        return items.compactMap { item in
            guard let pattern = fields.string(item, key: "patterns", nonEmpty: true) else { return nil }
            if pattern.hasPrefix("/") {
                fields.report(at: item, "patterns: \(quoted(pattern)) is absolute; globs are relative to the contract's folder")
                return nil
            }
            if pattern.split(separator: "/", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
                fields.report(at: item, "patterns: \(quoted(pattern)) has an empty path segment (\"//\" or a trailing \"/\")")
                return nil
            }
            return Glob(pattern)
        }
    }

    private func readCriticalities(_ node: YAMLNode, fields: YAMLFieldReader) -> Set<Criticality> {
        var result: Set<Criticality> = []
        for item in fields.sequence(node, key: "applies_to") ?? [] {
            guard let criticality = fields.enumeration(item, key: "applies_to", as: Criticality.self) else { continue }
            if !result.insert(criticality).inserted {
                fields.report(at: item, "applies_to: \(criticality.rawValue) is listed twice")
            }
        }
        return result
    }

    /// Requirement ids: `[a-z0-9-]+`.
    static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
    }
}
