import ExitReadiness

/// What `org.varlink.service.GetInfo` replies: who made the service and which interfaces it
/// implements.
public struct VarlinkServiceInfo: Sendable, Equatable {
    public var vendor: String
    public var product: String
    public var version: String
    public var url: String
    public var interfaces: [String]

    public init(vendor: String, product: String, version: String, url: String, interfaces: [String]) {
        self.vendor = vendor
        self.product = product
        self.version = version
        self.url = url
        self.interfaces = interfaces
    }

    /// exitreadyd: `org.varlink.service` and `io.exitready.Monitor`.
    public static let exitready = VarlinkServiceInfo(
        vendor: "exitready", product: "exitready", version: ExitReadyVersion.current, url: "man:exitreadyd(8)",
        interfaces: [VarlinkServiceInterface.name, MonitorInterface.name]
    )

    /// The reply parameters of `GetInfo`.
    public var parameters: JSONValue {
        .object([
            ("vendor", .string(vendor)), ("product", .string(product)), ("version", .string(version)),
            ("url", .string(url)), ("interfaces", .array(interfaces.map { .string($0) })),
        ])
    }

    /// The definition of an implemented interface, or nil.
    public static func description(ofInterface name: String) -> String? {
        switch name {
        case VarlinkServiceInterface.name: VarlinkServiceInterface.description
        case MonitorInterface.name: MonitorInterface.description
        default: nil
        }
    }
}
