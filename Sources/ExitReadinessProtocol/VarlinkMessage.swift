import ExitReadiness

/// What calls and replies share: parsing one message's bytes, reading its `parameters` and
/// boolean flags, and framing it with its NUL.
enum VarlinkMessage {
    /// The JSON value of one message (without its NUL).
    static func parse(_ bytes: UnsafeRawBufferPointer) throws(VarlinkMessageError) -> JSONValue {
        do {
            return try JSONParser.parse(bytes)
        } catch {
            throw .invalidJSON(error)
        }
    }

    /// `parameters`: an object; absent or null is an empty object.
    static func parameters(in message: JSONValue) throws(VarlinkMessageError) -> JSONValue {
        switch message["parameters"] {
        case nil, .null?: return .object([])
        case .object(let members)?: return .object(members)
        default: throw .wrongType(field: "parameters")
        }
    }

    /// A boolean field; absent or null is false.
    static func flag(_ name: String, in message: JSONValue) throws(VarlinkMessageError) -> Bool {
        switch message[name] {
        case nil, .null?: return false
        case .bool(let value)?: return value
        default: throw .wrongType(field: name)
        }
    }

    /// The message's bytes with the terminating NUL.
    static func framed(_ message: JSONValue) -> [UInt8] {
        var bytes = message.encoded()
        bytes.append(0)
        return bytes
    }
}
