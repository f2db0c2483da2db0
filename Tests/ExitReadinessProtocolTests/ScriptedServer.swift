import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A Unix socket server for client tests: accepts one connection and plays a script on it in
/// a thread of its own (the client under test blocks).
final class ScriptedServer: @unchecked Sendable {
    // @unchecked: `descriptor` and `directory` are set in init and only read afterwards; the
    // script runs on one thread and touches only the accepted descriptor.
    let directory: String
    let path: String
    private let descriptor: Int32
    private let done = DispatchSemaphore(value: 0)

    /// Binds a socket in a fresh temporary directory; `listening: false` leaves it bound but
    /// not listening (what a crashed server leaves behind).
    init(listening: Bool = true) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("varlink-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/socket"
        descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        precondition(bound == 0, "bind: \(errno)")
        if listening { precondition(listen(descriptor, 8) == 0) }
    }

    deinit {
        close(descriptor)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Accepts one connection and runs `script` with its descriptor, then closes it.
    func serve(_ script: @escaping @Sendable (Int32) -> Void) {
        let listener = descriptor
        let done = done
        Thread.detachNewThread {
            let connection = accept(listener, nil, nil)
            if connection >= 0 {
                script(connection)
                close(connection)
            }
            done.signal()
        }
    }

    /// Waits for the script to finish.
    func wait() { done.wait() }

    /// Reads until `count` NUL-terminated messages arrived; returns them.
    static func readMessages(_ connection: Int32, count: Int) -> [String] {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while received.filter({ $0 == 0 }).count < count {
            let length = recv(connection, &chunk, chunk.count, 0)
            if length <= 0 { break }
            received += chunk[0..<length]
        }
        return received.split(separator: 0, omittingEmptySubsequences: false).dropLast().map {
            String(decoding: $0, as: UTF8.self)
        }
    }

    static func write(_ connection: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        _ = send(connection, &bytes, bytes.count, Int32(MSG_NOSIGNAL))
    }
}
