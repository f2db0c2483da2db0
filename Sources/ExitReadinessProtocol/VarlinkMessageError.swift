/// A message that is not a well-formed Varlink call or reply.
public enum VarlinkMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not JSON.
    case invalidJSON(JSONParseError)
    /// The JSON is not an object.
    case notAnObject
    /// A required field is absent.
    case missingField(String)
    /// A field has the wrong JSON type (e.g. `"more": "yes"`).
    case wrongType(field: String)

    public var description: String {
        switch self {
        case .invalidJSON(let error): "\(error)"
        case .notAnObject: "the message is not a JSON object"
        case .missingField(let field): "the message has no \"\(field)\""
        case .wrongType(let field): "\"\(field)\" has the wrong type"
        }
    }
}
