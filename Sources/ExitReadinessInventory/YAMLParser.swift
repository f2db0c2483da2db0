import CYAML

/// Parses one YAML document with libyaml into `YAMLNode`s.
///
/// libyaml's event parser is used directly: building our own small nodes is several times
/// faster than a general YAML object model, which matters with ten thousand contract files.
/// Anchors and aliases are resolved, duplicate mapping keys rejected, nesting is bounded.
///
/// Positions are taken from the character offset of libyaml's marks, not from its line and
/// column: libyaml follows YAML 1.1 and also ends a line at U+0085, U+2028 and U+2029, which
/// editors, `TextFile.position` and the CSV reader do not, so its line numbers would drift after
/// any of them.
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
        guard yaml_parser_initialize(&parser) == 1 else {
            throw Failure(line: 1, column: 1, message: "cannot start the YAML parser")
        }
        defer { yaml_parser_delete(&parser) }
        return try bytes.withUnsafeBufferPointer { buffer throws(Failure) -> (root: YAMLNode?, duplicates: [Failure]) in
            yaml_parser_set_input_string(&parser, buffer.baseAddress ?? UnsafePointer(bitPattern: 1), buffer.count)
            var composer = Composer(lines: Lines(buffer))
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
            /// The line of each scalar key, once the mapping has more than `scannedKeys` pairs.
            var keys: [String: Int]?
        }

        /// Up to this many pairs, a mapping's keys are compared one by one rather than hashed:
        /// most mappings hold a handful, and hashing each key cost more than comparing.
        static let scannedKeys = 16

        let lines: Lines
        var stack: [Open] = []
        var anchors: [String: YAMLNode] = [:]
        var root: YAMLNode?
        var documents = 0
        var duplicates: [Failure] = []
        /// Where the quoted scalar just read starts, and the line it ends on, when it runs over
        /// several lines: a syntax error right after it most likely means its closing quote is
        /// missing and the next quote of the file closed it instead.
        var multilineQuote: (start: yaml_mark_t, endLine: Int)?

        mutating func run(_ parser: inout yaml_parser_t) throws(Failure) -> YAMLNode? {
            var event = yaml_event_t()
            while true {
                guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError(parser) }
                defer { yaml_event_delete(&event) }
                let (line, column) = lines.position(event.start_mark)
                multilineQuote = nil
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return root
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        throw Failure(
                            line: line, column: column, message: "the file holds more than one YAML document; expected one")
                    }
                case YAML_SCALAR_EVENT:
                    let scalar = event.data.scalar
                    let text = String(
                        decoding: UnsafeBufferPointer(start: scalar.value, count: Int(scalar.length)), as: UTF8.self)
                    let node = YAMLNode(
                        kind: .scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE),
                        line: line, column: column)
                    if scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE || scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE {
                        let endLine = lines.position(event.end_mark).line
                        if endLine > line { multilineQuote = (event.start_mark, endLine) }
                    }
                    try add(node, anchor: Self.string(scalar.anchor))
                case YAML_ALIAS_EVENT:
                    let name = Self.string(event.data.alias.anchor) ?? ""
                    guard let node = anchors[name] else {
                        throw Failure(line: line, column: column, message: "unknown alias *\(name)")
                    }
                    try add(YAMLNode(kind: node.kind, line: line, column: column), anchor: nil)
                case YAML_SEQUENCE_START_EVENT:
                    try open(
                        YAMLNode(kind: .sequence([]), line: line, column: column),
                        anchor: Self.string(event.data.sequence_start.anchor))
                case YAML_MAPPING_START_EVENT:
                    try open(
                        YAMLNode(kind: .mapping([]), line: line, column: column),
                        anchor: Self.string(event.data.mapping_start.anchor))
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
                throw Failure(
                    line: node.line, column: node.column,
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
                    if let first = earlierLine(of: text, line: key.line, among: pairs, in: top) {
                        duplicates.append(
                            Failure(
                                line: key.line, column: key.column,
                                message: "duplicate key "
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

        /// The line of the mapping's earlier key `text`, if any; else records `text` on `line`.
        /// `pairs` are the mapping's pairs so far (without duplicates).
        private mutating func earlierLine(
            of text: String, line: Int, among pairs: [(key: YAMLNode, value: YAMLNode)], in top: Int
        ) -> Int? {
            if stack[top].keys == nil {
                guard pairs.count >= Self.scannedKeys else {
                    let earlier = pairs.first { if case .scalar(let other, _) = $0.key.kind { other == text } else { false } }
                    return earlier?.key.line
                }
                var keys: [String: Int] = [:]
                for (key, _) in pairs { if case .scalar(let other, _) = key.kind { keys[other] = key.line } }
                stack[top].keys = keys
            }
            if let first = stack[top].keys![text] { return first }
            stack[top].keys![text] = line
            return nil
        }

        static func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            pointer.map { String(cString: $0) }
        }

        /// The parser's error, placed where it can be fixed: a construct that was never closed
        /// (a quote, a `[` or a `{`) is blamed where it starts, not where libyaml gave up on it.
        ///
        /// Such a construct is recognised by where the error lies: at the end of the file (the
        /// construct ran to it), on the line where a quoted scalar spanning lines ends (the next
        /// quote of the file closed it), or on a later line than the `[` or `{` whose entries
        /// libyaml was parsing (editors keep a flow collection on one line).
        func syntaxError(_ parser: yaml_parser_t) -> Failure {
            let problem = parser.problem.map { String(cString: $0) } ?? "cannot parse"
            let mark = lines.position(parser.problem_mark)
            let context = parser.context.map { String(cString: $0) }
            // Marks count characters (after a byte order mark), so the end of the file is the
            // character count, not the byte count.
            if let context, Int(parser.problem_mark.index) >= lines.characters {
                return neverClosed(
                    Self.construct(context), startingAt: parser.context_mark,
                    because: "\(problem) at line \(mark.line)")
            }
            if let quote = multilineQuote, quote.endLine == mark.line {
                return neverClosed(
                    "quoted scalar", startingAt: quote.start,
                    because: "it ends at the next quote, on line \(mark.line): \(problem)")
            }
            if let context, context == "while parsing a flow sequence" || context == "while parsing a flow mapping",
                lines.position(parser.context_mark).line < mark.line
            {
                return neverClosed(
                    Self.construct(context), startingAt: parser.context_mark,
                    because: "\(problem) at line \(mark.line)")
            }
            let shownContext = context.map { " (\($0))" } ?? ""
            return Failure(line: mark.line, column: mark.column, message: "YAML syntax error: \(problem)\(shownContext)")
        }

        private func neverClosed(_ construct: String, startingAt start: yaml_mark_t, because reason: String) -> Failure {
            let (line, column) = lines.position(start)
            return Failure(
                line: line, column: column,
                message: "YAML syntax error: the \(construct) that starts here is never closed (\(reason))")
        }

        /// "while scanning a quoted scalar" → "quoted scalar".
        private static func construct(_ context: String) -> String {
            let words = context.split(separator: " ")
            let article = words.firstIndex { $0 == "a" || $0 == "an" }.map { $0 + 1 } ?? 0
            return words[article...].joined(separator: " ")
        }
    }
}

extension YAMLParser {
    /// Where each line of the text starts, counted in characters as libyaml's `mark.index`
    /// counts them (Unicode scalars, a leading byte order mark not included), to turn a mark into
    /// the line and column an editor shows: LF, CRLF and a lone CR end a line, nothing else does.
    struct Lines {
        /// Character offset of the first character of each line.
        private var starts: [Int] = [0]
        /// Character offset of the line end of each line but the last.
        private var ends: [Int] = []
        /// Characters in the text (after a byte order mark).
        private(set) var characters = 0

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            var character = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                    ends.append(character)
                    if byte == UInt8(ascii: "\r"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\n") {
                        index += 1
                        character += 1
                    }
                    starts.append(character + 1)
                }
                // Every byte but a UTF-8 continuation byte starts a character.
                if byte & 0xC0 != 0x80 { character += 1 }
                index += 1
            }
            characters = character
        }

        /// 1-based line and column (in characters) of a libyaml mark.
        func position(_ mark: yaml_mark_t) -> (line: Int, column: Int) {
            let offset = min(Int(mark.index), characters)
            // The last line that starts at or before the offset.
            var low = 0
            var high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            // A mark inside a line end (between CR and LF) counts as just after the line.
            let end = low < ends.count ? ends[low] : characters
            return (low + 1, min(offset, end) - starts[low] + 1)
        }
    }
}
