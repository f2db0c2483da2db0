import ExitReadinessProtocol

#if canImport(Glibc)
    import Glibc
#endif

/// The file of a socket the query server binds itself: checked before binding, given its
/// mode and group before anyone can connect, and removed when the server stops.
///
/// The socket is bound under a temporary name beside the final path, has its mode and group
/// set, and is then renamed over the path: clients never see it with other permissions, and a
/// stale socket from a previous run is replaced in one step.
struct QueryServerSocketFile: Sendable {
    let path: String
    let mode: mode_t
    let group: gid_t?

    /// Where to bind before the rename: beside `path`, or `path` itself when the longer name
    /// would not fit in a socket address.
    var bindPath: String {
        let temporary = path + ".\(getpid()).new"
        return temporary.utf8.count < 108 ? temporary : path
    }

    /// Fails when something other than a stale socket is at `path`.
    func checkPath() throws(QueryServerError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw .socketFile(path: path, operation: "lstat", errno: errno)
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else { throw .notASocket(path: path) }
        if Self.isAnswering(path) { throw .socketInUse(path: path) }
        if bindPath == path, unlink(path) != 0, errno != ENOENT {
            throw .socketFile(path: path, operation: "unlink", errno: errno)
        }
    }

    /// Gives the socket bound at `bindPath` its mode and group, moves it to `path` and returns
    /// its inode (so that `remove` never deletes a socket that a later daemon put there).
    func install() throws(QueryServerError) -> ino_t {
        let bound = bindPath
        if chmod(bound, mode) != 0 { throw fail("chmod", bound) }
        if let group, chown(bound, uid_t.max, group) != 0 { throw fail("chown", bound) }
        if bound != path, rename(bound, path) != 0 { throw fail("rename", bound) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw fail("stat", path) }
        return info.st_ino
    }

    /// Removes the socket file if it is still the one `install` put there.
    func remove(inode: ino_t) {
        var info = stat()
        guard lstat(path, &info) == 0, info.st_ino == inode, info.st_mode & S_IFMT == S_IFSOCK else { return }
        unlink(path)
    }

    /// Removes the temporary socket after a failed `install`.
    func discardTemporary() {
        if bindPath != path { unlink(bindPath) }
    }

    private func fail(_ operation: String, _ file: String) -> QueryServerError {
        let code = errno
        discardTemporary()
        return .socketFile(path: file, operation: operation, errno: code)
    }

    /// Whether a process accepts connections on the socket at `path` (a refused connection
    /// means the file is left over from a process that is gone).
    static func isAnswering(_ path: String) -> Bool {
        let descriptor = socket(
            AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        guard var address = UnixSocketAddress.make(path) else { return false }
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
            }
        }
        // EAGAIN: the accept queue is full, so someone is listening.
        return result == 0 || errno == EAGAIN || errno == EINPROGRESS
    }

    /// Checks that an inherited descriptor is a listening Unix stream socket.
    static func checkInherited(_ descriptor: Int32) throws(QueryServerError) {
        func option(_ name: Int32) -> Int32? {
            var value: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            return getsockopt(descriptor, SOL_SOCKET, name, &value, &length) == 0 ? value : nil
        }
        guard let domain = option(SO_DOMAIN) else {
            throw .unsuitableInheritedSocket(descriptor: descriptor, reason: String(cString: strerror(errno)))
        }
        guard domain == AF_UNIX else { throw .unsuitableInheritedSocket(descriptor: descriptor, reason: "not a Unix socket") }
        guard option(SO_TYPE) == Int32(SOCK_STREAM.rawValue) else {
            throw .unsuitableInheritedSocket(descriptor: descriptor, reason: "not a stream socket")
        }
        guard option(SO_ACCEPTCONN) == 1 else {
            throw .unsuitableInheritedSocket(descriptor: descriptor, reason: "not listening")
        }
    }
}
