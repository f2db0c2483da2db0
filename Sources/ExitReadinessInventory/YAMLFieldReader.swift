import ExitReadiness
import Yams

/// Typed, located access to the nodes of one YAML file, collecting a diagnostic for every value
/// that is not what the inventory format allows.
///
/// Scalars are interpreted here rather than by a YAML resolver: the format allows only `true`
/// and `false` as booleans, plain decimal numbers and `YYYY-MM-DD` dates, and says so when a
/// value is anything else.
final class YAMLFieldReader {
    let file: String
    private(set) var diagnostics: [Diagnostic] = []

    init(file: String) {
        self.file = file
    }

    /// Parses the text into a single document; nil (with a diagnostic) on a syntax error or an
    /// empty file.
    func parseDocument(_ text: String) -> Node? {
        do {
            let parser = try Parser(yaml: text, resolver: .basic, constructor: .default, encoding: .utf8)
            guard let root = try parser.nextRoot() else {
                report(line: 1, column: 1, "the file is empty; expected a mapping of keys")
                return nil
            }
            if try parser.nextRoot() != nil {
                report(line: 1, column: 1, "the file holds more than one YAML document; expected one")
                return nil
            }
            return root
        } catch let error as YamlError {
            reportSyntax(error)
        } catch {
            report(line: 1, column: 1, "cannot parse YAML: \(error)")
        }
        return nil
    }

    func report(line: Int, column: Int, _ message: String) {
        diagnostics.append(Diagnostic(file: file, line: line, column: column, message: message))
    }

    func report(at node: Node, _ message: String) {
        let mark = node.mark
        report(line: mark?.line ?? 1, column: mark?.column ?? 1, message)
    }

    /// The key/value pairs of a mapping, checking keys against the allowed ones.
    func mapping(_ node: Node, what: String, allowed: [String]) -> [(key: String, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            report(at: node, "\(what) must be a mapping of keys, found \(describe(node))")
            return nil
        }
        var pairs: [(key: String, value: Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                report(at: keyNode, "keys of \(what) must be plain names, found \(describe(keyNode))")
                continue
            }
            guard allowed.contains(key.string) else {
                var message = "unknown key \(quoted(key.string)) in \(what); allowed keys: "
                    + allowed.joined(separator: ", ")
                if let near = suggestion(for: key.string, among: allowed) { message += " (did you mean \(near)?)" }
                report(at: keyNode, message)
                continue
            }
            pairs.append((key.string, value))
        }
        return pairs
    }

    /// Reports every required key that the mapping lacks (or sets to null), at the mapping.
    func requireKeys(_ required: [String], in pairs: [(key: String, value: Node)], of node: Node, what: String) {
        for key in required where !pairs.contains(where: { $0.key == key && !isNull($0.value) }) {
            report(at: node, "\(what) lacks the required key \(key)")
        }
    }

    func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    // MARK: Typed values. Each returns nil and reports when the value is not allowed.

    func string(_ node: Node, key: String, nonEmpty: Bool = false) -> String? {
        guard case .scalar(let scalar) = node else {
            report(at: node, "\(key) must be text, found \(describe(node))")
            return nil
        }
        if nonEmpty && (scalar.string.allSatisfy(\.isWhitespace) || isNull(node)) {
            report(at: node, "\(key) must not be empty")
            return nil
        }
        return scalar.string
    }

    func integer(_ node: Node, key: String, minimum: Int) -> Int? {
        guard let text = plainScalar(node), let value = Self.parseInteger(text) else {
            report(at: node, "\(key): \(describeValue(node)) is not an integer; expected a whole number >= \(minimum)")
            return nil
        }
        guard value >= minimum else {
            report(at: node, "\(key): \(value) is too small; expected a whole number >= \(minimum)")
            return nil
        }
        return value
    }

    func number(_ node: Node, key: String, minimum: Double) -> Double? {
        guard let text = plainScalar(node), let value = Self.parseNumber(text) else {
            report(at: node, "\(key): \(describeValue(node)) is not a number; expected a decimal number >= \(minimum.formatted)")
            return nil
        }
        guard value >= minimum else {
            report(at: node, "\(key): \(text) is too small; expected a decimal number >= \(minimum.formatted)")
            return nil
        }
        return value
    }

    func bool(_ node: Node, key: String) -> Bool? {
        switch plainScalar(node) {
        case "true": return true
        case "false": return false
        default:
            report(at: node, "\(key): \(describeValue(node)) is not a boolean; expected true or false")
            return nil
        }
    }

    func date(_ node: Node, key: String) -> Day? {
        guard case .scalar(let scalar) = node, let day = Day(iso: scalar.string) else {
            report(at: node, "\(key): \(describeValue(node)) is not a valid date; expected YYYY-MM-DD")
            return nil
        }
        return day
    }

    func enumeration<E: RawRepresentable & CaseIterable>(_ node: Node, key: String, as type: E.Type) -> E?
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue)
        guard case .scalar(let scalar) = node, let value = E(rawValue: scalar.string) else {
            var message = "\(key): \(describeValue(node)) is not allowed; expected \(alternatives(allowed))"
            if case .scalar(let scalar) = node, let near = suggestion(for: scalar.string, among: allowed) {
                message += " (did you mean \(near)?)"
            }
            report(at: node, message)
            return nil
        }
        return value
    }

    func sequence(_ node: Node, key: String) -> [Node]? {
        guard case .sequence(let sequence) = node else {
            report(at: node, "\(key) must be a list, found \(describe(node))")
            return nil
        }
        return Array(sequence)
    }

    /// A path inside the contract's dataroom folder: relative, without `..`.
    func documentPath(_ node: Node, key: String) -> String? {
        guard let path = string(node, key: key, nonEmpty: true) else { return nil }
        if let problem = InventoryRules.documentPathProblem(path, key: key) {
            report(at: node, problem)
            return nil
        }
        return path
    }

    // MARK: Helpers

    private func plainScalar(_ node: Node) -> String? {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return nil }
        return scalar.string
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): return "the value \(quoted(scalar.string))"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    private func describeValue(_ node: Node) -> String {
        if case .scalar(let scalar) = node {
            return scalar.style == .plain || scalar.style == .any ? quoted(scalar.string) : "quoted text \(quoted(scalar.string))"
        }
        return describe(node)
    }

    private func reportSyntax(_ error: YamlError) {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { " (\($0.text))" } ?? ""
            report(line: mark.line, column: mark.column, "YAML syntax error: \(problem)\(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            report(line: context.mark.line, column: context.mark.column,
                   "duplicate key \(duplicates.map(quoted).joined(separator: ", ")) in a mapping; each key may appear once")
        case let .reader(problem, offset, _, _):
            report(line: 1, column: 1, "cannot read the file as YAML: \(problem)\(offset.map { " at byte \($0)" } ?? "")")
        default:
            report(line: 1, column: 1, "cannot parse YAML: \(error)")
        }
    }

    /// Decimal digits with an optional minus sign, nothing else.
    static func parseInteger(_ text: String) -> Int? {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.count <= 18, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        return Int(text)
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

extension Node {
    var mark: Mark? {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .mapping(let mapping): mapping.mark
        case .sequence(let sequence): sequence.mark
        case .alias(let alias): alias.mark
        }
    }
}

extension Double {
    /// `1` for whole numbers, else the shortest form.
    var formatted: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}
