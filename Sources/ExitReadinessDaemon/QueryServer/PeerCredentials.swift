import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Who is on the other end of a Unix socket connection, as the kernel recorded it when the
/// peer connected (`SO_PEERCRED`): it cannot be forged by the peer.
public struct PeerCredentials: Sendable, Equatable, CustomStringConvertible {
    public var pid: Int32
    public var uid: UInt32
    public var gid: UInt32

    public init(pid: Int32, uid: UInt32, gid: UInt32) {
        self.pid = pid
        self.uid = uid
        self.gid = gid
    }

    /// The credentials of a connected Unix socket channel; nil when the kernel gives none
    /// (not a Unix socket). Call on the channel's event loop for an immediate answer.
    static func of(_ channel: any Channel) -> EventLoopFuture<PeerCredentials?> {
        guard let provider = channel as? any SocketOptionProvider else {
            return channel.eventLoop.makeSucceededFuture(nil)
        }
        let future: EventLoopFuture<KernelCredentials> = provider.unsafeGetSocketOption(
            level: SocketOptionLevel(SOL_SOCKET), name: SocketOptionName(SO_PEERCRED)
        )
        return future.map { credentials in
            PeerCredentials(pid: credentials.pid, uid: credentials.uid, gid: credentials.gid)
        }.recover { _ in nil }
    }

    public var description: String { "pid \(pid) uid \(uid) gid \(gid)" }
}

/// The layout of Linux's `struct ucred` (`pid_t`, `uid_t`, `gid_t`), which Swift's Glibc
/// module does not import because it sits behind `_GNU_SOURCE`.
private struct KernelCredentials: Sendable {
    var pid: Int32 = 0
    var uid: UInt32 = 0
    var gid: UInt32 = 0
}
