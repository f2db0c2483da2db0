#if canImport(Glibc)
    import Glibc
#endif

extension QueryServer {
    /// Where the query server listens.
    public enum Listener: Sendable, Equatable {
        /// Bind a Unix socket at this path: a stale socket file left by a previous run is
        /// replaced, a live one (another daemon answering) is an error. The socket gets `mode`
        /// and, when given, the group `group`; it is removed when the server stops.
        case path(String, mode: mode_t = 0o660, group: gid_t? = nil)
        /// Adopt a listening Unix stream socket inherited from systemd (socket activation:
        /// the descriptor from `sd_listen_fds`, usually 3). systemd owns its file and modes.
        case inherited(Int32)
    }
}
