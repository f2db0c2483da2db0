/// A node of a parsed YAML document, with the line and column where it starts (1-based,
/// columns in characters), so every value can be blamed precisely.
struct YAMLNode: Sendable {
    enum Kind: Sendable {
        /// `plain` is false for quoted and block scalars: they are always text.
        case scalar(String, plain: Bool)
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    var kind: Kind
    var line: Int
    var column: Int
}
