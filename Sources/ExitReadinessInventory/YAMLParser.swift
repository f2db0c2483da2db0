import CYAML

/// Parses one YAML document with libyaml into `YAMLNode`s.
///
/// libyaml's event parser is used directly: building our own small nodes is several times
/// faster than a general YAML object model, which matters with ten thousand contract files.
/// Anchors and aliases are resolved, duplicate mapping keys rejected, nesting is bounded.
enum YAMLParser {
    struct Failure: Error {
        var line: Int
        var column: Int
        var message: String
    }

    /// Deeper documents are rejected rather than risk exhausting memory on hostile input.
    static let maximumDepth = 256

    /// The document's root (nil for an empty file) and the duplicate keys it held; the first
    /// value of a duplicated key is kept, so the rest of the file can still be checked.
    static func parse(_ bytes: [UInt8]) throws(Failure) -> (root: YAMLNode?, duplicates: [Failure]) {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { throw Failure(line: 1, column: 1, message: "cannot start the YAML parser") }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { buffer throws(Failure) -> (root: YAMLNode?, duplicates: [Failure]) in
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count)
            var composer = Composer(bytesCount: buffer.count)
            do throws(Failure) {
                return (try composer.run(&parser), composer.duplicates)
            } catch {
                guard parser.error == YAML_READER_ERROR else { throw error }
                // Reader errors (e.g. control characters) carry a byte offset, not a mark.
                let (line, column) = TextFile.position(of: min(Int(parser.problem_offset), buffer.count), in: buffer)
                throw Failure(line: line, column: column, message: error.message)
            }
        }
    }

    /// Turns the event stream into nodes with an explicit stack (no recursion on input depth).
    private struct Composer {
        /// A collection being filled.
        struct Open {
            var node: YAMLNode
            var anchor: String?
            var pendingKey: YAMLNode?
            var keys: [String: Int] = [:]
        }

        let bytesCount: Int
        var stack: [Open] = []
        var anchors: [String: YAMLNode] = [:]
        var root: YAMLNode?
        var documents = 0
        var duplicates: [Failure] = []

        mutating func run(_ parser: inout yaml_parser_t) throws(Failure) -> YAMLNode? {
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError(parser) }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return root
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        throw Failure(line: line, column: column, message: "the file holds more than one YAML document; expected one")
                    }
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                    let node = YAMLNode(kind: .scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE),
                                        line: line, column: column)
                    try add(node, anchor: Self.string(scalar.anchor))
                case YAML_ALIAS_EVENT:
                    let name = Self.string(event.data.alias.anchor) ?? ""
                    guard let node = anchors[name] else {
                        throw Failure(line: line, column: column, message: "unknown alias *\(name)")
                    }
                    try add(YAMLNode(kind: node.kind, line: line, column: column), anchor: nil)
                case YAML_SEQUENCE_START_EVENT:
                    try open(YAMLNode(kind: .sequence([]), line: line, column: column), anchor: Self.string(event.data.sequence_start.anchor))
                case YAML_MAPPING_START_EVENT:
                    try open(YAMLNode(kind: .mapping([]), line: line, column: column), anchor: Self.string(event.data.mapping_start.anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    let closed = stack.removeLast()
                    try add(closed.node, anchor: closed.anchor)
                default:
                    break
                }
            }
        }

        mutating func open(_ node: YAMLNode, anchor: String?) throws(Failure) {
            guard stack.count < YAMLParser.maximumDepth else {
                throw Failure(line: node.line, column: node.column,
                              message: "the document is nested more than \(YAMLParser.maximumDepth) levels deep")
            }
            stack.append(Open(node: node, anchor: anchor))
        }

        /// Adds a finished node to the collection being filled, or makes it the root.
        mutating func add(_ node: YAMLNode, anchor: String?) throws(Failure) {
            if let anchor { anchors[anchor] = node }
            guard !stack.isEmpty else {
                root = node
                return
            }
            let top = stack.count - 1
            switch stack[top].node.kind {
            case .sequence(var items):
                stack[top].node.kind = .sequence([])
                items.append(node)
                stack[top].node.kind = .sequence(items)
            case .mapping(var pairs):
                guard let key = stack[top].pendingKey else {
                    stack[top].pendingKey = node
                    return
                }
                stack[top].pendingKey = nil
                if case .scalar(let text, _) = key.kind {
                    if let first = stack[top].keys.updateValue(key.line, forKey: text) {
                        stack[top].keys[text] = first
                        duplicates.append(Failure(line: key.line, column: key.column, message: "duplicate key "
                            + "\(quoted(text)) (first on line \(first)); each key may appear once"))
                        return
                    }
                }
                stack[top].node.kind = .mapping([])
                pairs.append((key, node))
                stack[top].node.kind = .mapping(pairs)
            case .scalar:
                break
            }
        }

        static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }

        /// The parser's error, placed where it can be fixed: a construct that runs to the end of
        /// the file (an unclosed quote or bracket) is blamed where it starts.
        func syntaxError(_ parser: yaml_parser_t) -> Failure {
            let problem = parser.problem.map { String(cString: $0) } ?? "cannot parse"
            let mark = parser.problem_mark
            if let context = parser.context.map({ String(cString: $0) }), parser.problem_mark.index >= bytesCount {
                let start = parser.context_mark
                // "while scanning a quoted scalar" → "quoted scalar"
                let words = context.split(separator: " ")
                let article = words.firstIndex { $0 == "a" || $0 == "an" }.map { $0 + 1 } ?? 0
                let construct = words[article...].joined(separator: " ")
                return Failure(line: Int(start.line) + 1, column: Int(start.column) + 1,
                               message: "YAML syntax error: the \(construct) that starts here is never closed "
                                   + "(\(problem) at line \(Int(mark.line) + 1))")
            }
            let context = parser.context.map { " (\(String(cString: $0)))" } ?? ""
            return Failure(line: Int(mark.line) + 1, column: Int(mark.column) + 1, message: "YAML syntax error: \(problem)\(context)")
        }
    }
}
