import ExitReadiness

/// A Varlink method call: `{"method": "io.exitready.Monitor.GetScores", "parameters": {…}}`
/// with the optional flags `oneway` (no reply wanted), `more` (several replies accepted) and
/// `upgrade` (switch protocols after the reply).
public struct VarlinkCall: Sendable, Equatable {
    /// The fully qualified method name, `INTERFACE.Method`.
    public var method: String
    /// The parameters object (empty when the message has none).
    public var parameters: JSONValue
    public var oneway: Bool
    public var more: Bool
    public var upgrade: Bool

    public init(
        method: String, parameters: JSONValue = .object([]), oneway: Bool = false, more: Bool = false,
        upgrade: Bool = false
    ) {
        self.method = method
        self.parameters = parameters
        self.oneway = oneway
        self.more = more
        self.upgrade = upgrade
    }

    /// The interface part of `method` (before the last dot); empty when there is no dot.
    public var interface: Substring {
        guard let dot = method.lastIndex(of: ".") else { return "" }
        return method[..<dot]
    }

    /// The method part of `method` (after the last dot).
    public var member: Substring {
        guard let dot = method.lastIndex(of: ".") else { return method[...] }
        return method[method.index(after: dot)...]
    }

    /// Reads a call from a decoded message. Unknown fields are ignored, as the protocol asks;
    /// absent or null `parameters` are an empty object.
    public init(message: JSONValue) throws(VarlinkMessageError) {
        guard case .object = message else { throw .notAnObject }
        guard let method = message["method"] else { throw .missingField("method") }
        guard let name = method.stringValue else { throw .wrongType(field: "method") }
        self.method = name
        parameters = try VarlinkMessage.parameters(in: message)
        oneway = try VarlinkMessage.flag("oneway", in: message)
        more = try VarlinkMessage.flag("more", in: message)
        upgrade = try VarlinkMessage.flag("upgrade", in: message)
    }

    /// Parses and reads a call from the bytes of one message (without its NUL).
    public init(bytes: UnsafeRawBufferPointer) throws(VarlinkMessageError) {
        try self.init(message: try VarlinkMessage.parse(bytes))
    }

    /// The message as sent: flags only when set, `parameters` always.
    public var message: JSONValue {
        var members: [(String, JSONValue)] = [("method", .string(method)), ("parameters", parameters)]
        if oneway { members.append(("oneway", .bool(true))) }
        if more { members.append(("more", .bool(true))) }
        if upgrade { members.append(("upgrade", .bool(true))) }
        return .object(members)
    }

    /// The message's bytes with the terminating NUL.
    public func framed() -> [UInt8] {
        VarlinkMessage.framed(message)
    }
}
