import ExitReadinessStore

#if canImport(Glibc)
    import Glibc
#endif

/// What identifies a file's content for the cache: size, modification time, inode.
struct Identity: Equatable {
    var size: Int64
    var modifiedNanoseconds: Int64
    var inode: UInt64

    init(_ file: CachedFile) {
        size = file.size
        modifiedNanoseconds = file.modifiedNanoseconds
        inode = file.inode
    }

    init(_ status: stat) {
        size = Int64(status.st_size)
        modifiedNanoseconds = FileTreeWalker.nanoseconds(status.st_mtim)
        inode = UInt64(status.st_ino)
    }
}

/// Opening files below the dataroom root one component at a time, never through a symbolic
/// link: a file swapped for a link after the scan is not followed out of the room.
enum SafeOpen {
    /// Why a file could not be opened for reading.
    enum Failure: Error {
        /// A system call failed with this errno.
        case system(Int32)
        /// The path names a FIFO, socket, device or directory (e.g. swapped in since the scan).
        case notRegular
    }

    /// A descriptor of the regular file at `components` below `root`, in blocking mode.
    ///
    /// The file is opened with O_NONBLOCK so that a FIFO put in its place cannot block the
    /// open, and checked to be a regular file before O_NONBLOCK is cleared for reading.
    static func file(root: String, components: [[UInt8]]) -> Result<Int32, Failure> {
        var descriptor = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(.system(errno)) }
        for (index, component) in components.enumerated() {
            let last = index == components.count - 1
            let flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC | (last ? O_NONBLOCK | O_NOCTTY : O_DIRECTORY)
            let next = (component + [0]).withUnsafeBufferPointer { name in
                name.withMemoryRebound(to: CChar.self) { openat(descriptor, $0.baseAddress!, flags) }
            }
            let saved = errno
            close(descriptor)
            guard next >= 0 else { return .failure(.system(saved)) }
            descriptor = next
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let saved = errno
            close(descriptor)
            return .failure(.system(saved))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            return .failure(.notRegular)
        }
        let flags = fcntl(descriptor, F_GETFL)
        guard flags >= 0, fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) == 0 else {
            let saved = errno
            close(descriptor)
            return .failure(.system(saved))
        }
        return .success(descriptor)
    }

    static func identity(_ descriptor: Int32) -> Identity? {
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return Identity(status)
    }
}
