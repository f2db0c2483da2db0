import ExitReadiness

/// Typed, located access to the nodes of one YAML file, collecting a diagnostic for every value
/// that is not what the inventory format allows.
///
/// Scalars are interpreted here rather than by a YAML resolver: the format allows only `true`
/// and `false` as booleans, plain decimal numbers and `YYYY-MM-DD` dates, and says so when a
/// value is anything else.
final class YAMLFieldReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []
    /// Likely mistakes that do not stop the file from being used.
    private(set) var warnings: [Diagnostic] = []
    /// Per mapping (by position), the allowed keys suggested for misspelt ones: a key reported
    /// as "did you mean X?" is not reported missing as well.
    private var suggestedKeys: [Position: Set<String>] = [:]

    private struct Position: Hashable {
        var line: Int
        var column: Int
    }

    init(file: String) {
        self.file = file
    }

    /// Parses the bytes into a single document; nil (with a diagnostic) on a syntax error or an
    /// empty file.
    func parseDocument(_ bytes: [UInt8]) -> YAMLNode? {
        do {
            let (root, duplicates) = try YAMLParser.parse(bytes)
            for duplicate in duplicates { report(line: duplicate.line, column: duplicate.column, duplicate.message) }
            guard let root else {
                report(line: 1, column: 1, "the file is empty; expected a mapping of keys")
                return nil
            }
            return root
        } catch {
            report(line: error.line, column: error.column, error.message)
            return nil
        }
    }

    func report(line: Int, column: Int, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, message: message))
    }

    func report(at node: YAMLNode, _ message: String) {
        report(line: node.line, column: node.column, message)
    }

    func warn(at node: YAMLNode, _ message: String) {
        warnings.append(Diagnostic(file: file, line: node.line, column: node.column, message: message, severity: .warning))
    }

    /// The key/value pairs of a mapping, checking keys against the allowed ones.
    func mapping(_ node: YAMLNode, what: String, allowed: [String]) -> [(key: String, value: YAMLNode)]? {
        guard case .mapping(let mapping) = node.kind else {
            report(at: node, "\(what) must be a mapping of keys, found \(describe(node))")
            return nil
        }
        var pairs: [(key: String, value: YAMLNode)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key, _) = keyNode.kind else {
                report(at: keyNode, "keys of \(what) must be plain names, found \(describe(keyNode))")
                continue
            }
            guard allowed.contains(key) else {
                var message = "unknown key \(quoted(key)) in \(what); allowed keys: " + allowed.joined(separator: ", ")
                if let near = suggestion(for: key, among: allowed) {
                    message += " (did you mean \(near)?)"
                    suggestedKeys[Position(line: node.line, column: node.column), default: []].insert(near)
                }
                report(at: keyNode, message)
                continue
            }
            pairs.append((key, value))
        }
        return pairs
    }

    /// Reports every required key that the mapping lacks (at the mapping) or leaves without a
    /// value (at the value); a key already suggested for a misspelt one is not reported again.
    func requireKeys(_ required: [String], in pairs: [(key: String, value: YAMLNode)], of node: YAMLNode, what: String) {
        let suggested = suggestedKeys[Position(line: node.line, column: node.column)] ?? []
        for key in required {
            if let pair = pairs.first(where: { $0.key == key }) {
                if isNull(pair.value) { report(at: pair.value, "\(key) has no value; a value is required") }
            } else if !suggested.contains(key) {
                report(at: node, "\(what) lacks the required key \(key)")
            }
        }
    }

    func isNull(_ node: YAMLNode) -> Bool {
        guard let text = plainScalar(node) else { return false }
        return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
    }

    // MARK: Typed values. Each returns nil and reports when the value is not allowed.

    func string(_ node: YAMLNode, key: String, nonEmpty: Bool = false) -> String? {
        guard case .scalar(let text, _) = node.kind else {
            report(at: node, "\(key) must be text, found \(describe(node))")
            return nil
        }
        if nonEmpty && (text.allSatisfy(\.isWhitespace) || isNull(node)) {
            report(at: node, "\(key) must not be empty")
            return nil
        }
        return text
    }

    /// A plain decimal integer within `range` (the bounds keep date arithmetic and sums exact).
    func integer(_ node: YAMLNode, key: String, in range: ClosedRange<Int>) -> Int? {
        // Worded only for an error: a contract file holds dozens of integers.
        var expected: String { "expected a whole number from \(range.lowerBound) to \(range.upperBound)" }
        guard let text = plainScalar(node), Self.isInteger(text) else {
            report(at: node, "\(key): \(describeValue(node)) is not an integer; \(expected)")
            return nil
        }
        guard let value = Int(text), value <= range.upperBound else {
            report(at: node, "\(key): \(text) is too large; \(expected)")
            return nil
        }
        guard value >= range.lowerBound else {
            report(at: node, "\(key): \(value) is too small; \(expected)")
            return nil
        }
        return value
    }

    /// A plain decimal number at least `minimum` (or greater than it, when `exclusive`).
    func number(_ node: YAMLNode, key: String, minimum: Double, exclusive: Bool = false) -> Double? {
        let expected = "expected a decimal number \(exclusive ? "greater than" : "of at least") \(minimum.formatted)"
        guard let text = plainScalar(node), let value = Self.parseNumber(text) else {
            report(at: node, "\(key): \(describeValue(node)) is not a number; \(expected)")
            return nil
        }
        guard exclusive ? value > minimum : value >= minimum else {
            report(at: node, "\(key): \(text) is too small; \(expected)")
            return nil
        }
        return value
    }

    func bool(_ node: YAMLNode, key: String) -> Bool? {
        switch plainScalar(node) {
        case "true": return true
        case "false": return false
        default:
            report(at: node, "\(key): \(describeValue(node)) is not a boolean; expected true or false")
            return nil
        }
    }

    func date(_ node: YAMLNode, key: String) -> Day? {
        guard case .scalar(let text, _) = node.kind, let day = Day(iso: text) else {
            report(at: node, "\(key): \(describeValue(node)) is not a valid date; expected YYYY-MM-DD")
            return nil
        }
        return day
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ node: YAMLNode, key: String, as type: E.Type) -> E?
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        guard case .scalar(let text, _) = node.kind, let value = E(rawValue: text) else {
            var message = "\(key): \(describeValue(node)) is not allowed; expected \(alternatives(allowed))"
            if case .scalar(let text, _) = node.kind, let near = suggestion(for: text, among: allowed) {
                message += " (did you mean \(near)?)"
            }
            report(at: node, message)
            return nil
        }
        return value
    }

    func sequence(_ node: YAMLNode, key: String) -> [YAMLNode]? {
        guard case .sequence(let items) = node.kind else {
            report(at: node, "\(key) must be a list, found \(describe(node))")
            return nil
        }
        return items
    }

    /// A path inside the contract's dataroom folder: relative, without `..`.
    func documentPath(_ node: YAMLNode, key: String) -> String? {
        guard let path = string(node, key: key, nonEmpty: true) else { return nil }
        if let problem = InventoryRules.documentPathProblem(path, key: key) {
            report(at: node, problem)
            return nil
        }
        return path
    }

    // MARK: Helpers

    private func plainScalar(_ node: YAMLNode) -> String? {
        guard case .scalar(let text, plain: true) = node.kind else { return nil }
        return text
    }

    func describe(_ node: YAMLNode) -> String {
        switch node.kind {
        case .scalar(let text, _): "the value \(quoted(text))"
        case .mapping: "a mapping"
        case .sequence: "a list"
        }
    }

    private func describeValue(_ node: YAMLNode) -> String {
        guard case .scalar(let text, let plain) = node.kind else { return describe(node) }
        return plain ? quoted(text) : "quoted text \(quoted(text))"
    }

    /// Decimal digits with an optional minus sign, nothing else.
    static func isInteger(_ text: String) -> Bool {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 48 && $0 <= 57 }
    }

    /// A plain decimal number such as `250000`, `-3`, `1.5` or `2.5e5`; no hex, no infinities.
    static func parseNumber(_ text: String) -> Double? {
        var sawDigit = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "-"), UInt8(ascii: "+"): continue
            default: return nil
            }
        }
        guard sawDigit, let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

extension Double {
    /// `1` for whole numbers, else the shortest form.
    var formatted: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
