/// A JSON value whose objects keep their key order, so that documents read the way the
/// specification lists them and are byte-identical from run to run.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let l), .bool(let r)): l == r
        case (.integer(let l), .integer(let r)): l == r
        case (.number(let l), .number(let r)): l == r
        case (.integer(let l), .number(let r)), (.number(let r), .integer(let l)): Double(l) == r
        case (.string(let l), .string(let r)): l == r
        case (.array(let l), .array(let r)): l == r
        case (.object(let l), .object(let r)): l.count == r.count && zip(l, r).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    /// The value of a key of an object (the first, if repeated).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    /// An optional string as a string or null.
    public static func string(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
    public static func number(_ value: Double?) -> JSONValue { value.map { .number($0) } ?? .null }

    /// Compact UTF-8 text.
    public func serialized() -> String {
        String(decoding: encoded(), as: UTF8.self)
    }

    /// Indented with two spaces, for people and golden files.
    public func prettyPrinted() -> String {
        String(decoding: encoded(pretty: true), as: UTF8.self)
    }

    /// UTF-8 bytes: compact (as sent on a socket) or indented with two spaces.
    public func encoded(pretty: Bool = false) -> [UInt8] {
        var output: [UInt8] = []
        write(to: &output, indent: pretty ? 2 : nil, depth: 0)
        return output
    }

    /// Appends the value's UTF-8 bytes to `output`, encoded as `encoded(pretty:)` encodes a value
    /// nested `depth` levels deep in a document (for writing a document piece by piece).
    public func encode(into output: inout [UInt8], pretty: Bool, depth: Int) {
        write(to: &output, indent: pretty ? 2 : nil, depth: depth)
    }

    private func write(to output: inout [UInt8], indent: Int?, depth: Int) {
        switch self {
        case .null: output.append(contentsOf: "null".utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .integer(let value): output.append(contentsOf: String(value).utf8)
        case .number(let value): output.append(contentsOf: (value.isFinite ? String(value) : "null").utf8)
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                JSONValue.separate(index, &output, indent: indent, depth: depth + 1)
                element.write(to: &output, indent: indent, depth: depth + 1)
            }
            JSONValue.close(UInt8(ascii: "]"), empty: elements.isEmpty, &output, indent: indent, depth: depth)
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                JSONValue.separate(index, &output, indent: indent, depth: depth + 1)
                JSONValue.writeString(member.0, to: &output)
                output.append(UInt8(ascii: ":"))
                if indent != nil { output.append(UInt8(ascii: " ")) }
                member.1.write(to: &output, indent: indent, depth: depth + 1)
            }
            JSONValue.close(UInt8(ascii: "}"), empty: members.isEmpty, &output, indent: indent, depth: depth)
        }
    }

    private static func separate(_ index: Int, _ output: inout [UInt8], indent: Int?, depth: Int) {
        if index > 0 { output.append(UInt8(ascii: ",")) }
        newline(&output, indent: indent, depth: depth)
    }

    private static func close(_ bracket: UInt8, empty: Bool, _ output: inout [UInt8], indent: Int?, depth: Int) {
        if !empty { newline(&output, indent: indent, depth: depth) }
        output.append(bracket)
    }

    private static func newline(_ output: inout [UInt8], indent: Int?, depth: Int) {
        guard let indent else { return }
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * depth))
    }

    private static func writeString(_ value: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            var runStart = 0
            for (index, byte) in bytes.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
            {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): output.append(contentsOf: "\\\"".utf8)
                case UInt8(ascii: "\\"): output.append(contentsOf: "\\\\".utf8)
                case UInt8(ascii: "\n"): output.append(contentsOf: "\\n".utf8)
                case UInt8(ascii: "\r"): output.append(contentsOf: "\\r".utf8)
                case UInt8(ascii: "\t"): output.append(contentsOf: "\\t".utf8)
                default:
                    let hex = String(byte, radix: 16)
                    output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSONValue {
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// Numbers of either kind as a Double.
    public var doubleValue: Double? {
        switch self {
        case .number(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    public var intValue: Int? {
        switch self {
        case .integer(let value): value
        case .number(let value) where value == value.rounded() && abs(value) < 9e15: Int(value)
        default: nil
        }
    }

    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    public var isNull: Bool { self == .null }
}
