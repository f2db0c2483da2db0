import ExitReadiness

/// A reply to a Varlink call: `{"parameters": {…}}`, with `"continues": true` when more replies
/// to the same call follow, or `"error": "INTERFACE.Name"` when the call failed (the parameters
/// then describe the error).
public struct VarlinkReply: Sendable, Equatable {
    /// The reply parameters, or the error's parameters (an object, possibly empty).
    public var parameters: JSONValue
    /// More replies to the same call follow (only for calls made with `more`).
    public var continues: Bool
    /// The qualified error name, or nil for a successful reply.
    public var error: String?

    public init(parameters: JSONValue = .object([]), continues: Bool = false, error: String? = nil) {
        self.parameters = parameters
        self.continues = continues
        self.error = error
    }

    /// An error reply.
    public static func error(_ name: String, parameters: JSONValue = .object([])) -> VarlinkReply {
        VarlinkReply(parameters: parameters, error: name)
    }

    /// Reads a reply from a decoded message; absent or null `parameters` are an empty object.
    public init(message: JSONValue) throws(VarlinkMessageError) {
        guard case .object = message else { throw .notAnObject }
        parameters = try VarlinkMessage.parameters(in: message)
        continues = try VarlinkMessage.flag("continues", in: message)
        switch message["error"] {
        case nil, .null?: error = nil
        case .string(let name)?: error = name
        default: throw .wrongType(field: "error")
        }
    }

    /// Parses and reads a reply from the bytes of one message (without its NUL).
    public init(bytes: UnsafeRawBufferPointer) throws(VarlinkMessageError) {
        try self.init(message: try VarlinkMessage.parse(bytes))
    }

    /// The message as sent: `continues` only when true, `error` only when set.
    public var message: JSONValue {
        var members: [(String, JSONValue)] = []
        if let error { members.append(("error", .string(error))) }
        members.append(("parameters", parameters))
        if continues { members.append(("continues", .bool(true))) }
        return .object(members)
    }

    /// The message's bytes with the terminating NUL.
    public func framed() -> [UInt8] {
        VarlinkMessage.framed(message)
    }
}
