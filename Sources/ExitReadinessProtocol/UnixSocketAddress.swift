#if canImport(Glibc)
    import Glibc
#endif

/// The address of a Unix socket file, as connect(2) and bind(2) take it.
public enum UnixSocketAddress {
    /// The address of `path`; nil when the path is empty or too long for `sun_path` (107 bytes).
    public static func make(_ path: String) -> sockaddr_un? {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        guard !path.isEmpty, path.utf8.count < MemoryLayout.size(ofValue: address.sun_path) else { return nil }
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: path.utf8) }
        return address
    }
}
