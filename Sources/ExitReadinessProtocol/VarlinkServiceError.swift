import ExitReadiness

/// The standard errors of the `org.varlink.service` interface, which any Varlink service may
/// reply to any call.
public enum VarlinkServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The service implements no interface of that name.
    case interfaceNotFound(interface: String)
    /// The interface has no method of that name (the fully qualified name).
    case methodNotFound(method: String)
    /// The method is defined but not implemented here.
    case methodNotImplemented(method: String)
    /// A parameter is missing, unknown, of the wrong type, or has a value that is not allowed.
    case invalidParameter(parameter: String)
    /// The caller may not call this method (decided from its credentials).
    case permissionDenied
    /// The method streams replies and must be called with `more`.
    case expectedMore

    /// The qualified error name, e.g. `org.varlink.service.InvalidParameter`.
    public var name: String {
        let member =
            switch self {
            case .interfaceNotFound: "InterfaceNotFound"
            case .methodNotFound: "MethodNotFound"
            case .methodNotImplemented: "MethodNotImplemented"
            case .invalidParameter: "InvalidParameter"
            case .permissionDenied: "PermissionDenied"
            case .expectedMore: "ExpectedMore"
            }
        return VarlinkServiceInterface.name + "." + member
    }

    /// The error's parameters, as the interface defines them.
    public var parameters: JSONValue {
        switch self {
        case .interfaceNotFound(let interface): .object([("interface", .string(interface))])
        case .methodNotFound(let method), .methodNotImplemented(let method): .object([("method", .string(method))])
        case .invalidParameter(let parameter): .object([("parameter", .string(parameter))])
        case .permissionDenied, .expectedMore: .object([])
        }
    }

    /// The error as a reply.
    public var reply: VarlinkReply { .error(name, parameters: parameters) }

    /// Recognises a standard error in a reply; nil for other replies.
    public init?(reply: VarlinkReply) {
        let text = { (key: String) in reply.parameters[key]?.stringValue ?? "" }
        switch reply.error {
        case "org.varlink.service.InterfaceNotFound": self = .interfaceNotFound(interface: text("interface"))
        case "org.varlink.service.MethodNotFound": self = .methodNotFound(method: text("method"))
        case "org.varlink.service.MethodNotImplemented": self = .methodNotImplemented(method: text("method"))
        case "org.varlink.service.InvalidParameter": self = .invalidParameter(parameter: text("parameter"))
        case "org.varlink.service.PermissionDenied": self = .permissionDenied
        case "org.varlink.service.ExpectedMore": self = .expectedMore
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .interfaceNotFound(let interface): "no interface \(interface)"
        case .methodNotFound(let method): "no method \(method)"
        case .methodNotImplemented(let method): "method \(method) is not implemented"
        case .invalidParameter(let parameter): "invalid parameter \(parameter)"
        case .permissionDenied: "permission denied"
        case .expectedMore: "the method must be called with \"more\""
        }
    }
}
