import ExitReadiness
import ExitReadinessProtocol
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Interface descriptions")
struct InterfaceDescriptionTests {
    static let idlFile =
        String(
            #filePath.split(separator: "/", omittingEmptySubsequences: false).dropLast(3)
                .joined(separator: "/")) + "/Sources/ExitReadinessProtocol/io.exitready.Monitor.varlink"

    /// The bytes of a file, without Foundation.
    static func contents(of path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = fread(&chunk, 1, chunk.count, file)
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return bytes
    }

    @Test func theServedMonitorDescriptionIsTheFileByteForByte() throws {
        let file = try #require(Self.contents(of: Self.idlFile), "cannot read \(Self.idlFile)")
        #expect(
            Array(MonitorInterface.description.utf8) == file,
            "paste io.exitready.Monitor.varlink into MonitorInterface.description")
    }

    @Test func descriptionsDeclareTheirInterface() {
        #expect(MonitorInterface.description.contains("\ninterface io.exitready.Monitor\n"))
        #expect(VarlinkServiceInterface.description.contains("\ninterface org.varlink.service\n"))
        for error in [
            "InterfaceNotFound", "MethodNotFound", "MethodNotImplemented", "InvalidParameter", "PermissionDenied",
            "ExpectedMore",
        ] {
            #expect(VarlinkServiceInterface.description.contains("error \(error) ("))
        }
        #expect(VarlinkServiceInterface.description.hasSuffix(")\n"))
    }

    @Test func getInfoNamesBothInterfaces() {
        let info = VarlinkServiceInfo.exitready.parameters
        #expect(info["vendor"] == .string("exitready"))
        #expect(info["product"] == .string("exitready"))
        #expect(info["version"] == .string(ExitReadyVersion.current))
        #expect(info["interfaces"] == .array([.string("org.varlink.service"), .string("io.exitready.Monitor")]))
        #expect(VarlinkServiceInfo.description(ofInterface: "io.exitready.Monitor") == MonitorInterface.description)
        #expect(VarlinkServiceInfo.description(ofInterface: "org.example.none") == nil)
    }
}
