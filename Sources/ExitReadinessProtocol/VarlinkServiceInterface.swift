import ExitReadiness

/// The `org.varlink.service` interface every Varlink service implements: `GetInfo` and
/// `GetInterfaceDescription`, plus the standard errors (`VarlinkServiceError`).
public enum VarlinkServiceInterface {
    public static let name = "org.varlink.service"

    /// A call of this interface, with its parameters checked.
    public enum Call: Sendable, Equatable {
        case getInfo
        case getInterfaceDescription(interface: String)

        /// Reads a call of `org.varlink.service`.
        /// - Throws: `methodNotFound` or `invalidParameter`.
        public init(member: some StringProtocol, parameters: JSONValue) throws(VarlinkServiceError) {
            switch member {
            case "GetInfo":
                _ = try VarlinkParameters(parameters, declared: [])
                self = .getInfo
            case "GetInterfaceDescription":
                let reader = try VarlinkParameters(parameters, declared: ["interface"])
                self = .getInterfaceDescription(interface: try reader.string("interface"))
            default:
                throw .methodNotFound(method: VarlinkServiceInterface.name + "." + member)
            }
        }
    }

    /// The interface definition served for `GetInterfaceDescription("org.varlink.service")`:
    /// the two methods and the standard errors, including `PermissionDenied` and `ExpectedMore`
    /// that systemd added to the original set.
    public static let description = """
        # The interface every Varlink service provides: what the service is and which
        # interfaces it implements.
        interface org.varlink.service

        # Describes the service and lists the interfaces it implements.
        method GetInfo() -> (
          vendor: string,
          product: string,
          version: string,
          url: string,
          interfaces: []string
        )

        # Returns the definition of one of the interfaces the service implements.
        method GetInterfaceDescription(interface: string) -> (description: string)

        # The service implements no interface of this name.
        error InterfaceNotFound (interface: string)

        # The interface has no method of this name.
        error MethodNotFound (method: string)

        # The interface defines the method but the service does not implement it.
        error MethodNotImplemented (method: string)

        # A parameter is missing, unknown, of the wrong type, or has a value that is not allowed.
        error InvalidParameter (parameter: string)

        # The caller is not allowed to call this method.
        error PermissionDenied ()

        # The method streams its replies and must be called with "more".
        error ExpectedMore ()

        """
}
